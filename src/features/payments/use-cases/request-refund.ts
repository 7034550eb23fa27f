import { AppError } from '../../../platform/errors/registry.ts';
import type { Jobs } from '../../../platform/jobs/jobs.ts';
import type { RefundKind } from '../../../platform/db/types.ts';
import { bookingStatusOf } from '../../bookings/index.ts';
import { balanceAfter, refundSplit } from '../domain/refunds.ts';
import * as payments from '../repository/payments.ts';
import * as refunds from '../repository/refunds.ts';
import { writeRetainedLines } from './settle.ts';
import { enqueueRefund, lineBalances, type Db, type PaymentRow } from './support.ts';

/**
 * PAY-2: a refund of what a payment still holds, at `percent` (the
 * cancellation policy's tier; 100 for the shop), written in the caller's
 * transaction — the booking's cancel, or 결제만 취소 — as a `requested` row
 * with its line split, and sent by the refund job (its id is the
 * idempotency key). A cancelled line that keeps part of its money (percent
 * below 100) gets its retained line in the statement. Null when nothing is
 * left to refund.
 */
export async function requestRefundIn(
  trx: Db,
  jobs: Jobs | null,
  payment: PaymentRow,
  request: { kind: Exclude<RefundKind, 'external' | 'unfulfillable'>; source: 'customer' | 'business'; percent: number; reason: string; userId: string | null; retainRest: boolean },
  now: Date,
) {
  const before = await lineBalances(trx, payment.business_id, payment.id);
  const split = refundSplit(before, request.percent);
  if (request.retainRest) await writeRetainedLines(trx, payment, null, balanceAfter(before, split), now);
  if (split.main + split.points + split.couponPlatform === 0) return null;
  if (split.main > payment.balance_pg) throw new AppError('PAYMENT_NOT_REFUNDABLE', { details: { refundable: payment.balance_pg } });
  const refund = await refunds.insertRefund(
    trx,
    payment.business_id,
    payment.id,
    {
      kind: request.kind,
      source: request.source,
      refund_percent: request.percent,
      amount_pg: split.main,
      points: split.points,
      coupon_platform: split.couponPlatform,
      reason: request.reason,
      status: 'requested',
      requested_by: request.userId,
      next_attempt_at: now,
    },
    split.lines,
  );
  await enqueueRefund(trx, jobs, payment.business_id, refund.id);
  return refund;
}

/**
 * PAY-2: 결제만 취소: after 이용완료 the shop refunds the payment and keeps
 * the booking 이용완료; the statement gets a reversal line when the refund
 * is done.
 */
export async function cancelPaymentOnly(db: Db, jobs: Jobs | null, actor: { businessId: string; userId: string }, bookingId: string, reason: string, now = new Date()) {
  return db.transaction().execute(async (trx) => {
    const payment = await payments.lockPaymentOfBooking(trx, actor.businessId, bookingId);
    if (!payment) throw new AppError('PAYMENT_NOT_FOUND', { message: '이 예약에는 결제가 없습니다.' });
    const status = await bookingStatusOf(trx, actor.businessId, bookingId);
    if (status !== 'completed') throw new AppError('BOOKING_STATUS_NOT_ALLOWED', { message: '결제만 취소는 이용완료된 예약에서 할 수 있습니다. 이용 전이면 예약취소로 환불해 주세요.' });
    const refund = await requestRefundIn(trx, jobs, payment, { kind: 'payment_only', source: 'business', percent: 100, reason: reason.trim() || '결제만 취소', userId: actor.userId, retainRest: false }, now);
    if (!refund) throw new AppError('PAYMENT_NOT_REFUNDABLE');
    return refund.id;
  });
}
