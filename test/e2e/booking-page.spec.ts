// BOOK-7: the public booking page on a phone. A customer opens the demo
// clinic's place page, books a slot of "초진 피부 상담" with a name and a phone
// number and gets a booking number; a slot booked to its full capacity shows
// as 마감 and cannot be chosen (BOOK-8).
import { expect, test, type APIRequestContext, type Page } from '@playwright/test';
import { DEMO_LOGIN } from './fixtures.ts';
import { todayIn } from '../../src/platform/time.ts';

const PRODUCT_NAME = '초진 피부 상담';

test.use({ viewport: { width: 390, height: 844 }, hasTouch: true });

interface DemoProduct {
  placeId: string;
  placeName: string;
  productId: string;
  timeZone: string;
  maxQuantityPerBooking: number;
}

interface Slot {
  startsAt: string;
  localTime: string;
  capacity: number;
  remaining: number;
  status: string;
}

interface SlotDay {
  date: string;
  slots: Slot[];
}

async function ok<T>(response: Awaited<ReturnType<APIRequestContext['get']>>, what: string): Promise<T> {
  expect(response.ok(), `${what} → ${response.status()} ${await response.text()}`).toBe(true);
  return (await response.json()) as T;
}

/** Finds the demo place and product through the partner API as the demo admin (its own cookie jar, not the customer's page). */
async function demoProduct(request: APIRequestContext): Promise<DemoProduct> {
  await ok(await request.post('/api/auth/login', { data: DEMO_LOGIN }), 'login');
  const me = await ok<{ business: { timeZone: string } }>(await request.get('/api/auth/me'), 'me');
  const { items } = await ok<{ items: { id: string; name: string; products: { id: string; name: string }[] }[] }>(await request.get('/api/places'), 'places');
  for (const place of items) {
    const product = place.products.find((p) => p.name === PRODUCT_NAME);
    if (!product) continue;
    const detail = await ok<{ maxQuantityPerBooking?: number }>(await request.get(`/api/public/products/${product.id}`), 'public product');
    return { placeId: place.id, placeName: place.name, productId: product.id, timeZone: me.business.timeZone, maxQuantityPerBooking: detail.maxQuantityPerBooking ?? 1 };
  }
  throw new Error(`the demo business has no product named ${PRODUCT_NAME}`);
}

async function slotDays(request: APIRequestContext, product: DemoProduct): Promise<SlotDay[]> {
  const today = todayIn(product.timeZone);
  const to = new Date(Date.parse(`${today}T00:00:00Z`) + 61 * 86_400_000).toISOString().slice(0, 10);
  const availability = await ok<{ kind: string; days: SlotDay[] }>(
    await request.get(`/api/public/products/${product.productId}/availability?from=${today}&to=${to}`),
    'availability',
  );
  expect(availability.kind).toBe('time_slot');
  return availability.days;
}

/** The first date with at least `count` bookable slots, and those slots. */
async function bookableSlots(request: APIRequestContext, product: DemoProduct, count: number): Promise<{ date: string; slots: Slot[] }> {
  for (const day of await slotDays(request, product)) {
    const slots = day.slots.filter((s) => s.status === 'bookable');
    if (slots.length >= count) return { date: day.date, slots };
  }
  throw new Error(`no date of ${PRODUCT_NAME} has ${count} bookable slots in the next 62 days`);
}

function randomPhone(): string {
  return `010${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}`;
}

/** Steps the calendar forward to the month of `date` and picks the date. */
async function pickDate(page: Page, date: string): Promise<void> {
  const day = page.locator(`button[data-date="${date}"]`);
  await expect(page.getByRole('button', { name: '다음 달' })).toBeVisible();
  for (let i = 0; i < 3 && !(await day.isVisible()); i++) await page.getByRole('button', { name: '다음 달' }).click();
  await expect(day).toBeEnabled();
  await day.click();
  await expect(day).toHaveAttribute('aria-pressed', 'true');
}

test('휴대폰 화면에서 장소 페이지 → 초진 피부 상담 → 날짜·시간·인원 → 이름·휴대폰 번호로 예약하면 예약번호가 보인다', async ({ page, request }) => {
  const product = await demoProduct(request);
  const { date, slots } = await bookableSlots(request, product, 1);
  const slot = slots[0];

  await page.goto(`/book/places/${product.placeId}`);
  await expect(page.getByRole('heading', { name: product.placeName }).first()).toBeVisible();
  await page.getByTestId('product-card').filter({ hasText: PRODUCT_NAME }).click();
  await expect(page).toHaveURL(new RegExp(`/book/products/${product.productId}$`));
  await expect(page.getByRole('heading', { name: /날짜 선택/ })).toBeVisible();

  await pickDate(page, date);
  await expect(page.getByRole('heading', { name: /시간 선택/ })).toBeVisible();
  await page.getByRole('button', { name: `${slot.localTime} ${slot.remaining}자리 남음` }).click();
  await expect(page.getByRole('heading', { name: /인원 선택/ })).toBeVisible();
  await expect(page.getByTestId('booking-summary')).toContainText('총 금액');

  await page.getByRole('button', { name: '1명 선택 · 다음' }).click();
  await expect(page.getByRole('heading', { name: /예약자 정보/ })).toBeVisible();
  await expect(page.getByText(/취소 규정/).first()).toBeVisible();

  const name = `E2E 예약 ${Math.floor(Math.random() * 1e4)}`;
  const phone = randomPhone();
  await page.getByLabel('이름').fill(name);
  // A number that is not a Korean mobile number: the server's message appears next to the field.
  await page.getByLabel('휴대폰 번호').fill('0101234');
  await page.getByLabel(/취소 규정을 확인했으며 동의합니다/).check();
  // LAW-1: 예약하기 waits for the required 개인정보 수집·이용 consent; 보기 shows what it covers.
  await expect(page.getByTestId('booking-submit')).toBeDisabled();
  await page.getByRole('button', { name: '보기', exact: true }).click();
  await expect(page.getByTestId('consent-privacy-details')).toContainText('동의하지 않으면 예약할 수 없습니다');
  await page.getByLabel(/\[필수\] 개인정보 수집·이용 동의/).check();
  await page.getByLabel(/\[선택\] 광고성 정보/).check();
  await page.getByRole('button', { name: /예약하기/ }).click();
  await expect(page.getByTestId('phone-error')).toBeVisible();
  await expect(page.getByTestId('phone-error')).toContainText(/번호/);

  await page.getByLabel('휴대폰 번호').fill(`${phone.slice(0, 3)}-${phone.slice(3, 7)}-${phone.slice(7)}`);
  await page.getByRole('button', { name: /예약하기/ }).click();

  await expect(page).toHaveURL(/\/book\/bookings\/\d{8,}$/);
  const bookingNumber = (await page.getByTestId('booking-number').textContent())?.trim() ?? '';
  expect(bookingNumber).toMatch(/^\d{8,}$/);
  await expect(page.getByTestId('booking-status')).toHaveText(/예약확정|확정대기/);
  await expect(page.getByText(`${bookingNumber}-1`)).toBeVisible();

  // The booking is the customer's: the lookup with the same phone finds it.
  const booked = await ok<{ customerName: string; lines: unknown[] }>(await request.get(`/api/public/bookings/${bookingNumber}?phone=${phone}`), 'lookup');
  expect(booked.customerName).toBe(name);
  expect(booked.lines).toHaveLength(1);
});

test('정원을 모두 예약한 슬롯은 휴대폰 화면에서 "마감"으로 보이고 고를 수 없다', async ({ page, request }) => {
  const product = await demoProduct(request);
  const { date, slots } = await bookableSlots(request, product, 2);
  const soldOut = slots[slots.length - 1];

  // Fill the slot through the public API, in bookings of at most the per-booking maximum.
  let remaining = soldOut.remaining;
  while (remaining > 0) {
    const quantity = Math.min(remaining, product.maxQuantityPerBooking);
    await ok(
      await request.post('/api/public/bookings', {
        data: { productId: product.productId, lines: [{ startsAt: soldOut.startsAt, quantity }], customer: { name: 'E2E 마감', phone: randomPhone() }, consents: { privacy: true } },
      }),
      'book the slot',
    );
    remaining -= quantity;
  }

  await page.goto(`/book/products/${product.productId}`);
  await pickDate(page, date);
  const button = page.getByRole('button', { name: `${soldOut.localTime} 마감` });
  await expect(button).toBeVisible();
  await expect(button).toHaveAttribute('aria-disabled', 'true');
  await expect(button).toContainText('마감');

  // aria-disabled keeps it in the tab order for screen readers; a tap on it must still do nothing.
  await button.click({ force: true });
  await expect(button).toHaveAttribute('aria-pressed', 'false');
  await expect(page.getByRole('heading', { name: /인원 선택/ })).toHaveCount(0);
  await expect(page.getByRole('button', { name: '다음', exact: true })).toBeDisabled();
});

test('공휴일과 업체가 등록한 임시휴무는 휴대폰 예약 화면의 달력에 "휴무"로 보이고 고를 수 없으며, 휴무 안내에 사유가 나온다 (OPS-1)', async ({ browser, page, request }) => {
  const product = await demoProduct(request);
  const days = await slotDays(request, product);
  // The last date with bookable slots: far from the dates the other tests book.
  const closeOn = [...days].reverse().find((d) => d.slots.some((s) => s.status === 'bookable'))!.date;
  const reason = `원장님 학회 E2E ${Math.floor(Math.random() * 1e4)}`;

  // The owner adds the 임시휴무 in the partner center at a desktop size, as a person would.
  const desk = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  try {
    await ok(await desk.request.post('/api/auth/login', { data: DEMO_LOGIN }), 'owner login');
    const owner = await desk.newPage();
    await owner.goto(`/partner/places/${product.placeId}`);
    const opening = owner.getByTestId('place-opening');
    await expect(opening.getByRole('heading', { name: '영업시간·휴무일' })).toBeVisible();
    // A clinic closes on public holidays by default: the coming ones are listed as 휴무.
    const holidayRows = opening.getByTestId('holiday-row');
    await expect(holidayRows.first()).toContainText('휴무');
    const form = opening.getByTestId('closure-form');
    await form.getByLabel('시작일').fill(closeOn);
    await form.getByLabel('종료일').fill(closeOn);
    await form.getByLabel('사유').fill(reason);
    await form.getByRole('button', { name: '+ 임시휴무 등록' }).click();
    await expect(opening.getByTestId('closure-row').filter({ hasText: reason })).toBeVisible();
  } finally {
    await desk.close();
  }

  const holidays = await ok<{ items: { date: string; names: string[]; closed: boolean }[] }>(await request.get(`/api/places/${product.placeId}/holidays`), 'holidays');
  const lastDay = days[days.length - 1]!.date;
  const holiday = holidays.items.find((h) => h.closed && h.date <= lastDay && h.date > days[0]!.date);

  try {
    await page.goto(`/book/products/${product.productId}`);
    await expect(page.getByRole('heading', { name: /날짜 선택/ })).toBeVisible();
    // The notice names the closed days of the month on screen, with why.
    const notice = page.getByTestId('closed-days');
    for (const [date, why] of [[closeOn, `임시휴무: ${reason}`], ...(holiday ? [[holiday.date, `공휴일 휴무: ${holiday.names[0]}`]] : [])] as [string, string][]) {
      const day = page.locator(`button[data-date="${date}"]`);
      for (let i = 0; i < 3 && !(await day.isVisible()); i++) await page.getByRole('button', { name: '다음 달' }).click();
      await expect(day).toBeDisabled();
      await expect(day).toContainText('휴무');
      await expect(day).toHaveAttribute('aria-label', new RegExp(`휴무 \\(${why.replace(/[()]/g, '\\$&')}\\)`));
      await expect(notice).toContainText('휴무 안내');
      await expect(notice).toContainText(why);
      await page.screenshot({ path: `test-results/e2e/booking-closed-${date}.png`, fullPage: true });
      // Back to the first month for the next date.
      for (let i = 0; i < 3 && (await page.getByRole('button', { name: '이전 달' }).isEnabled()); i++) await page.getByRole('button', { name: '이전 달' }).click();
    }
    // The availability API agrees: nothing on the closed day is offered.
    const after = await slotDays(request, product);
    expect(after.find((d) => d.date === closeOn)?.slots.filter((s) => s.status === 'bookable') ?? []).toEqual([]);
  } finally {
    const closures = await ok<{ items: { id: string; reason: string }[] }>(await request.get(`/api/places/${product.placeId}/closures`), 'closures');
    for (const closure of closures.items.filter((c) => c.reason === reason)) await request.delete(`/api/places/${product.placeId}/closures/${closure.id}`);
  }
});
