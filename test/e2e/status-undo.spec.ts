import fs from 'node:fs';
import { expect, test } from './fixtures.ts';

/** Where the screenshots of this flow go, to be looked at. */
const SHOTS = '/tmp/shots';

test('노쇼 then 되돌리기: a started schedule entered by hand is marked 노쇼, taken back to 예약확정, and the history and the customer say so (OPS-4)', async ({ loggedIn: page, api, today }) => {
  fs.mkdirSync(SHOTS, { recursive: true });
  const [staff] = await api.realStaff(today.date);
  if (!staff) throw new Error('the demo business needs a staff member');
  const customer = await api.createCustomer('노쇼');
  // Began 40 minutes ago: a 노쇼 can be marked only once the time has come.
  const schedule = await api.createSchedule({ customerId: customer.id, staffId: staff.id, startsAt: new Date(Date.now() - 40 * 60_000), minutes: 30 });

  await page.goto(`/calendar?schedule=${schedule.id}`);
  const panel = page.getByTestId('schedule-panel');
  await expect(panel).toContainText(customer.name);
  const statusSection = panel.locator('section').filter({ has: page.getByRole('heading', { name: '상태', exact: true }) });
  await expect(statusSection.getByText('예약확정', { exact: true })).toBeVisible();

  const asked: string[] = [];
  page.on('dialog', (dialog) => {
    asked.push(dialog.message());
    void dialog.accept();
  });
  const marked = page.waitForResponse((r) => r.url().endsWith(`/api/schedules/${schedule.id}/status`) && r.request().method() === 'POST');
  await statusSection.getByRole('button', { name: '노쇼', exact: true }).click();
  expect((await marked).ok()).toBe(true);
  expect(asked.some((m) => m.includes('노쇼') && m.includes('되돌릴 수 있습니다'))).toBe(true);

  await expect(statusSection.getByText('노쇼', { exact: true })).toBeVisible();
  const offer = panel.getByTestId('status-undo');
  await expect(offer).toContainText('노쇼로 바꿨습니다.');
  await expect(offer).toContainText(/\d{2}:\d{2}까지 예약확정으로 되돌릴 수 있습니다/);
  await expect(page.getByTestId('toast').filter({ hasText: '10분 안에 되돌릴 수 있습니다' })).toBeVisible();
  const history = panel.getByTestId('schedule-history');
  await expect(history).toContainText('상태 예약확정 → 노쇼');
  await offer.scrollIntoViewIfNeeded();
  await page.screenshot({ path: `${SHOTS}/ops4-no-show-offer.png` });

  // The customer page counts it while it stands.
  const customerPage = await page.context().newPage();
  await customerPage.goto(`/customers/${customer.id}`);
  await expect(customerPage.getByTestId('no-show-count')).toHaveText('1회');

  const undone = page.waitForResponse((r) => r.url().endsWith(`/api/schedules/${schedule.id}/status/undo`) && r.request().method() === 'POST');
  await offer.getByRole('button', { name: '되돌리기' }).click();
  expect((await undone).ok()).toBe(true);

  await expect(statusSection.getByText('예약확정', { exact: true })).toBeVisible();
  await expect(offer).toHaveCount(0);
  await expect(statusSection.getByRole('button', { name: '노쇼', exact: true })).toBeVisible();
  await expect(history).toContainText('상태 되돌림: 노쇼 → 예약확정');
  await expect(history.locator('li').last()).toContainText('상태 되돌림: 노쇼 → 예약확정');
  await expect(history.locator('li').last()).toContainText('박대표');
  await history.scrollIntoViewIfNeeded();
  await page.screenshot({ path: `${SHOTS}/ops4-undone-history.png` });

  // After a reload the schedule is 예약확정 with nothing to take back, and the customer's 노쇼 is gone.
  await page.reload();
  await expect(statusSection.getByText('예약확정', { exact: true })).toBeVisible();
  await expect(panel.getByTestId('status-undo')).toHaveCount(0);
  await customerPage.reload();
  await expect(customerPage.getByTestId('no-show-count')).toHaveText('0회');
  await customerPage.close();
});
