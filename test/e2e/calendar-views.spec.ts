import type { Locator, Page } from '@playwright/test';
import { calendarColumn, expect, scheduleCard, test, type Api, type Customer, type Schedule } from './fixtures.ts';
import { atLocal } from '../../src/platform/time.ts';
import { addDays } from '../../src/shared/time.ts';

/**
 * OPS-6 and OPS-7 (issue 13) as an owner and the front desk meet them: the
 * month, a week with three bookings at once, cancelled schedules out of the
 * way and out of the counts, the search, the history in Korean, the print
 * sheet, and the admin on a 390 px phone. The days used lie weeks ahead of
 * the demo's own week, so the demo's schedules do not crowd them, and no
 * schedule of today is cancelled (calendar.spec.ts counts today's cards).
 */

const SHOTS = 'test-results/e2e';

/** A customer with the name given (the fixtures' createCustomer prefixes E2E, too long for a three-way overlap). */
async function namedCustomer(page: Page, name: string): Promise<Customer> {
  const digits = String(Math.floor(Math.random() * 1e8)).padStart(8, '0');
  const response = await page.request.post('/api/customers', { data: { name, phone: `010${digits}` } });
  expect(response.ok(), await response.text()).toBe(true);
  return (await response.json()) as Customer;
}

async function cancel(page: Page, scheduleId: string): Promise<void> {
  const response = await page.request.post(`/api/schedules/${scheduleId}/status`, { data: { status: 'cancelled' } });
  expect(response.ok(), await response.text()).toBe(true);
}

async function activeCountOf(api: Api, date: string, staffId?: string): Promise<number> {
  const { schedules } = await api.calendarDay(date);
  return schedules.filter((s) => s.status !== 'cancelled' && (!staffId || s.staffId === staffId)).length;
}

/** The name on a card is all there: not cut off sideways nor below. */
async function nameFullyVisible(card: Locator): Promise<boolean> {
  return card.locator('.card-name').evaluate((node) => {
    const el = node as HTMLElement;
    return el.scrollWidth <= el.clientWidth + 1 && el.scrollHeight <= el.clientHeight + 1 && el.clientWidth > 0;
  });
}

test('월간 보기: 일~토 달력에 날마다 건수(취소 제외)와 고객 이름이 보이고, 날짜를 누르면 그날의 일간 보기가 열린다', async ({ loggedIn: page, api, today }) => {
  const day = addDays(today.date, 21);
  const [staff] = await api.realStaff(today.date);
  if (!staff) throw new Error('the demo business needs a staff');
  const kept = await namedCustomer(page, '월간고객');
  const gone = await namedCustomer(page, '월간취소');
  await api.createSchedule({ customerId: kept.id, staffId: staff.id, startsAt: atLocal(day, '09:00', today.timeZone), minutes: 30 });
  const cancelled = await api.createSchedule({ customerId: gone.id, staffId: staff.id, startsAt: atLocal(day, '09:30', today.timeZone), minutes: 30 });
  await cancel(page, cancelled.id);
  const expected = await activeCountOf(api, day);

  await page.goto(`/calendar?date=${day}`);
  await page.getByRole('button', { name: '월간', exact: true }).click();
  const [year, month] = day.split('-').map(Number);
  await expect(page.getByTestId('calendar-title')).toHaveText(`${year}년 ${month}월`);
  const grid = page.getByTestId('month-view');
  await expect(grid).toHaveAttribute('data-loaded', 'true');
  await expect(grid.getByRole('columnheader')).toHaveText(['일', '월', '화', '수', '목', '금', '토']);

  const cell = grid.locator(`[data-testid="month-day"][data-date="${day}"]`);
  await expect(cell).toHaveAttribute('data-count', String(expected));
  await expect(cell).toContainText(`${expected}건`);
  await expect(cell).toContainText('월간고객');
  await expect(cell).not.toContainText('월간취소');
  await page.screenshot({ path: `${SHOTS}/month-view.png` });

  // 취소 일정 보기 lists the cancelled one, struck through, and leaves the count alone.
  await page.getByLabel('취소 일정 보기').check();
  await expect(cell).toContainText('월간취소');
  await expect(cell.locator('.month-item.status-cancelled')).toHaveCount(1);
  await expect(cell).toHaveAttribute('data-count', String(expected));
  await page.getByLabel('취소 일정 보기').uncheck();

  // The month steps by months.
  await page.getByRole('button', { name: '다음' }).click();
  const next = new Date(Date.UTC(year!, month!, 1));
  await expect(page.getByTestId('calendar-title')).toHaveText(`${next.getUTCFullYear()}년 ${next.getUTCMonth() + 1}월`);
  await page.getByRole('button', { name: '이전' }).click();

  await grid.locator(`[data-testid="month-day"][data-date="${day}"]`).click();
  await expect(page).toHaveURL(new RegExp(`date=${day}`));
  await expect(page).not.toHaveURL(/view=month/);
  await expect(page.getByRole('button', { name: '일간', exact: true })).toHaveAttribute('aria-pressed', 'true');
  await expect(page.locator(`[data-testid="calendar-column"][data-date="${day}"]`).first()).toBeVisible();
  await expect(page.getByText('월간고객').first()).toBeVisible();
});

test('주간 보기에서 같은 시간의 일정 셋은 두 장이 읽을 수 있는 너비로 나란히 놓이고, 나머지는 "+1"을 누르면 보인다; 카드는 고정 헤더 밑으로 지나간다', async ({ loggedIn: page, api, today }) => {
  const day = addDays(today.date, 22);
  const staff = await api.realStaff(today.date);
  const names = ['황민서', '임도윤', '서하은'];
  const made: Schedule[] = [];
  for (const [i, name] of names.entries()) {
    const customer = await namedCustomer(page, name);
    const staffId = staff[i % staff.length]!.id;
    made.push(await api.createSchedule({ customerId: customer.id, staffId, startsAt: atLocal(day, '11:00', today.timeZone), minutes: 60 }));
  }

  await page.goto(`/calendar?date=${day}&view=week`);
  const column = page.locator(`[data-testid="calendar-column"][data-date="${day}"]`);
  await expect(column).toBeVisible();
  const shown: Schedule[] = [];
  for (const schedule of made) if ((await scheduleCard(column, schedule.id).count()) > 0) shown.push(schedule);
  expect(shown).toHaveLength(2);
  const columnBox = (await column.boundingBox())!;
  for (const schedule of shown) {
    const card = scheduleCard(column, schedule.id);
    await expect(card).toBeVisible();
    await expect(card).toContainText(schedule.customer.name);
    expect(await nameFullyVisible(card), `${schedule.customer.name} is cut off`).toBe(true);
    // Readable: close to half the column, not a third.
    expect((await card.boundingBox())!.width).toBeGreaterThan(columnBox.width * 0.38);
  }

  const chip = column.getByTestId('more-chip');
  await expect(chip).toHaveCount(1);
  await expect(chip).toHaveText('+1');
  await chip.scrollIntoViewIfNeeded();
  await page.screenshot({ path: `${SHOTS}/week-overlap.png` });
  await chip.click();
  const popover = page.getByTestId('more-popover');
  await expect(popover).toBeVisible();
  const hidden = made.find((s) => !shown.includes(s))!;
  await expect(popover).toContainText(hidden.customer.name);
  await expect(popover).toContainText('11:00–12:00');
  await page.screenshot({ path: `${SHOTS}/week-overlap-popover.png` });
  await popover.getByRole('button', { name: new RegExp(hidden.customer.name) }).click();
  const panel = page.getByTestId('schedule-panel');
  await expect(panel).toContainText(hidden.customer.name);
  await expect(page).toHaveURL(new RegExp(`schedule=${hidden.id}`));
  await panel.getByRole('button', { name: '닫기' }).click();

  // Scrolled so the cards run under the column headers: the headers stay on top.
  const card = scheduleCard(column, shown[0]!.id);
  const header = column.locator('.cal-col-header');
  const grid = page.getByTestId('calendar-grid');
  await grid.evaluate((node, y) => (node.scrollTop += y), (await card.boundingBox())!.y - (await header.boundingBox())!.y - 20);
  const headerBox = (await header.boundingBox())!;
  const cardBox = (await card.boundingBox())!;
  expect(cardBox.y).toBeLessThan(headerBox.y + headerBox.height);
  expect(cardBox.y + cardBox.height).toBeGreaterThan(headerBox.y + headerBox.height);
  const onTop = await page.evaluate(
    ([x, y]) => Boolean(document.elementFromPoint(x!, y!)?.closest('.cal-col-header')),
    [cardBox.x + cardBox.width / 2, headerBox.y + headerBox.height - 6],
  );
  expect(onTop, 'the card covers the sticky header').toBe(true);
  await page.screenshot({ path: `${SHOTS}/week-scrolled-under-header.png` });
});

test('취소 일정은 기본으로 숨고 "취소 일정 보기"로 보이며 그 선택은 기억되고, 열의 건수에는 언제나 빠진다', async ({ loggedIn: page, api, today }) => {
  const day = addDays(today.date, 23);
  const [staff] = await api.realStaff(today.date);
  if (!staff) throw new Error('the demo business needs a staff');
  const a = await namedCustomer(page, '유지고객');
  const b = await namedCustomer(page, '취소고객');
  const active = await api.createSchedule({ customerId: a.id, staffId: staff.id, startsAt: atLocal(day, '14:00', today.timeZone), minutes: 60 });
  const gone = await api.createSchedule({ customerId: b.id, staffId: staff.id, startsAt: atLocal(day, '14:00', today.timeZone), minutes: 60 });
  await cancel(page, gone.id);
  const expected = await activeCountOf(api, day, staff.id);

  await page.goto(`/calendar?date=${day}`);
  const column = calendarColumn(page, staff.id);
  const toggle = page.getByLabel('취소 일정 보기');
  await expect(toggle).not.toBeChecked();
  await expect(scheduleCard(column, active.id)).toBeVisible();
  await expect(scheduleCard(column, gone.id)).toHaveCount(0);
  await expect(column.locator('.col-count')).toHaveText(`${expected}건`);
  // Alone at its time, the kept card has the column's whole width.
  expect((await scheduleCard(column, active.id).boundingBox())!.width).toBeGreaterThan((await column.boundingBox())!.width * 0.8);

  // The screen reader hears the move in Korean, by names: picked up, over a column, cancelled.
  const [, next] = await api.realStaff(today.date);
  const live = page.locator('[id^="DndLiveRegion"]');
  const card = scheduleCard(column, active.id);
  await expect(page.locator('[id^="DndDescribedBy"]').first()).toContainText('스페이스바를 눌러 집고');
  await card.focus();
  await page.keyboard.press('Space');
  await expect(live).toHaveText(`${a.name} 14:00 일정을 집었습니다.`);
  await page.keyboard.press('ArrowRight');
  await expect(live).toHaveText(`${next!.name} 열 위에 있습니다.`);
  await page.keyboard.press('Escape');
  await expect(live).toHaveText(`옮기기를 취소했습니다. ${a.name} 14:00 일정은 그대로입니다.`);
  await expect(scheduleCard(column, active.id)).toBeVisible();

  await toggle.check();
  await expect(scheduleCard(column, gone.id)).toBeVisible();
  await expect(scheduleCard(column, gone.id)).toContainText('취소');
  await expect(column.locator('.col-count')).toHaveText(`${expected}건`);
  await page.screenshot({ path: `${SHOTS}/cancelled-shown.png` });

  await page.reload();
  await expect(page.getByLabel('취소 일정 보기')).toBeChecked();
  await expect(scheduleCard(column, gone.id)).toBeVisible();
  await page.getByLabel('취소 일정 보기').uncheck();
  await page.reload();
  await expect(page.getByLabel('취소 일정 보기')).not.toBeChecked();
  await expect(scheduleCard(column, gone.id)).toHaveCount(0);
});

test('검색: 전화번호 뒤 4자리나 이름으로 고객의 일정을 찾아 누르면 그 날짜로 가서 일정 상세가 열린다', async ({ loggedIn: page, api, today }) => {
  const day = addDays(today.date, 24);
  const [, second] = await api.realStaff(today.date);
  if (!second) throw new Error('the demo business needs two staff');
  const customer = await api.createCustomer('검색');
  const schedule = await api.createSchedule({ customerId: customer.id, staffId: second.id, startsAt: atLocal(day, '15:30', today.timeZone), minutes: 30 });
  const last4 = customer.phone.replace(/\D/g, '').slice(-4);

  const search = page.getByLabel('일정 검색');
  await search.fill(last4);
  const results = page.getByTestId('calendar-search-results');
  await expect(results).toContainText(customer.name);
  const hit = results.locator(`[data-testid="calendar-search-hit"][data-schedule-id="${schedule.id}"]`);
  await expect(hit).toContainText('15:30–16:00');
  await expect(hit).toContainText(second.name);
  await page.screenshot({ path: `${SHOTS}/search-results.png` });
  await hit.click();

  await expect(page).toHaveURL(new RegExp(`date=${day}`));
  await expect(page).toHaveURL(new RegExp(`schedule=${schedule.id}`));
  const [year, month, date] = day.split('-').map(Number);
  await expect(page.getByTestId('calendar-title')).toContainText(`${year}년 ${month}월 ${date}일`);
  await expect(page.getByTestId('schedule-panel')).toContainText(customer.name);
  await expect(scheduleCard(calendarColumn(page, second.id), schedule.id)).toBeVisible();
  await page.getByTestId('schedule-panel').getByRole('button', { name: '닫기' }).click();

  // By name, from the month view: the jump opens the day.
  await page.getByRole('button', { name: '월간', exact: true }).click();
  await search.fill(customer.name);
  await results.locator(`[data-testid="calendar-search-hit"][data-schedule-id="${schedule.id}"]`).click();
  await expect(page.getByRole('button', { name: '일간', exact: true })).toHaveAttribute('aria-pressed', 'true');
  await expect(page.getByTestId('schedule-panel')).toContainText(customer.name);

  await search.fill('없는고객이름이라네');
  await expect(results).toContainText('맞는 고객이 없습니다');
});

test('변경 이력은 한국어 이름표로만 보이고 ID나 필드 이름이 나오지 않는다 (직접 등록과 예약페이지 예약)', async ({ loggedIn: page, api, today }) => {
  const day = addDays(today.date, 25);
  const [first, second] = await api.realStaff(today.date);
  if (!first || !second) throw new Error('the demo business needs two staff');
  const customer = await api.createCustomer('이력');
  const schedule = await api.createSchedule({ customerId: customer.id, staffId: first.id, startsAt: atLocal(day, '10:00', today.timeZone), minutes: 60, status: 'pending' });
  const moved = await page.request.patch(`/api/schedules/${schedule.id}`, {
    data: {
      staffId: second.id,
      startsAt: atLocal(day, '11:00', today.timeZone).toISOString(),
      endsAt: atLocal(day, '12:00', today.timeZone).toISOString(),
      title: '재진',
      allowOverlap: true,
    },
  });
  expect(moved.ok(), await moved.text()).toBe(true);
  expect((await page.request.post(`/api/schedules/${schedule.id}/status`, { data: { status: 'confirmed' } })).ok()).toBe(true);

  await page.goto(`/calendar?date=${day}&schedule=${schedule.id}`);
  const history = page.getByTestId('schedule-history');
  await expect(history.locator('li')).toHaveCount(3);
  await expect(history).toContainText('일정 생성');
  await expect(history).toContainText(`담당자 ${first.name} → ${second.name}`);
  await expect(history).toContainText('시간');
  await expect(history).toContainText('10:00–11:00 → 11:00–12:00');
  await expect(history).toContainText('제목 없음 → 재진');
  await expect(history).toContainText('상태 확정대기 → 예약확정');
  const text = (await history.textContent()) ?? '';
  expect(text).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}-/);
  expect(text).not.toMatch(/staff|startsAt|endsAt|status|title|booking/i);
  await history.scrollIntoViewIfNeeded();
  await page.screenshot({ path: `${SHOTS}/history-korean.png` });

  // A booking-page booking of the demo: its history names the 예약번호 in Korean.
  let bookingSchedule: { id: string; date: string } | null = null;
  for (let offset = 0; offset < 35 && !bookingSchedule; offset += 7) {
    const from = addDays(today.date, offset);
    const week = await (await page.request.get(`/api/calendar?date=${from}&days=7`)).json();
    const found = (week.schedules as { id: string; source: string; startsAt: string }[]).find((s) => s.source === 'booking_page');
    if (found) bookingSchedule = { id: found.id, date: from };
  }
  expect(bookingSchedule, 'the demo has booking-page bookings').not.toBeNull();
  await page.goto(`/calendar?schedule=${bookingSchedule!.id}`);
  await expect(history).toContainText('예약번호');
  await expect(history).toContainText('일정 생성');
  await history.scrollIntoViewIfNeeded();
  await page.screenshot({ path: `${SHOTS}/history-booking-page.png` });
  expect((await history.textContent()) ?? '').not.toMatch(/bookingNumber|bookingId|status/);
});

test('인쇄: 그날의 담당자별 일정표에 시간·고객·전화번호·내용·상태가 있고 취소 일정은 빠진다', async ({ loggedIn: page, api, today }) => {
  const day = addDays(today.date, 26);
  const [first] = await api.realStaff(today.date);
  if (!first) throw new Error('the demo business needs a staff');
  const kept = await api.createCustomer('인쇄');
  const gone = await api.createCustomer('인쇄취소');
  const schedule = await api.createSchedule({ customerId: kept.id, staffId: first.id, startsAt: atLocal(day, '13:00', today.timeZone), minutes: 60 });
  const cancelled = await api.createSchedule({ customerId: gone.id, staffId: first.id, startsAt: atLocal(day, '15:00', today.timeZone), minutes: 60 });
  await cancel(page, cancelled.id);
  const memoTypes = await (await page.request.get('/api/memo-types')).json();
  const memoType = (Array.isArray(memoTypes) ? memoTypes : memoTypes.items).find((t: { visible: boolean }) => t.visible);
  expect((await page.request.post(`/api/schedules/${schedule.id}/memos`, { data: { memoTypeId: memoType.id, body: '주차 2시간 필요' } })).ok()).toBe(true);

  await page.goto(`/calendar?date=${day}`);
  await page.getByRole('button', { name: '인쇄', exact: true }).click();
  const sheet = page.getByTestId('print-day-list');
  await expect(sheet).toBeVisible();
  const [year, month, date] = day.split('-').map(Number);
  await expect(sheet).toContainText(`${year}년 ${month}월 ${date}일`);
  const section = sheet.getByTestId('print-staff').filter({ hasText: first.name });
  const row = section.locator(`tr[data-schedule-id="${schedule.id}"]`);
  await expect(row).toContainText('13:00–14:00');
  await expect(row).toContainText(kept.name);
  await expect(row).toContainText(kept.phone.replace(/\D/g, '').slice(-4));
  await expect(row).toContainText('주차 2시간 필요');
  await expect(row).toContainText('예약확정');
  await expect(sheet).not.toContainText(gone.name);
  await expect(page.getByRole('button', { name: '인쇄하기' })).toBeEnabled();
  await page.screenshot({ path: `${SHOTS}/print-preview.png`, fullPage: true });
  await page.emulateMedia({ media: 'print' });
  await expect(page.locator('.topbar')).toBeHidden();
  await expect(page.getByRole('button', { name: '인쇄하기' })).toBeHidden();
  await page.screenshot({ path: `${SHOTS}/print-media.png`, fullPage: true });
  await page.emulateMedia({ media: 'screen' });

  // A day without schedules says so.
  await page.goto(`/calendar?date=${addDays(today.date, 300)}&print=day`);
  await expect(sheet).toContainText('이 날은 일정이 없습니다.');
  await page.screenshot({ path: `${SHOTS}/print-empty.png` });
  await page.getByRole('button', { name: '← 캘린더로 돌아가기' }).click();
  await expect(page.getByTestId('calendar-grid')).toBeVisible();
});

test.describe('휴대폰 390×844', () => {
  test.use({ viewport: { width: 390, height: 844 }, hasTouch: true });

  test('관리자 헤더가 화면에 맞고, 일간 보기는 한 열씩 전환하며 보고, 일정 상세에서 오늘 일정을 바꿀 수 있다', async ({ loggedIn: page, api, today }) => {
    const staff = await api.realStaff(today.date);
    const target = staff[1] ?? staff[0]!;
    const customer = await api.createCustomer('폰');
    const schedule = await api.createSchedule({ customerId: customer.id, staffId: target.id, startsAt: atLocal(today.date, '21:00', today.timeZone), minutes: 30, status: 'pending' });
    await page.reload();

    // The header: nothing spills over; the bell, the name and the menu are on screen; 로그아웃 is in the menu.
    const topbar = page.locator('.topbar');
    expect(await topbar.evaluate((node) => node.scrollWidth <= node.clientWidth)).toBe(true);
    const inView = async (locator: Locator) => {
      const box = await locator.boundingBox();
      return Boolean(box && box.x >= 0 && box.x + box.width <= 390 && box.width > 0);
    };
    await expect(page.getByRole('button', { name: /^알림/ })).toBeVisible();
    expect(await inView(page.getByRole('button', { name: /^알림/ }))).toBe(true);
    expect(await inView(page.locator('.topbar-user'))).toBe(true);
    const menuButton = page.getByRole('button', { name: '메뉴' });
    expect(await inView(menuButton)).toBe(true);
    await expect(page.getByTestId('calendar-grid')).toBeVisible();
    await page.screenshot({ path: `${SHOTS}/phone-day.png` });

    await menuButton.click();
    const menu = page.getByTestId('topbar-menu');
    await expect(menu.getByRole('link', { name: '캘린더' })).toBeVisible();
    await expect(menu.getByRole('link', { name: '고객' })).toBeVisible();
    await expect(menu.getByRole('button', { name: '로그아웃' })).toBeVisible();
    expect(await inView(menu.getByRole('button', { name: '로그아웃' }))).toBe(true);
    await page.screenshot({ path: `${SHOTS}/phone-menu.png` });
    await page.keyboard.press('Escape');
    await expect(menu).toHaveCount(0);

    // One column, and the switcher to the others.
    const columns = page.getByTestId('calendar-column');
    await expect(columns).toHaveCount(1);
    const box = (await columns.first().boundingBox())!;
    expect(box.width).toBeGreaterThan(250);
    const switcher = page.getByLabel('담당자 선택');
    await expect(switcher).toBeVisible();
    await expect(switcher.locator('option')).toHaveCount(staff.length + 2);
    await switcher.selectOption(`staff:${target.id}`);
    await expect(columns).toHaveCount(1);
    await expect(calendarColumn(page, target.id)).toBeVisible();
    await page.getByRole('button', { name: '다음 담당자' }).click();
    await expect(calendarColumn(page, target.id)).toHaveCount(0);
    await page.getByRole('button', { name: '이전 담당자' }).click();
    await expect(calendarColumn(page, target.id)).toBeVisible();

    const card = scheduleCard(page, schedule.id);
    await card.scrollIntoViewIfNeeded();
    await expect(card).toBeVisible();
    expect(await nameFullyVisible(card)).toBe(true);
    await page.screenshot({ path: `${SHOTS}/phone-day-column.png` });
    await card.click();

    // The panel fills the phone and takes the change.
    const panel = page.getByTestId('schedule-panel');
    await expect(panel).toContainText(customer.name);
    const panelBox = (await panel.boundingBox())!;
    expect(panelBox.width).toBeGreaterThan(380);
    expect(panelBox.x).toBeGreaterThanOrEqual(0);
    await page.screenshot({ path: `${SHOTS}/phone-panel.png` });
    const statusSection = panel.locator('section').filter({ has: page.getByRole('heading', { name: '상태', exact: true }) });
    const changed = page.waitForResponse((r) => r.url().endsWith(`/api/schedules/${schedule.id}/status`) && r.request().method() === 'POST');
    await statusSection.getByRole('button', { name: '예약확정', exact: true }).click();
    expect((await changed).ok()).toBe(true);
    await expect(statusSection.getByText('예약확정', { exact: true })).toBeVisible();
    await panel.getByRole('button', { name: '닫기' }).click();
    await expect(scheduleCard(page, schedule.id)).toContainText('예약확정');

    // The week scrolls sideways with readable columns.
    await page.getByRole('button', { name: '주간', exact: true }).click();
    await expect(page.getByTestId('calendar-column')).toHaveCount(7);
    expect((await page.getByTestId('calendar-column').first().boundingBox())!.width).toBeGreaterThan(120);
    await page.screenshot({ path: `${SHOTS}/phone-week.png` });

    // The month fits the phone too.
    await page.getByRole('button', { name: '월간', exact: true }).click();
    await expect(page.getByTestId('month-view')).toHaveAttribute('data-loaded', 'true');
    await expect(page.locator(`[data-testid="month-day"][data-date="${today.date}"]`)).toHaveAttribute('data-count', String(await activeCountOf(api, today.date)));
    expect(await page.locator('.month-grid').evaluate((node) => node.scrollWidth <= node.clientWidth + 1)).toBe(true);
    await page.screenshot({ path: `${SHOTS}/phone-month.png` });
  });
});
