import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Session, type TestApp } from '../../../test/app.ts';
import { engines } from '../../../test/db.ts';
import { expectError } from '../../../test/helpers.ts';
import type { LocalToss } from '../../../tools/toss-local/index.ts';
import { seoulDate, seoulInstant } from '../bookings/test-fixtures.ts';
import { sweepPayments } from './use-cases/sweep.ts';
import { reconcilePayment } from './use-cases/reconcile-payment.ts';
import { syncPayment } from './use-cases/sync-payment.ts';
import { issuePlatformCoupon } from './use-cases/issue-instruments.ts';
import { payInWindow, preparePaidProduct, startTestToss } from './test-helpers.ts';

const customer = { name: '김결제', phone: '010-2222-3333' };

describe.each(engines)('payments on %s (PAY-1 … PAY-4)', (engine) => {
  let t: TestApp;
  let admin: Session;
  let toss: LocalToss;
  let keys: { clientKey: string; secretKey: string };
  let productId: string;

  beforeAll(async () => {
    t = await createTestApp(engine);
    admin = await t.signup();
    ({ toss, keys } = await startTestToss());
    ({ productId } = await preparePaidProduct(t.database.db, admin.businessId, toss, keys, { capacity: 3, policy: [{ hoursBefore: 48, refundPercent: 100 }, { hoursBefore: 1, refundPercent: 50 }] }));
  });
  afterAll(async () => {
    await t?.close();
    await toss?.close();
  });

  const db = () => t.database.db;
  let day = 2;
  /** A fresh slot each time (10:00 on a later day), so tests do not share capacity. */
  const nextSlot = (time = '10:00') => seoulInstant(seoulDate(day++), time).toISOString();
  const checkout = (startsAt: string, extra: object = {}, quantity = 1) =>
    t.call(null, 'POST', '/api/public/checkouts', { productId, lines: [{ startsAt, quantity }], customer, consents: { privacy: true }, ...extra });
  const confirm = (orderId: string, paymentKey: string, amount: number) => t.call(null, 'POST', `/api/public/checkouts/${orderId}/confirm`, { paymentKey, amount });
  const paid = async (startsAt = nextSlot(), method: 'card' | 'kakaopay_card' | 'kakaopay_money' = 'card', quantity = 1) => {
    const c = await checkout(startsAt, {}, quantity);
    expect(c.status).toBe(201);
    const window = await payInWindow(toss, c.body, method);
    const res = await confirm(c.body.orderId, window.paymentKey!, window.amount!);
    expect(res.status).toBe(200);
    return { checkout: c.body, window, booking: res.body.booking, orderId: c.body.orderId as string };
  };
  const paymentRow = (orderId: string) => db().selectFrom('payments').selectAll().where('order_id', '=', orderId).executeTakeFirstOrThrow();
  const bookingId = async (orderId: string) => (await paymentRow(orderId)).booking_id!;

  it('a booking exists only once paid: checkout → window → confirm books it, one approval at Toss, the booking says what was paid', async () => {
    const startsAt = nextSlot();
    const c = await checkout(startsAt, {}, 2);
    expect(c.status).toBe(201);
    expect(c.body).toMatchObject({ status: 'pending', amount: 60000, price: { gross: 60000, amount: 60000 }, provider: { kind: 'local', clientKey: keys.clientKey }, booking: null });
    expect(await db().selectFrom('bookings').select('id').where('business_id', '=', admin.businessId).execute()).toHaveLength(0);
    // The places are held while the customer pays.
    const avail = await t.call(null, 'GET', `/api/public/products/${productId}/availability?from=${startsAt.slice(0, 10)}&to=${startsAt.slice(0, 10)}`);
    expect(avail.body.days.flatMap((d: { slots: { startsAt: string; remaining: number }[] }) => d.slots).find((s: { startsAt: string }) => s.startsAt === startsAt).remaining).toBe(1);

    const window = await payInWindow(toss, c.body, 'kakaopay_money');
    const res = await confirm(c.body.orderId, window.paymentKey!, window.amount!);
    expect(res.status).toBe(200);
    expect(res.body.outcome).toBe('booked');
    expect(res.body.booking).toMatchObject({ status: 'confirmed', prepaid: true, totalAmount: 60000, payment: { status: 'paid', amountPg: 60000, balancePg: 60000, methodLabel: '카카오페이 머니' } });
    expect(toss.approvals(c.body.orderId)).toBe(1);
    const again = await confirm(c.body.orderId, window.paymentKey!, window.amount!);
    expect(again.status).toBe(200);
    expect(again.body.booking.bookingNumber).toBe(res.body.booking.bookingNumber);
    expect(toss.approvals(c.body.orderId)).toBe(1);
  });

  it('booking a prepaid product without paying is refused', async () => {
    const res = await t.call(null, 'POST', '/api/public/bookings', { productId, lines: [{ startsAt: nextSlot(), quantity: 1 }], customer, consents: { privacy: true } });
    expectError(res, 409, 'PAYMENT_REQUIRED');
  });

  it('a tampered amount on the return is refused and nothing is charged; the right amount then books', async () => {
    const c = await checkout(nextSlot());
    const window = await payInWindow(toss, c.body);
    expectError(await confirm(c.body.orderId, window.paymentKey!, 100), 400, 'PAYMENT_AMOUNT_MISMATCH');
    expect(toss.approvals(c.body.orderId)).toBe(0);
    expect((await paymentRow(c.body.orderId)).status).toBe('pending');
    expect((await confirm(c.body.orderId, window.paymentKey!, window.amount!)).status).toBe(200);
  });

  it('a card the issuer rejects: nothing charged, no booking, the places come back when the checkout expires', async () => {
    const startsAt = nextSlot();
    const c = await checkout(startsAt);
    const window = await payInWindow(toss, c.body, 'card', 'reject');
    expect(window.code).toBe('REJECT_CARD_COMPANY');
    const later = new Date(Date.now() + 25 * 60_000);
    expect(await reconcilePayment(db(), null, admin.businessId, (await paymentRow(c.body.orderId)).id, later)).toBe('expired');
    expect((await paymentRow(c.body.orderId)).status).toBe('expired');
    expect(await db().selectFrom('booking_holds').select('id').where('business_id', '=', admin.businessId).where('product_id', '=', productId).execute()).toHaveLength(0);
  });

  it('capacity gone before the confirm: refused, and Toss is never asked to charge', async () => {
    const startsAt = nextSlot();
    const c = await checkout(startsAt);
    const window = await payInWindow(toss, c.body);
    // The hold lapses and three others take the slot.
    await db().updateTable('booking_holds').set({ expires_at: new Date(Date.now() - 1000) }).where('id', '=', (await paymentRow(c.body.orderId)).hold_id!).execute();
    await db().updateTable('capacity_claims').set({ expires_at: new Date(Date.now() - 1000) }).where('hold_id', '=', (await paymentRow(c.body.orderId)).hold_id!).execute();
    for (let i = 0; i < 3; i++) await paid(startsAt);
    expectError(await confirm(c.body.orderId, window.paymentKey!, window.amount!), 409, 'SOLD_OUT');
    expect(toss.approvals(c.body.orderId)).toBe(0);
    expect((await paymentRow(c.body.orderId)).status).toBe('expired');
  });

  it('the reply is lost after Toss approved: the lookup finishes the booking, one approval', async () => {
    const c = await checkout(nextSlot());
    const window = await payInWindow(toss, c.body);
    toss.faults.dropAfterApprove = 1;
    const res = await confirm(c.body.orderId, window.paymentKey!, window.amount!);
    expect(res.status).toBe(200);
    expect(res.body.outcome).toBe('booked');
    expect(toss.approvals(c.body.orderId)).toBe(1);
  });

  it('Toss answers 5xx to the confirm and to the lookup: "processing"; the reconciliation books it later with the same key', async () => {
    const c = await checkout(nextSlot());
    const window = await payInWindow(toss, c.body);
    toss.faults.fail5xx = 2;
    const res = await confirm(c.body.orderId, window.paymentKey!, window.amount!);
    expect(res.status).toBe(202);
    expect(res.body.outcome).toBe('processing');
    const row = await paymentRow(c.body.orderId);
    expect(row.status).toBe('confirming');
    expect(await reconcilePayment(db(), null, admin.businessId, row.id)).toBe('booked');
    expect(toss.approvals(c.body.orderId)).toBe(1);
    const poll = await t.call(null, 'GET', `/api/public/checkouts/${c.body.orderId}`);
    expect(poll.body.outcome).toBe('booked');
  });

  it('0원 (fully discounted by a platform coupon): booked without the provider, the coupon counted in the statement base', async () => {
    const coupon = await issuePlatformCoupon(db(), { amount: 30000, businessId: admin.businessId, days: 30 });
    const c = await checkout(nextSlot(), { platformCouponCode: coupon.code });
    expect(c.status).toBe(201);
    expect(c.body).toMatchObject({ status: 'paid', amount: 0, price: { couponPlatform: 30000, amount: 0 }, provider: null });
    expect(c.body.booking.payment).toMatchObject({ couponPlatform: 30000, amountPg: 0 });
    expect(toss.approvals(c.body.orderId)).toBe(0);
    // The coupon is used once.
    expectError(await checkout(nextSlot(), { platformCouponCode: coupon.code }), 409, 'COUPON_ALREADY_REDEEMED');
  });

  it('a coupon code the shop sent in a coupon message is a business-borne discount here, used once, outside the settlement base', async () => {
    const message = await db()
      .insertInto('messages')
      .values({ business_id: admin.businessId, channel: 'sms', template_key: 'regular', title: '단골 감사 쿠폰', body: '감사합니다', coupon: JSON.stringify({ type: 'discount', discountKind: 'percent', discountValue: 10 }), coupon_validity: '30d', audience: JSON.stringify({ kind: 'filter' }), settings: JSON.stringify({}), status: 'sent', send_at: new Date() })
      .returning('id')
      .executeTakeFirstOrThrow();
    await db()
      .insertInto('message_recipients')
      .values({ business_id: admin.businessId, message_id: message.id, name: '김결제', phone: '01022223333', batch_no: 1, status: 'delivered', coupon_code: 'SHOP10PCT', coupon_expires_at: new Date(Date.now() + 7 * 86_400_000), opt_out_token: 'tok-pay-test' })
      .execute();
    const c = await checkout(nextSlot(), { couponCode: 'shop-10pct' });
    expect(c.status).toBe(201);
    expect(c.body).toMatchObject({ amount: 27000, price: { couponBusiness: 3000, couponPlatform: 0 } });
    expectError(await checkout(nextSlot(), { couponCode: 'SHOP10PCT' }), 409, 'COUPON_ALREADY_REDEEMED');
    const window = await payInWindow(toss, c.body);
    const res = await confirm(c.body.orderId, window.paymentKey!, window.amount!);
    const id = await bookingId(c.body.orderId);
    await t.call(admin, 'POST', `/api/bookings/${id}/complete`, {});
    const line = await db().selectFrom('settlement_lines').selectAll().where('payment_id', '=', (await paymentRow(c.body.orderId)).id).executeTakeFirstOrThrow();
    expect([line.main, line.coupon_platform, line.base]).toEqual([27000, 0, 27000]);
    expect(res.body.booking.payment).toMatchObject({ couponBusiness: 3000, amountPg: 27000 });
  });

  it('one 쿠폰 번호 field: a platform coupon typed there is a platform-borne discount, priced first by the quote; a payment not made gives it back', async () => {
    const coupon = await issuePlatformCoupon(db(), { amount: 5000, businessId: null, days: 30 });
    const startsAt = nextSlot();
    const quote = await t.call(null, 'POST', '/api/public/checkouts/quote', { productId, lines: [{ startsAt, quantity: 1 }], couponCode: coupon.code.toLowerCase() });
    expect(quote.body).toMatchObject({ gross: 30000, couponPlatform: 5000, couponBusiness: 0, amount: 25000, couponLabel: '5,000원 할인 (플랫폼 쿠폰)' });
    const c = await checkout(startsAt, { couponCode: coupon.code });
    expect(c.body).toMatchObject({ amount: 25000, price: { couponPlatform: 5000 } });
    const window = await payInWindow(toss, c.body, 'card', 'reject');
    expect(window.code).toBe('REJECT_CARD_COMPANY');
    expectError(await checkout(nextSlot(), { couponCode: coupon.code }), 409, 'COUPON_ALREADY_REDEEMED');
    await reconcilePayment(db(), null, admin.businessId, (await paymentRow(c.body.orderId)).id, new Date(Date.now() + 25 * 60_000));
    const again = await checkout(nextSlot(), { couponCode: coupon.code });
    expect(again.status).toBe(201);
    expectError(await t.call(null, 'POST', '/api/public/checkouts/quote', { productId, lines: [{ startsAt, quantity: 1 }], couponCode: 'NOSUCHCODE' }), 404, 'COUPON_NOT_FOUND');
  });

  it('a customer cancels within the policy: the tier’s share is refunded by a partial cancel at Toss, the rest kept as a 취소수수료 line; the balance equals Toss’s', async () => {
    // Until 2,000 h before: 100%; until 1 h before: 50%. A slot days ahead is in the 50% tier.
    const { productId: halfProduct } = await preparePaidProduct(db(), admin.businessId, toss, keys, { capacity: 3, policy: [{ hoursBefore: 2000, refundPercent: 100 }, { hoursBefore: 1, refundPercent: 50 }] });
    const c = await t.call(null, 'POST', '/api/public/checkouts', { productId: halfProduct, lines: [{ startsAt: nextSlot(), quantity: 1 }], customer, consents: { privacy: true } });
    const window = await payInWindow(toss, c.body);
    const booking = (await confirm(c.body.orderId, window.paymentKey!, window.amount!)).body.booking;
    const lookup = await t.call(null, 'GET', `/api/public/bookings/${booking.bookingNumber}?phone=${customer.phone}`);
    expect(lookup.body.payment.cancelRefund).toEqual({ percent: 50, amountPg: 15000, points: 0 });
    const cancelled = await t.call(null, 'POST', `/api/public/bookings/${booking.bookingNumber}/cancel`, { phone: customer.phone });
    expect(cancelled.status).toBe(200);
    expect(cancelled.body.payment.refunds).toMatchObject([{ status: 'requested', amountPg: 15000, kind: 'booking_cancel' }]);
    await sweepPayments(db(), null);
    const after = await t.call(null, 'GET', `/api/public/bookings/${booking.bookingNumber}?phone=${customer.phone}`);
    expect(after.body.payment.refunds[0]).toMatchObject({ status: 'succeeded', amountPg: 15000 });
    expect(toss.payment(window.paymentKey!)!.balanceAmount).toBe(15000);
    expect(after.body.payment.balancePg).toBe(15000);
    const lines = await db().selectFrom('settlement_lines').selectAll().where('payment_id', '=', (await paymentRow(c.body.orderId)).id).execute();
    expect(lines.map((l) => [l.kind, l.main, l.base, l.main_fee])).toEqual([['retained', 15000, 15000, 462]]); // card at 3.08% (일반, the grade without a history) of 15,000
  });

  it('a refund whose answer is lost (5xx) is retried with the same key: one refund at Toss', async () => {
    const { orderId, window } = await paid(nextSlot());
    const id = await bookingId(orderId);
    expect((await t.call(admin, 'POST', `/api/bookings/${id}/cancel`, { reason: '휴진' })).status).toBe(200);
    toss.faults.fail5xx = 1;
    await sweepPayments(db(), null);
    const refund = await db().selectFrom('refunds').selectAll().where('payment_id', '=', (await paymentRow(orderId)).id).executeTakeFirstOrThrow();
    expect(refund.status).toBe('processing');
    await sweepPayments(db(), null, new Date(Date.now() + 3600_000));
    expect(toss.payment(window.paymentKey!)!.cancels).toHaveLength(1);
    expect(toss.payment(window.paymentKey!)!.status).toBe('CANCELED');
    expect((await paymentRow(orderId)).status).toBe('refunded');
  });

  it('a refund Toss keeps not answering is retried for three days, then stops as failed for a person to decide', async () => {
    const { orderId, window } = await paid(nextSlot());
    const id = await bookingId(orderId);
    expect((await t.call(admin, 'POST', `/api/bookings/${id}/cancel`, { reason: '휴진' })).status).toBe(200);
    const paymentId = (await paymentRow(orderId)).id;
    await db().updateTable('refunds').set({ created_at: new Date(Date.now() - 4 * 86_400_000) }).where('payment_id', '=', paymentId).execute();
    toss.faults.fail5xx = 1;
    await sweepPayments(db(), null);
    const refund = await db().selectFrom('refunds').selectAll().where('payment_id', '=', paymentId).executeTakeFirstOrThrow();
    expect(refund.status).toBe('failed');
    expect(refund.error_message).toContain('3일');
    expect(toss.payment(window.paymentKey!)!.balanceAmount).toBe(30000);
    // 다시 시도 from the partner center sends it (the same row and key).
    const retried = await t.call(admin, 'POST', `/api/payments/refunds/${refund.id}/retry`, {});
    expect(retried.body.status).toBe('succeeded');
    expect(toss.payment(window.paymentKey!)!.balanceAmount).toBe(0);
  });

  it('이용완료 → sale line per detail number; 결제만 취소 → the booking stays 이용완료, the payment is refunded, a reversal nets it to 0; the CSV has BOM, headers, totals', async () => {
    const { orderId, window } = await paid(nextSlot(), 'card', 2);
    const id = await bookingId(orderId);
    expect((await t.call(admin, 'POST', `/api/bookings/${id}/complete`, {})).status).toBe(200);
    const statement = async () => {
      const periods = await t.call(admin, 'GET', '/api/settlements');
      return Promise.all(periods.body.items.map((p: { periodStart: string }) => t.call(admin, 'GET', `/api/settlements/${p.periodStart}`)));
    };
    const sale = (await statement()).flatMap((s) => s.body.lines).filter((l: { kind: string; detailNumber: string }) => l.kind === 'sale' && l.detailNumber.startsWith(window.url.searchParams.get('orderId') ? '' : 'x'));
    expect(sale.length).toBeGreaterThan(0);

    const cancelled = await t.call(admin, 'POST', `/api/bookings/${id}/payment/cancel`, { reason: '서비스 불만족' });
    expect(cancelled.status).toBe(200);
    expect(cancelled.body.status).toBe('completed');
    await sweepPayments(db(), null);
    expect(toss.payment(window.paymentKey!)!.status).toBe('CANCELED');
    const lines = await db().selectFrom('settlement_lines').selectAll().where('payment_id', '=', (await paymentRow(orderId)).id).execute();
    const net = lines.reduce((s, l) => ({ main: s.main + l.main, fee: s.fee + l.main_fee, payout: s.payout + l.payout }), { main: 0, fee: 0, payout: 0 });
    expect(net).toEqual({ main: 0, fee: 0, payout: 0 });
    expect(lines.map((l) => l.kind).sort()).toEqual(['reversal', 'sale']);
    const booking = await t.call(admin, 'GET', `/api/bookings/${id}`);
    expect(booking.body.payment).toMatchObject({ status: 'refunded', balancePg: 0, canCancelPaymentOnly: false });
    expectError(await t.call(admin, 'POST', `/api/bookings/${id}/payment/cancel`, {}), 409, 'PAYMENT_NOT_REFUNDABLE');

    const periodStart = lines[0]!.period_start as unknown as string;
    const csv = await t.call(admin, 'GET', `/api/settlements/${String(periodStart).slice(0, 10)}/csv`);
    expect(csv.status).toBe(200);
    expect(csv.response.headers['content-type']).toContain('text/csv');
    const text = csv.response.body;
    expect(text.startsWith('\uFEFF예약상세번호,주결제 수단,수수료율,주결제 금액,쿠폰할인,주결제 수수료,포인트 결제금액,포인트 결제 수수료,정산대상금액,정산금액')).toBe(true);
    expect(text.trimEnd().split('\r\n').at(-1)!.startsWith('합계')).toBe(true);

    // Reconciled with Toss's settlement list: the sale is the approval, the reversal the cancel our refund made.
    const day = seoulDate(0);
    const fetched = await t.call(admin, 'POST', '/api/settlements/provider/fetch', { from: day, to: day });
    expect(fetched.status).toBe(200);
    expect(fetched.body.fetched).toBeGreaterThan(0);
    const reconciled = await t.call(admin, 'GET', `/api/settlements/${String(periodStart).slice(0, 10)}`);
    const ours = reconciled.body.lines.filter((l: { detailNumber: string }) => lines.some((x) => x.detail_number === l.detailNumber));
    expect(ours.map((l: { kind: string; reconciliation: { status: string } }) => [l.kind, l.reconciliation.status]).sort()).toEqual([
      ['reversal', 'matched'],
      ['sale', 'matched'],
    ]);
    expectError(await t.call(admin, 'POST', '/api/settlements/provider/fetch', { from: day, to: seoulDate(-200) }), 400, 'STATEMENT_PERIOD_INVALID');
  });

  it('a refund made in Toss’s dashboard arrives as an external refund (lookup), the balance follows Toss', async () => {
    const { orderId, window } = await paid(nextSlot());
    await fetch(`${toss.url}/local/payments/${window.paymentKey}/dashboard-cancel`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ cancelAmount: 10000, cancelReason: '전화로 요청' }) });
    expect(await syncPayment(db(), null, admin.businessId, window.paymentKey!)).toBe('external:1');
    const row = await paymentRow(orderId);
    expect(row).toMatchObject({ balance_pg: 20000, status: 'partially_refunded' });
    expect(await syncPayment(db(), null, admin.businessId, window.paymentKey!)).toBe('in-sync');
    const booking = await t.call(admin, 'GET', `/api/bookings/${row.booking_id}`);
    expect(booking.body.payment.refunds[0]).toMatchObject({ kind: 'external', amountPg: 10000, status: 'succeeded' });
  });

  it('the shop cancels a paid booking: a full refund; a refund Toss refuses is failed with its reason and can be retried once fixed', async () => {
    const { orderId, window } = await paid(nextSlot());
    const id = await bookingId(orderId);
    expect((await t.call(admin, 'POST', `/api/bookings/${id}/cancel`, { reason: '휴진' })).status).toBe(200);
    // The shop had already refunded 30,000 in the dashboard: Toss refuses ours.
    await fetch(`${toss.url}/local/payments/${window.paymentKey}/dashboard-cancel`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ cancelReason: '이미 환불' }) });
    await sweepPayments(db(), null);
    const booking = await t.call(admin, 'GET', `/api/bookings/${id}`);
    expect(booking.body.status).toBe('cancelled');
    expect(booking.body.payment.refunds[0]).toMatchObject({ status: 'failed' });
    expect(booking.body.payment.refunds[0].errorMessage).toBeTruthy();
  });

  it('예약취소 after 이용완료: booking and payment cancelled, the sale reversed to 0', async () => {
    const { orderId, window } = await paid(nextSlot());
    const id = await bookingId(orderId);
    await t.call(admin, 'POST', `/api/bookings/${id}/complete`, {});
    const before = await t.call(admin, 'GET', `/api/bookings/${id}`);
    expect(before.body.allowedActions).toContain('cancel');
    expect((await t.call(admin, 'POST', `/api/bookings/${id}/cancel`, { reason: '시술 불가' })).body.status).toBe('cancelled');
    await sweepPayments(db(), null);
    expect(toss.payment(window.paymentKey!)!.status).toBe('CANCELED');
    const lines = await db().selectFrom('settlement_lines').selectAll().where('payment_id', '=', (await paymentRow(orderId)).id).execute();
    expect(lines.map((l) => l.kind).sort()).toEqual(['reversal', 'sale']);
    expect(lines.reduce((s, l) => s + l.payout, 0)).toBe(0);
  });

  it('the shop rejects a paid booking awaiting approval: refunded in full, nothing settled', async () => {
    const { productId: approval } = await preparePaidProduct(db(), admin.businessId, toss, keys, { confirmation: 'approval' });
    const c = await t.call(null, 'POST', '/api/public/checkouts', { productId: approval, lines: [{ startsAt: nextSlot(), quantity: 1 }], customer, consents: { privacy: true } });
    const window = await payInWindow(toss, c.body);
    const res = await confirm(c.body.orderId, window.paymentKey!, window.amount!);
    expect(res.body.booking).toMatchObject({ status: 'pending', payment: { status: 'paid' } });
    const id = await bookingId(c.body.orderId);
    expect((await t.call(admin, 'POST', `/api/bookings/${id}/reject`, { reason: '예약 불가' })).body.status).toBe('rejected');
    await sweepPayments(db(), null);
    expect(toss.payment(window.paymentKey!)!.balanceAmount).toBe(0);
    expect((await paymentRow(c.body.orderId)).status).toBe('refunded');
    expect(await db().selectFrom('settlement_lines').selectAll().where('payment_id', '=', (await paymentRow(c.body.orderId)).id).execute()).toEqual([]);
  });

  it('완료 set in the calendar settles the paid booking too (the schedule path runs the payment hook)', async () => {
    const { orderId } = await paid(nextSlot());
    const booking = await t.call(admin, 'GET', `/api/bookings/${await bookingId(orderId)}`);
    const done = await t.call(admin, 'POST', `/api/schedules/${booking.body.scheduleId}/status`, { status: 'completed', confirmEarly: true });
    expect(done.status).toBe(200);
    const lines = await db().selectFrom('settlement_lines').selectAll().where('payment_id', '=', (await paymentRow(orderId)).id).execute();
    expect(lines.map((l) => [l.kind, l.main])).toEqual([['sale', 30000]]);
  });

  it('a Toss webhook is stored as a hint and acted on only through a lookup', async () => {
    const { orderId, window } = await paid(nextSlot());
    await fetch(`${toss.url}/local/payments/${window.paymentKey}/dashboard-cancel`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ cancelAmount: 5000, cancelReason: '부분 환불' }) });
    // A forged body claiming a full cancel: stored, but only the lookup (5,000 refunded) counts.
    const hook = await t.call(null, 'POST', `/api/public/payments/toss/${admin.businessId}/webhook`, { eventType: 'PAYMENT_STATUS_CHANGED', createdAt: new Date().toISOString(), data: { paymentKey: window.paymentKey, orderId, status: 'CANCELED', balanceAmount: 0 } });
    expect(hook.status).toBe(200);
    const events = await db().selectFrom('payment_events').select(['source', 'provider_status']).where('payment_id', '=', (await paymentRow(orderId)).id).where('source', '=', 'webhook').execute();
    expect(events).toEqual([{ source: 'webhook', provider_status: 'CANCELED' }]);
    expect((await paymentRow(orderId)).balance_pg).toBe(30000);
    await syncPayment(db(), null, admin.businessId, window.paymentKey!);
    expect((await paymentRow(orderId)).balance_pg).toBe(25000);
  });

  it('the revenue grade in force on the 이용완료 date sets the card rate of the sale line', async () => {
    const { productId: graded } = await preparePaidProduct(db(), admin.businessId, toss, keys, {});
    await t.call(admin, 'PUT', '/api/settings/fees/grade', { grade: 'medium1', validFrom: seoulDate(-30) });
    const c = await t.call(null, 'POST', '/api/public/checkouts', { productId: graded, lines: [{ startsAt: nextSlot(), quantity: 1 }], customer, consents: { privacy: true } });
    const window = await payInWindow(toss, c.body);
    await confirm(c.body.orderId, window.paymentKey!, window.amount!);
    const id = await bookingId(c.body.orderId);
    await t.call(admin, 'POST', `/api/bookings/${id}/complete`, {});
    const line = await db().selectFrom('settlement_lines').selectAll().where('payment_id', '=', (await paymentRow(c.body.orderId)).id).executeTakeFirstOrThrow();
    expect([line.rate_ppm, line.main_fee]).toEqual([22000, 660]); // 중소1 card 2.2% of 30,000
    await t.call(admin, 'PUT', '/api/settings/fees/grade', { grade: 'general', validFrom: seoulDate(-30) });
  });

  it('payment settings: the secret key is write-only and stored encrypted', async () => {
    const res = await t.call(admin, 'GET', '/api/settings/payments');
    expect(res.body).toMatchObject({ configured: true, clientKey: keys.clientKey, secretKeySet: true, secretKeyLast4: keys.secretKey.slice(-4) });
    expect(JSON.stringify(res.body)).not.toContain(keys.secretKey);
    const stored = await db().selectFrom('payment_settings').select('secret_key_enc').where('business_id', '=', admin.businessId).executeTakeFirstOrThrow();
    expect(stored.secret_key_enc).not.toContain(keys.secretKey);
    expectError(await t.call(admin, 'PUT', '/api/settings/payments', { clientKey: 'nope', secretKey: 'x' }), 400, 'PAYMENT_SETTINGS_INVALID');
  });

  it('the revenue grade takes effect on its date', async () => {
    const today = seoulDate(0);
    const res = await t.call(admin, 'PUT', '/api/settings/fees/grade', { grade: 'small', validFrom: today });
    expect(res.status).toBe(200);
    expect(res.body.grade).toBe('small');
    expect(res.body.today.find((r: { method: string }) => r.method === 'card').ratePpm).toBe(16500);
    const future = await t.call(admin, 'PUT', '/api/settings/fees/grade', { grade: 'general', validFrom: seoulDate(10) });
    expect(future.body.grade).toBe('small');
  });
});
