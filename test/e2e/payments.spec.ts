// PAY-1, PAY-2, PAY-4 as people do them. A customer on a phone books the
// demo clinic's 레이저 토닝 1회 (예약 시 결제), pays by 카카오페이 머니 on the
// local checkout page (the local Toss-compatible server's stand-in for the
// widget) and sees the booking number; the shop sees it paid, completes it,
// refunds the payment only (결제만 취소) and downloads the statement CSV; a
// customer cancels another paid booking within the policy and sees what is
// refunded.
import { expect, test as base, type APIRequestContext, type Page } from '@playwright/test';
import { DEMO_LOGIN, test } from './fixtures.ts';
import { todayIn } from '../../src/platform/time.ts';

const PRODUCT_NAME = '레이저 토닝 1회 (예약 시 결제)';

interface Slot {
  startsAt: string;
  localTime: string;
  remaining: number;
  status: string;
}

async function ok<T>(response: Awaited<ReturnType<APIRequestContext['get']>>, what: string): Promise<T> {
  expect(response.ok(), `${what} → ${response.status()} ${await response.text()}`).toBe(true);
  return (await response.json()) as T;
}

async function paidProduct(request: APIRequestContext) {
  await ok(await request.post('/api/auth/login', { data: DEMO_LOGIN }), 'login');
  const me = await ok<{ business: { timeZone: string } }>(await request.get('/api/auth/me'), 'me');
  const { items } = await ok<{ items: { id: string; products: { id: string; name: string }[] }[] }>(await request.get('/api/places'), 'places');
  for (const place of items) {
    const product = place.products.find((p) => p.name === PRODUCT_NAME);
    if (product) return { productId: product.id, timeZone: me.business.timeZone };
  }
  throw new Error(`the demo has no product named ${PRODUCT_NAME}`);
}

/** A bookable slot at least three days ahead (the full-refund tier is 48 hours), on the first such date. */
async function slotAhead(request: APIRequestContext, productId: string, timeZone: string, skip = 0): Promise<{ date: string; slot: Slot }> {
  const from = new Date(Date.parse(`${todayIn(timeZone)}T00:00:00Z`) + 3 * 86_400_000).toISOString().slice(0, 10);
  const to = new Date(Date.parse(`${from}T00:00:00Z`) + 40 * 86_400_000).toISOString().slice(0, 10);
  const availability = await ok<{ days: { date: string; slots: Slot[] }[] }>(await request.get(`/api/public/products/${productId}/availability?from=${from}&to=${to}`), 'availability');
  let left = skip;
  for (const day of availability.days) {
    for (const slot of day.slots.filter((s) => s.status === 'bookable' && s.remaining === 2)) {
      if (left-- === 0) return { date: day.date, slot };
    }
  }
  throw new Error('no bookable slot');
}

/** Paid through the same calls the booking page and the payment window make (checkout, the window's approval, the return). */
async function payThroughApi(request: APIRequestContext, productId: string, startsAt: string, phone: string, method: 'card' | 'kakaopay_money'): Promise<string> {
  const checkout = await ok<{ orderId: string; orderName: string; amount: number; provider: { clientKey: string; checkoutUrl: string } }>(
    await request.post('/api/public/checkouts', { data: { productId, lines: [{ startsAt, quantity: 1 }], customer: { name: 'E2E 결제', phone }, consents: { privacy: true } } }),
    'checkout',
  );
  const window = await ok<{ redirectUrl: string }>(
    await request.post(checkout.provider.checkoutUrl, {
      data: { clientKey: checkout.provider.clientKey, orderId: checkout.orderId, orderName: checkout.orderName, amount: checkout.amount, method, outcome: 'approve', successUrl: 'http://127.0.0.1/s', failUrl: 'http://127.0.0.1/f' },
    }),
    'payment window',
  );
  const back = new URL(window.redirectUrl);
  const confirmed = await ok<{ booking: { bookingNumber: string } }>(
    await request.post(`/api/public/checkouts/${checkout.orderId}/confirm`, { data: { paymentKey: back.searchParams.get('paymentKey'), amount: Number(back.searchParams.get('amount')) } }),
    'confirm',
  );
  return confirmed.booking.bookingNumber;
}

function randomPhone(): string {
  return `010${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}`;
}

async function pickDate(page: Page, date: string): Promise<void> {
  const day = page.locator(`button[data-date="${date}"]`);
  await expect(page.getByRole('button', { name: '다음 달' })).toBeVisible();
  for (let i = 0; i < 3 && !(await day.isVisible()); i++) await page.getByRole('button', { name: '다음 달' }).click();
  await day.click();
  await expect(day).toHaveAttribute('aria-pressed', 'true');
}

const phoneTest = base.extend({});
phoneTest.use({ viewport: { width: 390, height: 844 }, hasTouch: true });

phoneTest('휴대폰에서 예약 시 결제 상품을 카카오페이 머니로 결제하면 예약번호와 결제 금액이 보인다', async ({ page, request }) => {
  const { productId, timeZone } = await paidProduct(request);
  const { date, slot } = await slotAhead(request, productId, timeZone);

  await page.goto(`/book/products/${productId}`);
  await expect(page.getByRole('heading', { name: PRODUCT_NAME }).first()).toBeVisible();
  await pickDate(page, date);
  await page.getByRole('button', { name: `${slot.localTime} ${slot.remaining}자리 남음` }).click();
  await page.getByRole('button', { name: '1명 선택 · 다음' }).click();
  await expect(page.getByRole('heading', { name: /예약자 정보/ })).toBeVisible();
  await page.getByLabel('이름').fill(`E2E 결제 ${Math.floor(Math.random() * 1e4)}`);
  const phone = randomPhone();
  await page.getByLabel('휴대폰 번호').fill(phone);
  await page.getByLabel(/취소 규정을 확인했으며 동의합니다/).check();
  await page.getByLabel(/\[필수\] 개인정보 수집·이용 동의/).check();
  await expect(page.getByTestId('prepaid-payment')).toContainText('55,000원');
  await page.getByRole('button', { name: '55,000원 결제하기' }).click();

  // The payment window (the local Toss-compatible server's checkout page): 카카오페이 머니, then 결제하기.
  await expect(page.getByRole('heading', { name: '결제하기' })).toBeVisible();
  await expect(page.locator('body')).toContainText('55,000원');
  await page.getByText('카카오페이 머니', { exact: false }).first().click();
  await page.getByRole('button', { name: '결제하기', exact: true }).click();

  await expect(page).toHaveURL(/\/book\/bookings\/\d{8,}/, { timeout: 30_000 });
  const bookingNumber = (await page.getByTestId('booking-number').textContent())?.trim() ?? '';
  expect(bookingNumber).toMatch(/^\d{8,}$/);
  await expect(page.locator('body')).toContainText('결제를 완료했습니다');
  await expect(page.locator('body')).toContainText('카카오페이 머니');

  const booking = await ok<{ payment: { status: string; amountPg: number } }>(await request.get(`/api/public/bookings/${bookingNumber}?phone=${phone}`), 'lookup');
  expect(booking.payment).toMatchObject({ status: 'paid', amountPg: 55000 });
});

test('업체는 결제된 예약을 보고 이용완료한 뒤 결제만 취소하고, 정산 내역 CSV를 내려받는다', async ({ loggedIn: page }) => {
  const { productId, timeZone } = await paidProduct(page.request);
  const { slot } = await slotAhead(page.request, productId, timeZone, 2);
  const paidBookingNumber = await payThroughApi(page.request, productId, slot.startsAt, randomPhone(), 'kakaopay_money');
  // At phone width the sections sit behind the ☰ menu (OPS-7).
  if ((page.viewportSize()?.width ?? 1440) <= 760) await page.getByRole('button', { name: '메뉴', exact: true }).click();
  await page.getByRole('link', { name: '파트너센터' }).click();
  await page.getByRole('navigation', { name: '파트너센터 메뉴' }).getByRole('link', { name: /예약 관리/ }).click();
  await page.getByLabel('예약 검색').fill(paidBookingNumber);
  const row = page.locator(`[data-testid="booking-row"][data-booking-number="${paidBookingNumber}"]`);
  await expect(row).toHaveCount(1);
  await row.click();
  const drawer = page.getByTestId('booking-drawer');
  await expect(drawer.getByTestId('payment-status')).toHaveText('결제 완료');
  await expect(drawer.getByTestId('payment-amount')).toContainText('55,000원');

  await drawer.getByRole('button', { name: '이용완료' }).click();
  await expect(row.getByTestId('booking-status')).toHaveText('이용완료');

  await drawer.getByRole('button', { name: '결제만 취소' }).click();
  const dialog = page.getByRole('dialog');
  await expect(dialog).toContainText('55,000원');
  await dialog.getByLabel('취소 사유').fill('시술 후 불편 호소');
  await dialog.getByRole('button', { name: '결제 취소' }).click();
  await expect(page.getByTestId('toast').filter({ hasText: '결제를 취소하고 환불을 요청했습니다.' })).toBeVisible();
  // The refund job sends it to Toss; the drawer shows it done.
  await expect(drawer.getByTestId('booking-refund').first()).toHaveAttribute('data-status', 'succeeded', { timeout: 30_000 });
  await expect(row.getByTestId('booking-status')).toHaveText('이용완료');
  await expect(drawer.getByTestId('payment-balance')).toHaveText('0원');

  await drawer.getByRole('button', { name: '닫기' }).click();
  await page.getByRole('navigation', { name: '파트너센터 메뉴' }).getByRole('link', { name: '정산' }).click();
  await expect(page.getByTestId('settlements')).toBeVisible();
  await page.getByTestId('settlement-period').first().click();
  const statement = page.getByTestId('statement');
  await expect(statement.getByTestId('statement-line').filter({ hasText: `${paidBookingNumber}-1` })).toHaveCount(2);
  await expect(statement.getByTestId('statement-totals')).toContainText('합계');

  const download = page.waitForEvent('download');
  await statement.getByTestId('statement-csv').click();
  const file = await download;
  const text = await (await file.createReadStream()).toArray().then((chunks) => Buffer.concat(chunks as Buffer[]).toString('utf8'));
  expect(text.startsWith('\uFEFF예약상세번호,주결제 수단,수수료율,주결제 금액,쿠폰할인,주결제 수수료,포인트 결제금액,포인트 결제 수수료,정산대상금액,정산금액')).toBe(true);
  expect(text).toContain(`${paidBookingNumber}-1`);
  expect(text.trimEnd().split('\r\n').at(-1)!.startsWith('합계')).toBe(true);
});

phoneTest('고객은 결제한 다른 예약을 취소 규정 안에서 취소하고 환불 금액을 본다', async ({ page, request }) => {
  const { productId, timeZone } = await paidProduct(request);
  const { slot } = await slotAhead(request, productId, timeZone, 1);
  const phone = randomPhone();
  const bookingNumber = await payThroughApi(request, productId, slot.startsAt, phone, 'card');

  await page.goto('/book/lookup');
  await page.getByLabel('예약번호').fill(bookingNumber);
  await page.getByLabel('휴대폰 번호').fill(phone);
  await page.getByRole('button', { name: /조회/ }).click();
  await expect(page.getByTestId('booking-number')).toHaveText(bookingNumber);
  await page.getByRole('button', { name: '예약 취소' }).click();
  const dialog = page.getByRole('dialog');
  await expect(dialog).toContainText('취소하면 55,000원이 환불됩니다 (환불 100%)');
  await dialog.getByRole('button', { name: '예약 취소' }).click();
  await expect(page.locator('body')).toContainText('55,000원 환불을 요청했습니다');
  await expect(page.locator('body')).toContainText('환불 완료', { timeout: 30_000 });
});
