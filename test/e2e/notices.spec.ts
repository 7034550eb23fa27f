import { expect, test } from './fixtures.ts';

/**
 * NOTI-1 … NOTI-3 and MSG-3 as a shop owner goes through them: 설정 > 알림
 * 메시지 (toggles, the reminder, the templates at Kakao and a test send),
 * then a phone booking made in the calendar and what its customer is told.
 */

test('설정 > 알림 메시지: 템플릿을 보고 알림톡 템플릿을 등록해 검수중 → 승인을 확인하고, 내 번호로 테스트 발송한다', async ({ loggedIn: page }) => {
  await page.goto('/settings/notices');
  const settings = page.getByTestId('notice-settings');
  await expect(settings.getByRole('heading', { name: '알림 메시지' })).toBeVisible();
  await expect(page.locator('.notice-event')).toHaveCount(8);
  await page.screenshot({ path: 'test-results/e2e/notice-settings.png', fullPage: true });

  const confirmed = page.getByTestId('notice-booking_confirmed');
  await confirmed.getByRole('button', { name: '템플릿 보기' }).click();
  await expect(confirmed.locator('.notice-sample')).toContainText('예약 확정 안내');
  await expect(confirmed.locator('.notice-sample')).toContainText('홍길동님');
  await expect(confirmed.locator('.notice-sample')).not.toContainText('#{');

  // Registered with Kakao through Solapi: in inspection, then (the local server approves at the next read) 승인.
  const register = confirmed.getByRole('button', { name: /알림톡 템플릿 등록|템플릿 다시 등록/ });
  if (await register.isVisible()) {
    await register.click();
    await expect(page.getByText('카카오에 검수를 요청했습니다')).toBeVisible();
    await expect(confirmed.getByText('알림톡 검수중')).toBeVisible();
    await page.getByRole('button', { name: '검수 상태 새로고침' }).click();
  }
  await expect(confirmed.getByText('알림톡 승인')).toBeVisible();

  // The LAW-3 notice cannot be turned off.
  await expect(page.getByTestId('notice-consent_notice').getByRole('checkbox')).toBeDisabled();

  // A test send of an informational template to the shop's own number.
  await confirmed.getByLabel('테스트 받을 번호').fill('010-5555-0101');
  await confirmed.getByRole('button', { name: '테스트 발송' }).click();
  await expect(page.getByText('010-5555-0101(으)로 테스트 발송했습니다.')).toBeVisible();

  // A night reminder time is refused beside its field.
  await page.getByLabel('보낼 시각').fill('22:00');
  await page.getByRole('button', { name: '저장', exact: true }).click();
  await expect(page.getByText(/08:00부터 20:59 사이/)).toBeVisible();
  await page.getByLabel('보낼 시각').fill('10:00');

  await page.setViewportSize({ width: 390, height: 844 });
  await page.screenshot({ path: 'test-results/e2e/notice-settings-phone.png', fullPage: true });
});

test('전화 예약 알림을 켜면 캘린더에 등록한 일정의 고객에게 확정 알림이 가고 리마인드가 예약되며, 메시지 화면의 고객 알림 내역에 보인다', async ({ loggedIn: page, api, today }) => {
  await page.goto('/settings/notices');
  const manual = page.getByLabel(/캘린더에서 직접 등록한 일정/);
  if (!(await manual.isChecked())) {
    await manual.check();
    await page.getByRole('button', { name: '저장', exact: true }).click();
    await expect(page.getByText('알림 설정을 저장했습니다.')).toBeVisible();
  }

  const customer = await api.createCustomer('알림');
  const [staff] = await api.realStaff(today.date);
  const startsAt = new Date(Date.now() + 3 * 86_400_000);
  startsAt.setUTCMinutes(0, 0, 0);
  const schedule = await api.createSchedule({ customerId: customer.id, staffId: staff!.id, startsAt, minutes: 30 });

  await page.goto(`/calendar?schedule=${schedule.id}`);
  const notices = page.getByTestId('schedule-notices');
  await expect(notices).toBeVisible();
  await expect(notices.getByTestId('notice-line').filter({ hasText: '예약 확정' })).toBeVisible();
  await expect(notices.getByTestId('notice-line').filter({ hasText: '방문 전 리마인드' })).toContainText('발송 예정');
  await page.screenshot({ path: 'test-results/e2e/schedule-notices.png' });

  await page.goto('/messages');
  const recent = page.getByTestId('recent-notices');
  await expect(recent.getByTestId('notice-line').filter({ hasText: customer.name })).not.toHaveCount(0);
});
