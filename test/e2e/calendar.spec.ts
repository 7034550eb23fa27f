import {
  Api,
  calendarColumn,
  dragToColumn,
  expect,
  logInThroughForm,
  saveMoveAcceptingOverlap,
  scheduleCard,
  test,
} from './fixtures.ts';
import type { ScheduleStatus } from '../../src/platform/db/types.ts';
import { atLocal, todayIn } from '../../src/platform/time.ts';
import { allowedTransitions } from '../../src/features/schedules/domain/status.ts';
import { SCHEDULE_STATUS_LABELS as STATUS_LABELS } from '../../src/shared/labels/schedules.ts';

test('데모 관리자로 로그인하면 오늘의 담당자별 캘린더에 네이버예약·예약페이지 열과 일정 카드가 보인다', async ({ page }) => {
  await logInThroughForm(page);
  const api = new Api(page.request);
  const timeZone = await api.businessTimeZone();
  const today = todayIn(timeZone);
  const [year, month, day] = today.split('-').map(Number);

  await expect(page.getByTestId('calendar-title')).toContainText(`${year}년 ${month}월 ${day}일`);
  await expect(page.getByRole('button', { name: '담당자별 보기' })).toBeVisible();
  await expect(page.getByRole('button', { name: '일간' })).toBeVisible();

  const columns = page.getByTestId('calendar-column');
  const staff = await api.realStaff(today);
  // The two channel columns (네이버예약, 예약페이지) come first, then the real staff.
  await expect(columns).toHaveCount(staff.length + 2);
  for (const column of await columns.all()) {
    await expect(column).toHaveAttribute('data-staff-id', /.+/);
    await expect(column).toHaveAttribute('data-date', today);
  }
  const naverColumn = columns.filter({ hasText: '네이버예약' });
  await expect(naverColumn).toHaveCount(1);
  await expect(columns.nth(0)).toContainText('네이버예약');
  await expect(columns.nth(1)).toContainText('예약페이지');
  for (const s of staff) await expect(columns.filter({ hasText: s.name })).toHaveCount(1);

  // Cancelled schedules are hidden until 취소 일정 보기 is ticked (OPS-6).
  const schedules = (await api.calendarDay(today)).schedules.filter((s) => s.status !== 'cancelled');
  expect(schedules.length).toBeGreaterThan(0);
  const cards = page.getByTestId('schedule-card');
  await expect(cards).toHaveCount(schedules.length);
  const shown = await cards.evaluateAll((nodes) => nodes.map((node) => node.getAttribute('data-schedule-id')));
  expect(shown.sort()).toEqual(schedules.map((s) => s.id).sort());
  await expect(naverColumn.getByTestId('schedule-card').first()).toBeVisible();

  await page.getByRole('button', { name: '부서별 보기' }).click();
  await expect(columns.first()).toHaveAttribute('data-department-id', /.*/);
  await expect(page.locator('[data-testid="calendar-column"][data-staff-id]')).toHaveCount(0);
  await page.getByRole('button', { name: '담당자별 보기' }).click();
  await expect(columns).toHaveCount(staff.length + 2);
});

test('일정 카드를 마우스로 다른 담당자 열에 끌어 놓으면 그 담당자에게 옮겨지고 새로고침 후에도 남는다', async ({ loggedIn: page, api, today }) => {
  const [first, second] = await api.realStaff(today.date);
  if (!first || !second) throw new Error('the demo business needs two staff');
  const customer = await api.createCustomer('드래그');
  const schedule = await api.createSchedule({
    customerId: customer.id,
    staffId: first.id,
    startsAt: atLocal(today.date, '10:00', today.timeZone),
    minutes: 60,
  });
  await page.reload();

  const card = scheduleCard(calendarColumn(page, first.id), schedule.id);
  await expect(card).toBeVisible();
  await expect(card).toContainText(customer.name);

  const saved = await saveMoveAcceptingOverlap(page, schedule.id, () => dragToColumn(page, card, calendarColumn(page, second.id)));
  expect(saved.ok()).toBe(true);
  await expect(scheduleCard(calendarColumn(page, second.id), schedule.id)).toBeVisible();
  await expect(scheduleCard(calendarColumn(page, first.id), schedule.id)).toHaveCount(0);

  await page.reload();
  const moved = scheduleCard(calendarColumn(page, second.id), schedule.id);
  await expect(moved).toBeVisible();
  await expect(moved).toContainText('10:00–11:00');
  await expect(scheduleCard(calendarColumn(page, first.id), schedule.id)).toHaveCount(0);
});

test('일정의 상태는 서버가 허용하는 전이만 버튼으로 제안되고, 바꾼 상태는 새로고침 후에도 보인다', async ({ loggedIn: page, api, today }) => {
  const [first] = await api.realStaff(today.date);
  if (!first) throw new Error('the demo business needs a staff');
  const customer = await api.createCustomer('상태');
  const schedule = await api.createSchedule({
    customerId: customer.id,
    staffId: first.id,
    startsAt: atLocal(today.date, '13:00', today.timeZone),
    minutes: 60,
    status: 'pending',
  });
  expect(schedule.status).toBe('pending');
  await page.reload();

  await scheduleCard(page, schedule.id).click();
  const panel = page.getByTestId('schedule-panel');
  await expect(panel).toContainText(customer.name);
  const statusSection = panel.locator('section').filter({ has: page.getByRole('heading', { name: '상태', exact: true }) });
  const offered = statusSection.getByRole('button');

  // 완료 of a schedule that has not begun asks first (OPS-4): the person answers yes.
  const asked: string[] = [];
  page.on('dialog', (dialog) => {
    asked.push(dialog.message());
    void dialog.accept();
  });
  const notStartedYet = Date.parse(schedule.startsAt) > Date.now();

  let status: ScheduleStatus = 'pending';
  for (const next of ['confirmed', 'completed'] as const) {
    const expected = allowedTransitions(status, 'manual').map((s) => STATUS_LABELS[s]).sort();
    await expect.poll(async () => (await offered.allTextContents()).map((t) => t.trim()).sort()).toEqual(expected);

    const changed = page.waitForResponse((r) => r.url().endsWith(`/api/schedules/${schedule.id}/status`) && r.request().method() === 'POST');
    await statusSection.getByRole('button', { name: STATUS_LABELS[next], exact: true }).click();
    expect((await changed).ok()).toBe(true);
    status = next;

    await page.reload();
    await expect(panel).toBeVisible();
    await expect(statusSection.getByText(STATUS_LABELS[status], { exact: true })).toBeVisible();
    await expect(scheduleCard(page, schedule.id)).toContainText(STATUS_LABELS[status]);
  }

  await expect(offered).toHaveCount(0);
  await expect(statusSection).toContainText('더 변경할 수 있는 상태가 없습니다.');
  expect(asked.some((m) => m.includes('아직 시작하지 않은 일정입니다'))).toBe(notStartedYet);
});

test('같은 담당자의 같은 시간으로 옮기면 겹치는 일정을 보여 주고, 취소하면 그대로, 겹쳐도 저장하면 옮겨진다 (OPS-3)', async ({ loggedIn: page, api, today }) => {
  const [first, second] = await api.realStaff(today.date);
  if (!first || !second) throw new Error('the demo business needs two staff');
  const busy = await api.createCustomer('선약');
  const mover = await api.createCustomer('겹침');
  await api.createSchedule({ customerId: busy.id, staffId: first.id, startsAt: atLocal(today.date, '19:00', today.timeZone), minutes: 60 });
  const schedule = await api.createSchedule({ customerId: mover.id, staffId: second.id, startsAt: atLocal(today.date, '19:00', today.timeZone), minutes: 60 });
  await page.reload();

  const card = scheduleCard(calendarColumn(page, second.id), schedule.id);
  const refused = page.waitForResponse((r) => r.url().endsWith(`/api/schedules/${schedule.id}`) && r.request().method() === 'PATCH');
  await dragToColumn(page, card, calendarColumn(page, first.id));
  expect((await refused).status()).toBe(409);
  const dialog = page.getByTestId('confirm-dialog');
  await expect(dialog).toContainText('이 시간의 일정이 있습니다');
  await expect(dialog.getByTestId('overlap-conflicts')).toContainText(busy.name);
  await expect(dialog.getByTestId('overlap-conflicts')).toContainText('19:00–20:00');
  await page.screenshot({ path: 'test-results/e2e/overlap-warning.png' });
  await dialog.getByRole('button', { name: '취소' }).click();
  await expect(scheduleCard(calendarColumn(page, second.id), schedule.id)).toBeVisible();

  const saved = await saveMoveAcceptingOverlap(page, schedule.id, () => dragToColumn(page, scheduleCard(calendarColumn(page, second.id), schedule.id), calendarColumn(page, first.id)));
  expect(saved.ok()).toBe(true);
  await expect(scheduleCard(calendarColumn(page, first.id), schedule.id)).toBeVisible();
});

test('새 일정과 일정 상세의 시간 변경도 겹치는 일정을 보여 주고 겹쳐도 저장해야 저장되며, 800px 높이 화면에서 등록 버튼이 보인다 (OPS-3)', async ({ loggedIn: page, api, today }) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  const [first] = await api.realStaff(today.date);
  if (!first) throw new Error('the demo business needs a staff');
  const busy = await api.createCustomer('선약2');
  const newcomer = await api.createCustomer('새일정');
  await api.createSchedule({ customerId: busy.id, staffId: first.id, startsAt: atLocal(today.date, '20:00', today.timeZone), minutes: 60 });
  await page.reload();

  await page.getByRole('button', { name: '+ 새 일정' }).click();
  const form = page.getByTestId('new-schedule-form');
  await form.getByLabel('고객 검색').fill(newcomer.name);
  await form.getByRole('button', { name: new RegExp(newcomer.name) }).click();
  await form.locator('label.field').filter({ has: page.locator('span', { hasText: /^담당자$/ }) }).locator('select').selectOption(first.id);
  await form.getByLabel('시작').fill(`${today.date}T20:30`);
  await form.getByLabel('종료').fill(`${today.date}T21:00`);
  const submit = form.getByRole('button', { name: '등록' });
  // The long form scrolls inside the box; its buttons stay on an 800 px screen.
  await expect(submit).toBeInViewport();
  const refused = page.waitForResponse((r) => r.url().endsWith('/api/schedules') && r.request().method() === 'POST');
  await submit.click();
  expect((await refused).status()).toBe(409);
  const dialog = page.getByTestId('confirm-dialog');
  await expect(dialog).toContainText('이 시간의 일정이 있습니다');
  await expect(dialog.getByTestId('overlap-conflicts')).toContainText(busy.name);
  const created = page.waitForResponse((r) => r.url().endsWith('/api/schedules') && r.request().method() === 'POST');
  await dialog.getByRole('button', { name: '겹쳐도 저장' }).click();
  const response = await created;
  expect(response.status()).toBe(201);
  const schedule = (await response.json()) as { id: string };
  await expect(scheduleCard(calendarColumn(page, first.id), schedule.id)).toBeVisible();

  // The panel's time change onto the same busy hour asks the same way.
  const other = await api.createSchedule({ customerId: newcomer.id, staffId: first.id, startsAt: atLocal(today.date, '22:00', today.timeZone), minutes: 30 });
  // Reload without the panel of the schedule just made (?schedule= keeps it open).
  const url = new URL(page.url());
  url.searchParams.delete('schedule');
  await page.goto(url.toString());
  await scheduleCard(calendarColumn(page, first.id), other.id).click();
  const panel = page.getByTestId('schedule-panel');
  await panel.getByLabel('시작').fill(`${today.date}T20:15`);
  await panel.getByLabel('종료').fill(`${today.date}T20:45`);
  const patch = (r: { url(): string; request(): { method(): string } }) => r.url().endsWith(`/api/schedules/${other.id}`) && r.request().method() === 'PATCH';
  const panelRefused = page.waitForResponse(patch);
  await panel.getByRole('button', { name: '저장', exact: true }).click();
  expect((await panelRefused).status()).toBe(409);
  await expect(page.getByTestId('confirm-dialog').getByTestId('overlap-conflicts')).toContainText(busy.name);
  const panelSaved = page.waitForResponse(patch);
  await page.getByTestId('confirm-dialog').getByRole('button', { name: '겹쳐도 저장' }).click();
  expect((await panelSaved).ok()).toBe(true);
  await page.screenshot({ path: 'test-results/e2e/overlap-panel.png' });
});
