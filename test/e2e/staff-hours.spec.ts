import fs from 'node:fs';
import { calendarColumn, dragToColumn, E2E_PREFIX, expect, scheduleCard, test } from './fixtures.ts';
import { atLocal, todayIn } from '../../src/platform/time.ts';

/**
 * OPS-2: a staff member's 휴가 set in 설정 > 담당자 관리 is shaded in the
 * calendar's day view (desktop and the 390 px phone), and a schedule dragged
 * onto it asks "휴무 시간에 저장할까요?" before it saves.
 */

const SHOTS = '/tmp/shots';

function addDays(date: string, days: number): string {
  const [y, m, d] = date.split('-').map(Number);
  return new Date(Date.UTC(y!, m! - 1, d! + days)).toISOString().slice(0, 10);
}

test('설정에서 담당자 휴가를 등록하면 캘린더에 표시되고, 그 시간으로 일정을 옮기면 확인한 뒤 저장된다', async ({ loggedIn: page, api, today }) => {
  test.setTimeout(120_000);
  fs.mkdirSync(SHOTS, { recursive: true });
  // A day of its own, away from the other tests' schedules of today.
  const date = addDays(todayIn(today.timeZone), 3);
  const suffix = String(Date.now()).slice(-4);
  const staffName = `${E2E_PREFIX} 레이저실 ${suffix}`;
  // First among the real staff, so its column is on screen beside the next one's at 1280 px.
  const created = await page.request.post('/api/staff', { data: { name: staffName, kind: 'resource', sortOrder: -100 } });
  expect(created.ok(), await created.text()).toBe(true);
  const room = (await created.json()) as { id: string };
  const first = (await api.realStaff(date)).find((s) => s.id !== room.id);
  if (!first) throw new Error('the demo business needs a staff member');
  const customer = await api.createCustomer('휴가');
  const schedule = await api.createSchedule({ customerId: customer.id, staffId: first.id, startsAt: atLocal(date, '11:00', today.timeZone), minutes: 60 });

  try {
    // 설정 > 담당자 관리: the room's 휴가 for the whole day, after a wrong end date is corrected.
    await page.goto('/settings/staff');
    const section = page.getByTestId('staff-hours');
    await section.getByLabel('근무 시간을 정할 담당자').selectOption(room.id);
    await expect(section.getByTestId('absences-empty')).toHaveText('등록된 휴무·휴가·외근이 없습니다.');
    const form = section.getByTestId('absence-form');
    await form.getByLabel('종류').selectOption('vacation');
    await form.getByLabel('시작일').fill(date);
    await form.getByLabel('종료일').fill(addDays(date, -1));
    await form.getByRole('button', { name: '+ 휴가 등록' }).click();
    await expect(form.getByText('종료일은 시작일과 같거나 늦어야 합니다.')).toBeVisible();
    await form.getByLabel('종료일').fill(date);
    await expect(form.getByText('종료일은 시작일과 같거나 늦어야 합니다.')).toHaveCount(0);
    await form.getByLabel('메모').fill('학회');
    await form.getByRole('button', { name: '+ 휴가 등록' }).click();
    const row = section.getByTestId('absence-row');
    await expect(row).toHaveCount(1);
    await expect(row).toContainText('휴가');
    await expect(row).toContainText('학회');
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.screenshot({ path: `${SHOTS}/ops2-settings-1280.png`, fullPage: true });

    // The day view shades the room's column with the vacation named.
    await page.goto(`/calendar?date=${date}`);
    const column = calendarColumn(page, room.id);
    const band = column.getByTestId('staff-off');
    await expect(band).toHaveCount(1);
    await expect(band).toHaveAttribute('data-kind', 'vacation');
    await expect(band).toContainText('휴가 · 학회');
    const card = scheduleCard(calendarColumn(page, first.id), schedule.id);
    await expect(card).toBeVisible();
    await page.screenshot({ path: `${SHOTS}/ops2-calendar-1280.png` });

    // Dragging the card onto the vacation asks first; 그래도 저장 saves it there.
    const isSave = (r: { url(): string; request(): { method(): string } }) => r.url().endsWith(`/api/schedules/${schedule.id}`) && r.request().method() === 'PATCH';
    const refused = page.waitForResponse(isSave);
    await dragToColumn(page, card, column);
    expect((await refused).status()).toBe(409);
    const dialog = page.getByTestId('confirm-dialog');
    await expect(page.getByRole('heading', { name: '휴무 시간에 저장할까요?' })).toBeVisible();
    await expect(dialog.getByTestId('absent-reason')).toContainText(`${staffName}님은`);
    await expect(dialog.getByTestId('absent-reason')).toContainText('휴가입니다 (학회)');
    await page.screenshot({ path: `${SHOTS}/ops2-confirm-1280.png` });
    const saved = page.waitForResponse(isSave);
    await dialog.getByRole('button', { name: '그래도 저장' }).click();
    expect((await saved).ok()).toBe(true);
    await expect(scheduleCard(column, schedule.id)).toBeVisible();
    await page.reload();
    await expect(scheduleCard(calendarColumn(page, room.id), schedule.id)).toBeVisible();

    // The phone's day view: one column at a time, the band there too.
    await page.setViewportSize({ width: 390, height: 844 });
    await page.reload();
    await page.getByTestId('column-switcher').getByLabel('담당자 선택').selectOption(`staff:${room.id}`);
    const phoneBand = calendarColumn(page, room.id).getByTestId('staff-off');
    await expect(phoneBand).toBeVisible();
    await expect(phoneBand).toContainText('휴가 · 학회');
    await page.screenshot({ path: `${SHOTS}/ops2-calendar-390.png` });
    await page.goto('/settings/staff');
    await page.getByTestId('staff-hours').getByLabel('근무 시간을 정할 담당자').selectOption(room.id);
    await expect(page.getByTestId('absence-row')).toHaveCount(1);
    await page.screenshot({ path: `${SHOTS}/ops2-settings-390.png`, fullPage: true });
  } finally {
    // The room leaves the other tests' calendars.
    await page.request.patch(`/api/staff/${room.id}`, { data: { active: false } });
  }
});
