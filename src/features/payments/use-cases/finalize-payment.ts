import { AppError } from '../../../platform/errors/registry.ts';
import type { Jobs } from '../../../platform/jobs/jobs.ts';
import { checkBooking, writeBooking, type CheckedBooking } from '../../bookings/index.ts';
import { refundSplit } from '../domain/refunds.ts';
import type { ProviderPayment } from '../provider/types.ts';
import * as payments from '../repository/payments.ts';
import * as refunds from '../repository/refunds.ts';
import { enqueueRefund, lineBalances, releaseHoldAndShopCoupon, storedCheckout, type Db, type PaymentRow } from './support.ts';

/** What the provider says a payment is, kept as a fact (once per status and transaction). */
export async function recordProviderFact(trx: Db, payment: Pick<PaymentRow, 'id' | 'business_id'>, source: 'confirm' | 'lookup' | 'webhook' | 'cancel', fact: ProviderPayment) {
  await payments.insertPaymentEvent(trx, payment.business_id, {
    paymentId: payment.id,
    source,
    dedupeKey: `${fact.paymentKey}:${fact.lastTransactionKey ?? '-'}:${fact.status}:${fact.balanceAmount}`,
    providerStatus: fact.status,
    body: fact.raw,
  });
}

function providerDetails(fact: ProviderPayment) {
  return {
    payment_key: fact.paymentKey,
    provider_status: fact.status,
    main_method: fact.mainMethod,
    method_label: fact.easyPayProvider ? `${fact.easyPayProvider}${fact.mainMethod === 'kakaopay_money' ? ' 머니' : fact.mainMethod === 'kakaopay_card' ? ' 카드' : ''}` : fact.methodName,
    card_approve_no: fact.card?.approveNo ?? null,
    receipt_url: fact.receiptUrl,
  };
}

export type FinalizeOutcome = { kind: 'booked'; bookingId: string } | { kind: 'refunding'; reason: string } | { kind: 'unchanged'; status: string };

/**
 * PAY-1: the provider approved (DONE): the booking is made in one
 * transaction with the payment marked paid, idempotently on the payment's row
 * lock (a second confirm, the reconciliation and a webhook all end here, and
 * only the first does anything). If the booking cannot be made any more (the
 * capacity is really gone, the product closed), the payment is refunded in
 * full with the reason, through the refund outbox: never a booking without
 * room, never money kept without a booking.
 */
export async function finalizePayment(db: Db, jobs: Jobs | null, businessId: string, paymentId: string, fact: ProviderPayment, source: 'confirm' | 'lookup' | 'webhook', now = new Date()): Promise<FinalizeOutcome> {
  const attempt = await db.transaction().execute(async (trx): Promise<FinalizeOutcome | { kind: 'unbookable'; reason: string }> => {
    const payment = await payments.lockPayment(trx, businessId, paymentId);
    if (!payment) throw new AppError('PAYMENT_NOT_FOUND');
    await recordProviderFact(trx, payment, source, fact);
    if (payment.status !== 'confirming' && payment.status !== 'pending') return { kind: 'unchanged', status: payment.status };
    if (fact.orderId !== payment.order_id || fact.totalAmount !== payment.amount_pg) {
      // Not what we asked for: keep the money safe and let a person see it (never book on it).
      return { kind: 'unbookable', reason: `결제사 금액(${fact.totalAmount}원)이 주문 금액(${payment.amount_pg}원)과 다릅니다` };
    }
    const checkout = storedCheckout(payment);
    let checked: CheckedBooking;
    try {
      checked = await checkBooking(trx, { productId: payment.product_id, holdId: payment.hold_id ?? undefined, lines: checkout.lines }, now);
    } catch (error) {
      if (error instanceof AppError) return { kind: 'unbookable', reason: error.message };
      throw error;
    }
    const booking = await writeBooking(trx, checked, { ...checkout.customer, request: checkout.request, consents: checkout.consents ?? null }, now, { prepaid: true, jobs });
    await payments.updatePayment(trx, businessId, paymentId, {
      ...providerDetails(fact),
      status: 'paid',
      booking_id: booking.bookingId,
      hold_id: null,
      balance_pg: fact.balanceAmount,
      paid_at: fact.approvedAt ? new Date(fact.approvedAt) : now,
      error_code: null,
      error_message: null,
    });
    await payments.setAllocationDetailNumbers(trx, businessId, paymentId, booking.lines);
    return { kind: 'booked', bookingId: booking.bookingId };
  });
  if (attempt.kind !== 'unbookable') return attempt;
  return refundUnbookable(db, jobs, businessId, paymentId, fact, attempt.reason, now);
}

/** The charge stands but the booking cannot be made: refund all of it (kind unfulfillable), with the reason the customer reads. */
async function refundUnbookable(db: Db, jobs: Jobs | null, businessId: string, paymentId: string, fact: ProviderPayment, reason: string, now: Date): Promise<FinalizeOutcome> {
  return db.transaction().execute(async (trx) => {
    const payment = await payments.lockPayment(trx, businessId, paymentId);
    if (!payment) throw new AppError('PAYMENT_NOT_FOUND');
    if (payment.status !== 'confirming' && payment.status !== 'pending') return { kind: 'unchanged', status: payment.status };
    await payments.updatePayment(trx, businessId, paymentId, {
      ...providerDetails(fact),
      status: 'refund_pending',
      balance_pg: fact.balanceAmount,
      paid_at: fact.approvedAt ? new Date(fact.approvedAt) : now,
      hold_id: null,
      error_code: 'UNFULFILLABLE',
      error_message: reason,
    });
    await releaseHoldAndShopCoupon(trx, payment);
    const split = refundSplit(await lineBalances(trx, businessId, paymentId), 100);
    const refund = await refunds.insertRefund(
      trx,
      businessId,
      paymentId,
      { kind: 'unfulfillable', source: 'system', refund_percent: 100, amount_pg: Math.min(split.main, fact.balanceAmount), points: split.points, coupon_platform: split.couponPlatform, reason: `예약 불가: ${reason}`, status: 'requested', next_attempt_at: now },
      split.lines,
    );
    await enqueueRefund(trx, jobs, businessId, refund.id);
    return { kind: 'refunding', reason };
  });
}
