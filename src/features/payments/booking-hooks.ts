import type { BookingHooks, BookingPaymentDescriber, BookingPaymentView } from '../bookings/index.ts';
import { MAIN_METHOD_LABELS, PAYMENT_STATUS_LABELS, REFUND_KIND_LABELS, REFUND_STATUS_LABELS } from '../../shared/labels/payments.ts';
import { refundSplit } from './domain/refunds.ts';
import * as payments from './repository/payments.ts';
import * as refunds from './repository/refunds.ts';
import { requestRefundIn } from './use-cases/request-refund.ts';
import { hasSaleLines, writeSaleLines } from './use-cases/settle.ts';
import { lineBalances, lineBalancesOf } from './use-cases/support.ts';

/**
 * PAY-2, PAY-3: what a paid booking's status change means for its money,
 * registered with bookings at assembly (src/app/hooks.ts) and run in the
 * change's transaction, wherever it was made (partner center, the
 * customer's own cancel, the calendar):
 * - 취소 / 거절: a refund of what the payment holds, at the customer's tier
 *   when they cancelled themselves, in full when the shop did; a cancelled
 *   line keeps the rest as its cancellation charge (retained line);
 * - 이용완료: the sale lines of the statement (fees per detail line).
 */
export const paymentBookingHooks: BookingHooks = {
  async afterAnyStatusChange(trx, change) {
    if (!change.prepaid) return;
    const payment = await payments.lockPaymentOfBooking(trx, change.businessId, change.bookingId);
    if (!payment) return;
    if (change.to === 'completed') {
      if (!(await hasSaleLines(trx, payment))) await writeSaleLines(trx, payment, await lineBalances(trx, change.businessId, payment.id), change.now);
      return;
    }
    if (change.to === 'cancelled' || change.to === 'rejected') {
      const percent = change.side === 'customer' ? (change.refundPercent ?? 100) : 100;
      const reason = change.to === 'rejected' ? '업체가 예약을 거절' : change.side === 'customer' ? '고객 직접 취소' : change.from === 'completed' ? '이용완료 후 예약취소' : '업체가 예약을 취소';
      await requestRefundIn(trx, change.jobs, payment, { kind: 'booking_cancel', source: change.side, percent, reason, userId: change.userId, retainRest: change.from !== 'completed' }, change.now);
    }
  },
};

/** PAY-1: a booking's payment as the booking page and the partner center show it. */
export const describeBookingPayments: BookingPaymentDescriber = async (db, businessId, bookings) => {
  const rows = await payments.listPaymentsOfBookings(db, businessId, bookings.map((b) => b.id));
  const ids = rows.map((r) => r.id);
  const [refundRows, balances] = await Promise.all([refunds.listRefundsOfPayments(db, businessId, ids), lineBalancesOf(db, businessId, ids)]);
  const views = new Map<string, BookingPaymentView>();
  for (const payment of rows) {
    const booking = bookings.find((b) => b.id === payment.booking_id)!;
    const balance = balances.get(payment.id) ?? [];
    const left = balance.reduce((s, l) => s + l.main + l.points, 0);
    const quote = booking.refundPercent !== null && left > 0 ? refundSplit(balance, booking.refundPercent) : null;
    const status = booking.status;
    views.set(payment.booking_id!, {
      status: payment.status,
      statusLabel: PAYMENT_STATUS_LABELS[payment.status],
      amountGross: payment.amount_gross,
      couponBusiness: payment.coupon_business,
      couponPlatform: payment.coupon_platform,
      points: payment.points,
      amountPg: payment.amount_pg,
      balancePg: payment.balance_pg,
      methodLabel: payment.amount_pg === 0 ? (payment.points > 0 ? '포인트결제' : '할인') : payment.main_method ? MAIN_METHOD_LABELS[payment.main_method] : payment.method_label,
      paidAt: payment.paid_at?.toISOString() ?? null,
      receiptUrl: payment.receipt_url,
      cancelRefund: quote && booking.refundPercent !== null ? { percent: booking.refundPercent, amountPg: quote.main, points: quote.points } : null,
      canCancelPaymentOnly: status === 'completed' && left > 0,
      refunds: refundRows
        .filter((r) => r.payment_id === payment.id)
        .map((r) => ({
          id: r.id,
          kind: r.kind,
          kindLabel: REFUND_KIND_LABELS[r.kind],
          amountPg: r.amount_pg,
          points: r.points,
          status: r.status,
          statusLabel: REFUND_STATUS_LABELS[r.status],
          reason: r.reason,
          errorMessage: r.error_message,
          createdAt: r.created_at.toISOString(),
          doneAt: r.done_at?.toISOString() ?? null,
        })),
    });
  }
  return views;
};
