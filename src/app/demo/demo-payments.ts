import type { Kysely } from 'kysely';
import type { DB } from '../../platform/db/types.ts';
import { authRepository as authRepo, type Actor } from '../../features/auth/index.ts';
import { actOnBooking, cancelOwnBooking, getAvailability } from '../../features/bookings/index.ts';
import { bookingOfOrder, cancelPaymentOnly, confirmCheckout, countPayments, createCheckout, findPrepaidProduct, processRefund, refundsOfBooking } from '../../features/payments/index.ts';
import { settingsRepository as settingsRepo } from '../../features/settings/index.ts';
import { DEMO_LOGIN } from './demo.ts';

/**
 * PAY-1 … PAY-4 in the demo: paid bookings of the prepaid product (레이저
 * 토닝 1회), made as customers make them — a checkout, the local Toss
 * server's payment window, the confirm — so the partner center and the
 * statement have something to show: one completed (a sale line), one
 * completed and then 결제만 취소 (sale and reversal), one the customer
 * cancelled within the policy (refunded), and one upcoming paid by 카카오페이
 * 머니. Separate from seedDemo because it talks to the local Toss server over
 * HTTP (never inside a transaction): src/main.ts runs it after seedDemo once
 * the server can be started, and it does nothing if the demo has payments.
 */
export async function seedDemoPayments(db: Kysely<DB>, now: Date = new Date()): Promise<number> {
  const admin = await authRepo.findUserByEmail(db, DEMO_LOGIN.email);
  if (!admin) return 0;
  const businessId = admin.business_id;
  if ((await countPayments(db, businessId)) > 0) return 0;
  const business = await settingsRepo.findBusiness(db, businessId);
  const actor: Actor = { businessId, userId: admin.id, userName: admin.name, role: 'admin', permissions: new Set(), timeZone: business?.time_zone ?? 'Asia/Seoul' };
  const productId = await findPrepaidProduct(db, businessId);
  if (!productId) return 0;

  const availability = await getAvailability(db, productId, {}, { now });
  if (availability.kind !== 'time_slot') return 0;
  // Days ahead, so a customer's cancel is in the full-refund tier (48 h) whatever hour the demo starts.
  const slots = availability.days.slice(3).flatMap((day) => day.slots.filter((s) => s.status === 'bookable'));
  const customers = [
    { name: '윤서연', phone: '010-3141-5926' },
    { name: '장도윤', phone: '010-2718-2818' },
    { name: '한지우', phone: '010-1618-0339' },
    { name: '오하준', phone: '010-1414-2135' },
  ];
  const pay = async (slotIndex: number, who: (typeof customers)[number], method: 'card' | 'kakaopay_card' | 'kakaopay_money') => {
    const slot = slots[slotIndex];
    if (!slot) throw new Error('demo payments: no bookable slot');
    const checkout = await createCheckout(db, null, { productId, lines: [{ startsAt: slot.startsAt, quantity: 1 }], customer: who, consents: { privacy: true } }, `demo:${who.phone}`, now);
    if (checkout.provider?.kind !== 'local') throw new Error('demo payments: the demo pays on the local Toss server');
    const window = await fetch(checkout.provider.checkoutUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ clientKey: checkout.provider.clientKey, orderId: checkout.orderId, orderName: checkout.orderName, amount: checkout.amount, customerName: who.name, method, outcome: 'approve', successUrl: 'http://127.0.0.1/book/pay/success', failUrl: 'http://127.0.0.1/book/pay/fail' }),
    });
    const redirect = new URL(((await window.json()) as { redirectUrl: string }).redirectUrl);
    const done = await confirmCheckout(db, null, checkout.orderId, { paymentKey: redirect.searchParams.get('paymentKey')!, amount: Number(redirect.searchParams.get('amount')) }, now);
    const bookingId = await bookingOfOrder(db, checkout.orderId);
    if (!done.booking || !bookingId) throw new Error(`demo payments: the payment did not book (${done.outcome})`);
    return { ...done.booking, id: bookingId };
  };

  const completed = await pay(0, customers[0]!, 'card');
  await actOnBooking(db, actor, completed.id, 'complete', null, now);

  const paymentOnly = await pay(2, customers[1]!, 'kakaopay_card');
  const paymentOnlyId = paymentOnly.id;
  await actOnBooking(db, actor, paymentOnlyId, 'complete', null, now);
  const refundId = await cancelPaymentOnly(db, null, actor, paymentOnlyId, '시술 후 불편 호소로 결제만 취소', now);
  await processRefund(db, businessId, refundId, now);

  const cancelled = await pay(5, customers[2]!, 'card');
  await cancelOwnBooking(db, cancelled.bookingNumber, customers[2]!.phone, now);
  for (const refund of await refundsOfBooking(db, businessId, cancelled.id)) await processRefund(db, businessId, refund, now);

  await pay(8, customers[3]!, 'kakaopay_money');
  return 4;
}

