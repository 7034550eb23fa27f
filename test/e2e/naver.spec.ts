import type { Browser } from '@playwright/test';
import { createNaverBooking, startNaverSimulator, type NaverSimulator } from '../../tools/naver-simulator/index.ts';
import { atLocal } from '../../src/platform/time.ts';
import { calendarColumn, dragToColumn, expect, saveMoveAcceptingOverlap, scheduleCard, test } from './fixtures.ts';

const ALERT_TITLE = '네이버예약 일정이 추가되었습니다';
const MEMBER_PASSWORD = 'demo1234!';

/** Opens the bell of a user logged in through the form in a browser of their own; returns the texts of their notifications. */
async function bellOf(browser: Browser, baseURL: string, email: string): Promise<string> {
  const context = await browser.newContext({ baseURL, locale: 'ko-KR' });
  try {
    const page = await context.newPage();
    await page.goto('/login');
    await page.getByLabel('이메일').fill(email);
    await page.getByLabel('비밀번호').fill(MEMBER_PASSWORD);
    await page.getByRole('button', { name: '로그인' }).click();
    await expect(page).toHaveURL(/\/calendar/);
    await page.getByRole('button', { name: /^알림/ }).click();
    const dropdown = page.locator('.bell-dropdown');
    await dropdown.locator('.bell-list li, .bell-empty').first().waitFor();
    return (await dropdown.textContent()) ?? '';
  } finally {
    await context.close();
  }
}

test.describe('네이버예약 연동', () => {
  let simulator: NaverSimulator;

  test.afterEach(async () => {
    await simulator?.close();
  });

  test('시뮬레이터가 보낸 예약을 알림 권한이 있는 사람만 알림으로 받고, 관리자가 담당자에게 끌어 놓고 확정하면 네이버가 확정 명령을 받는다', async ({ browser, baseURL, loggedIn: page, api, today }) => {
    // The Naver side of this test: commands from the product come here.
    const connection = await (await page.request.get('/api/naver/connection')).json();
    simulator = await startNaverSimulator({ secret: connection.secret });
    const saved = await page.request.put('/api/naver/connection', { data: { enabled: true, outboundUrl: simulator.url } });
    expect(saved.ok()).toBe(true);
    const me = await (await page.request.get('/api/auth/me')).json();
    const product = connection.products[0];

    const customerName = `E2E 네이버 ${Date.now() % 100000}`;
    const sent = await createNaverBooking({
      target: baseURL!,
      businessId: me.business.id,
      secret: connection.secret,
      mode: 'approval',
      productId: product.productId,
      productName: product.departmentName,
      customer: { name: customerName, phone: '010-8765-4321' },
      startsAt: atLocal(today.date, '10:30', today.timeZone),
      options: [{ name: '시술 부위', value: '얼굴' }],
      request: '주차 가능한가요?',
    });
    expect(sent.deliveries.map((d) => d.result)).toEqual(['created']);

    // The admin's bell shows the alert live, without a reload.
    await expect(page.getByTestId('unread-badge')).toBeVisible();
    await page.getByRole('button', { name: /^알림/ }).click();
    await expect(page.getByText(ALERT_TITLE).first()).toBeVisible();
    await expect(page.getByText(customerName).first()).toBeVisible();
    await page.keyboard.press('Escape');

    // 이실장's group has 네이버예약 알림; 최간호사's does not.
    expect(await bellOf(browser, baseURL!, 'lee@demo.yeyak.kr')).toContain(customerName);
    expect(await bellOf(browser, baseURL!, 'choi@demo.yeyak.kr')).not.toContain(customerName);

    // The booking sits in the 네이버예약 column as 확정대기; drag it onto a real staff.
    await page.goto('/calendar');
    const { staff, schedules } = await api.calendarDay(today.date);
    const naverStaff = staff.find((s) => s.kind === 'naver')!;
    const schedule = schedules.find((s) => (s as unknown as { customer: { name: string } }).customer.name === customerName)!;
    expect(schedule.staffId).toBe(naverStaff.id);
    expect(schedule.status).toBe('pending');
    const [doctor] = await api.realStaff(today.date);
    const card = scheduleCard(calendarColumn(page, naverStaff.id), schedule.id);
    await expect(card).toBeVisible();
    const moved = await saveMoveAcceptingOverlap(page, schedule.id, () => dragToColumn(page, card, calendarColumn(page, doctor!.id)));
    expect(moved.ok()).toBe(true);
    await expect(scheduleCard(calendarColumn(page, doctor!.id), schedule.id)).toBeVisible();

    // Confirm it in the schedule panel: only 예약확정 and 취소 are offered in 확정대기.
    await scheduleCard(page, schedule.id).click();
    const panel = page.getByTestId('schedule-panel');
    await expect(panel.getByTestId('naver-sync')).toBeVisible();
    const statusSection = panel.locator('section').filter({ has: page.getByRole('heading', { name: '상태', exact: true }) });
    await expect.poll(async () => (await statusSection.getByRole('button').allTextContents()).map((t) => t.trim()).filter((t) => t === '예약확정' || t === '취소' || t === '완료').sort()).toEqual(['예약확정', '취소']);
    await statusSection.getByRole('button', { name: '예약확정', exact: true }).click();
    const dialog = page.getByTestId('confirm-dialog');
    if (await dialog.isVisible().catch(() => false)) await dialog.getByRole('button', { name: /확정/ }).click();

    const command = await simulator.waitForCommand((c) => c.bookingId === sent.booking.bookingId && c.command === 'confirm', 20_000);
    expect(command.notification).toContain('예약이 확정되었습니다');
    await expect(panel.locator('[data-testid="naver-command"][data-command="confirm"]')).toHaveAttribute('data-status', 'sent', { timeout: 15_000 });
  });
});
