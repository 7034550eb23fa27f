import type { APIRequestContext, Page } from '@playwright/test';
import { todayIn } from '../../src/platform/time.ts';
import { calendarColumn, expect, scheduleCard, test } from './fixtures.ts';

/** The demo clinic's product that waits for the business's approval (BOOK-6). */
const APPROVAL_PRODUCT = '레이저 토닝 상담';

interface ProductSummary {
  id: string;
  name: string;
  placeId: string;
}

interface PartnerBooking {
  id: string;
  bookingNumber: string;
  status: string;
  scheduleId: string | null;
  usageStartsAt: string;
}

interface Slot {
  startsAt: string;
  status: string;
  remaining: number;
}

/** "YYYY-MM-DD" + days, on the calendar (no zone involved). */
function addDays(date: string, days: number): string {
  const [y, m, d] = date.split('-').map(Number);
  return new Date(Date.UTC(y!, m! - 1, d! + days)).toISOString().slice(0, 10);
}

async function json<T>(request: APIRequestContext, method: 'GET' | 'POST', url: string, data?: unknown): Promise<T> {
  const response = await request.fetch(url, { method, data });
  expect(response.ok(), `${method} ${url} → ${response.status()} ${await response.text()}`).toBe(true);
  return (await response.json()) as T;
}

async function approvalProduct(request: APIRequestContext): Promise<ProductSummary> {
  const { items } = await json<{ items: ProductSummary[] }>(request, 'GET', '/api/products');
  const product = items.find((p) => p.name === APPROVAL_PRODUCT);
  if (!product) throw new Error(`the demo business needs the approval product "${APPROVAL_PRODUCT}"`);
  return product;
}

/** Books the first open slot of the coming two weeks through the public API, as the booking page does. */
async function bookThroughPublicApi(request: APIRequestContext, productId: string, timeZone: string, customer: { name: string; phone: string }) {
  const from = todayIn(timeZone);
  const availability = await json<{ kind: string; days: { slots: Slot[] }[] }>(
    request,
    'GET',
    `/api/public/products/${productId}/availability?from=${from}&to=${addDays(from, 14)}`,
  );
  expect(availability.kind).toBe('time_slot');
  const slot = availability.days.flatMap((day) => day.slots).find((s) => s.status === 'bookable' && s.remaining > 0);
  if (!slot) throw new Error(`no bookable slot of "${APPROVAL_PRODUCT}" in the next two weeks`);
  return json<{ bookingNumber: string; status: string }>(request, 'POST', '/api/public/bookings', {
    productId,
    lines: [{ startsAt: slot.startsAt, quantity: 1 }],
    customer,
    request: '처음 방문합니다.',
    consents: { privacy: true },
  });
}

function bookingRow(page: Page, bookingNumber: string) {
  return page.locator(`[data-testid="booking-row"][data-booking-number="${bookingNumber}"]`);
}

function homeCount(page: Page, card: 'unanswered' | 'pending' | 'today') {
  return page.getByTestId(`partner-stat-${card}`).getByTestId('partner-stat-count');
}

test.describe('파트너센터 (BOOK-9, BOOK-10, BOOK-11)', () => {
  test('예약페이지로 들어온 관리자 승인 예약이 예약 관리와 캘린더의 예약페이지 열에 확정대기로 보이고, 파트너센터에서 확정하면 둘 다 예약확정이 된다', async ({ loggedIn: page, api, today }) => {
    const product = await approvalProduct(page.request);
    const customer = { name: `E2E 예약 ${Date.now() % 100000}`, phone: `010${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}` };
    const made = await bookThroughPublicApi(page.request, product.id, today.timeZone, customer);
    expect(made.status).toBe('pending');

    // 예약 관리: the booking is listed as 확정대기; the search finds it by its number.
    await page.getByRole('link', { name: '파트너센터' }).click();
    await page.getByRole('navigation', { name: '파트너센터 메뉴' }).getByRole('link', { name: /예약 관리/ }).click();
    await page.getByLabel('예약 검색').fill(made.bookingNumber);
    const row = bookingRow(page, made.bookingNumber);
    await expect(row).toHaveCount(1);
    await expect(row).toContainText(customer.name);
    await expect(row).toContainText(APPROVAL_PRODUCT);
    await expect(row.getByTestId('booking-status')).toHaveText('확정대기');

    // The calendar shows it in the 예약페이지 column on its day, as 확정대기.
    const listed = await json<{ items: PartnerBooking[] }>(page.request, 'GET', `/api/bookings?q=${made.bookingNumber}`);
    const booking = listed.items.find((b) => b.bookingNumber === made.bookingNumber)!;
    expect(booking.scheduleId).toBeTruthy();
    const usageDate = todayIn(today.timeZone, new Date(booking.usageStartsAt));
    const day = await api.calendarDay(usageDate);
    const bookingPageStaff = day.staff.find((s) => s.kind === 'booking_page')!;
    expect(day.schedules.find((s) => s.id === booking.scheduleId)?.staffId).toBe(bookingPageStaff.id);

    await row.click();
    const drawer = page.getByTestId('booking-drawer');
    await expect(drawer).toContainText(made.bookingNumber);
    await expect(drawer.getByTestId('booking-line')).toHaveCount(1);
    await drawer.getByRole('link', { name: '캘린더에서 보기' }).click();
    await expect(page).toHaveURL(new RegExp(`/calendar\\?date=${usageDate}&schedule=${booking.scheduleId}`));
    const card = scheduleCard(calendarColumn(page, bookingPageStaff.id), booking.scheduleId!);
    await expect(card).toBeVisible();
    await expect(card).toContainText('확정대기');
    const panel = page.getByTestId('schedule-panel');
    await expect(panel.getByTestId('booking-page-number')).toHaveText(made.bookingNumber);

    // Back in the partner center (through the panel's link), the admin confirms the booking.
    await panel.getByTestId('booking-page-number').click();
    await expect(page).toHaveURL(/\/partner\/bookings\?q=/);
    await bookingRow(page, made.bookingNumber).click();
    const confirmed = page.waitForResponse((r) => r.url().endsWith(`/api/bookings/${booking.id}/confirm`) && r.request().method() === 'POST');
    await page.getByTestId('booking-drawer').getByRole('button', { name: '예약 확정' }).click();
    expect((await confirmed).ok()).toBe(true);
    await expect(page.getByTestId('toast').filter({ hasText: '예약을 확정했습니다.' })).toBeVisible();
    await expect(bookingRow(page, made.bookingNumber).getByTestId('booking-status')).toHaveText('예약확정');
    await expect(page.getByTestId('booking-drawer').getByRole('button', { name: '예약 확정' })).toHaveCount(0);

    // The same change shows in the calendar and its schedule panel.
    await page.goto(`/calendar?date=${usageDate}&schedule=${booking.scheduleId}`);
    await expect(scheduleCard(calendarColumn(page, bookingPageStaff.id), booking.scheduleId!)).toContainText('예약확정');
    const statusSection = page
      .getByTestId('schedule-panel')
      .locator('section')
      .filter({ has: page.getByRole('heading', { name: '상태', exact: true }) });
    await expect(statusSection.locator('.status-row > .badge').first()).toHaveText('예약확정');
  });

  test('예약페이지에서 문의가 오면 홈과 고객문의 탭에 미답변 건수가 보이고, 답변하면 0건이 된다', async ({ loggedIn: page }) => {
    // Start from no unanswered inquiry, so the counts below are this test's own.
    const waiting = await json<{ items: { id: string }[] }>(page.request, 'GET', '/api/inquiries?status=unanswered');
    for (const inquiry of waiting.items) {
      await json(page.request, 'POST', `/api/inquiries/${inquiry.id}/reply`, { body: '확인했습니다.' });
    }

    const product = await approvalProduct(page.request);
    const author = `E2E 문의 ${Date.now() % 100000}`;
    const body = '레이저 토닝 전에 세안하고 가야 하나요?';
    const posted = await page.request.post('/api/public/inquiries', {
      data: { placeId: product.placeId, productId: product.id, name: author, phone: '010-2222-3333', body },
    });
    expect(posted.status(), await posted.text()).toBe(201);

    await page.goto('/partner');
    await expect(homeCount(page, 'unanswered')).toHaveText('1');
    await expect(page.getByTestId('unanswered-badge')).toHaveText('1');

    await page.getByTestId('partner-stat-unanswered').click();
    await expect(page).toHaveURL(/\/partner\/inquiries\?status=unanswered/);
    const inquiry = page.getByTestId('inquiry').filter({ hasText: author });
    await expect(inquiry).toContainText(body);
    await expect(inquiry).toContainText(APPROVAL_PRODUCT);
    await expect(inquiry).toContainText('010-2222-3333');
    await inquiry.getByRole('textbox').fill('네, 세안 후 방문해 주세요.');
    await inquiry.getByRole('button', { name: '답변 등록' }).click();
    await expect(page.getByTestId('toast').filter({ hasText: '답변을 등록했습니다.' })).toBeVisible();
    await expect(page.getByTestId('inquiries-empty')).toBeVisible();
    await expect(page.getByTestId('unanswered-badge')).toHaveCount(0);

    await page.getByRole('button', { name: '전체', exact: true }).click();
    const answered = page.getByTestId('inquiry').filter({ hasText: author });
    await expect(answered.getByTestId('inquiry-reply')).toContainText('네, 세안 후 방문해 주세요.');

    await page.getByRole('navigation', { name: '파트너센터 메뉴' }).getByRole('link', { name: '홈' }).click();
    await expect(homeCount(page, 'unanswered')).toHaveText('0');
  });
});
