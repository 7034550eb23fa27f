import { AppError } from '../../../platform/errors/registry.ts';
import { authRepository as authRepo } from '../../auth/index.ts';
import { notifyUsers } from '../../notifications/index.ts';
import { balanceAfter } from '../domain/refunds.ts';
import { runRefundHooks } from '../refund-hooks.ts';
import { connectPaymentProvider } from '../provider/connect.ts';
import { PaymentProviderError, type ProviderPayment } from '../provider/types.ts';
import * as instruments from '../repository/instruments.ts';
import * as payments from '../repository/payments.ts';
import * as refunds from '../repository/refunds.ts';
import { recordProviderFact } from './finalize-payment.ts';
import { writeReversalLines } from './settle.ts';
import { lineBalances, type Db } from './support.ts';

/** The idempotency key of a refund: its own row id. */
export function refundKey(refundId: string): string {
  return `refund-${refundId}`;
}

/** A refund attempt holds its row this long; past it (the worker died) the sweep sends it again, with the same key. */
const LEASE_SECONDS = 120;

/** Retries of an unknown outcome stop after this long (as 카카오톡 예약하기 retries a failed card cancel for 3 business days). */
const GIVE_UP_AFTER_MS = 3 * 86_400_000;

/** The attempt could not finish (no answer, another cancel of the payment under way): tried again later. */
export class RefundLater extends Error {}

function backoffSeconds(attempts: number): number {
  return Math.min(3600, 10 * 2 ** Math.max(0, attempts - 1));
}

/**
 * PAY-2: sends one refund to the provider. The row is taken (processing,
 * with a lease) in one transaction; then, outside any transaction: before a
 * first attempt the payment is looked up and a refund larger than the
 * provider's balanceAmount is refused; the cancel goes with `refund-<id>`
 * as its Idempotency-Key (a retry after a lost answer replays the first
 * answer, never a second refund) and always names its `cancelAmount`.
 * Done: the refund row, the payment's balance (= the provider's), the
 * points and platform coupon given back, and the reversal lines, in one
 * transaction. Refused: failed with Toss's reason, the shop told. Unknown:
 * left processing with the next attempt's time, and RefundLater thrown.
 */
export async function processRefund(db: Db, businessId: string, refundId: string, now = new Date()): Promise<string> {
  const taken = await db.transaction().execute(async (trx) => {
    const refund = await refunds.lockRefund(trx, businessId, refundId);
    if (!refund || refund.status === 'succeeded' || refund.status === 'failed') return null;
    if (refund.status === 'processing' && refund.next_attempt_at > now) return 'busy' as const;
    const payment = (await payments.lockPayment(trx, businessId, refund.payment_id))!;
    if (await refunds.otherRefundInFlight(trx, businessId, payment.id, refund.id, now)) return 'busy' as const;
    await refunds.updateRefund(trx, businessId, refundId, { status: 'processing', attempts: refund.attempts + 1, next_attempt_at: new Date(now.getTime() + LEASE_SECONDS * 1000) });
    return { refund: { ...refund, attempts: refund.attempts + 1 }, payment };
  });
  if (taken === null) return 'done';
  if (taken === 'busy') throw new RefundLater('같은 결제의 다른 환불이 진행 중입니다.');
  const { refund, payment } = taken;

  let fact: ProviderPayment | null = null;
  if (refund.amount_pg > 0) {
    const { provider } = await connectPaymentProvider(db, businessId);
    try {
      if (refund.attempts === 1) {
        // Checked against the provider's balance: never more than it still holds.
        const current = await provider.getPayment(payment.payment_key!);
        if (refund.amount_pg > current.balanceAmount) {
          await failRefund(db, businessId, refundId, 'NOT_CANCELABLE_AMOUNT', `환불할 금액(${refund.amount_pg}원)이 결제사에 남은 결제 금액(${current.balanceAmount}원)보다 큽니다.`);
          return 'failed';
        }
      }
      // Always with cancelAmount: a cancel without it takes whatever the provider holds, which may be more than we mean.
      fact = await provider.cancel(payment.payment_key!, { cancelReason: refund.reason.slice(0, 200), cancelAmount: refund.amount_pg }, refundKey(refund.id));
    } catch (error) {
      if (error instanceof PaymentProviderError && error.outcome === 'refused') {
        await failRefund(db, businessId, refundId, error.code, error.message);
        return 'failed';
      }
      if (now.getTime() - (refund.retried_at ?? refund.created_at).getTime() > GIVE_UP_AFTER_MS) {
        // Still no answer after three days: stop and let a person decide (다시 시도, or refund in Toss's dashboard, which arrives as an external refund).
        await failRefund(db, businessId, refundId, error instanceof PaymentProviderError ? error.code : 'UNKNOWN', '3일 동안 결제사 응답을 받지 못해 환불을 멈췄습니다. 다시 시도하거나 결제사 관리자 화면에서 환불해 주세요.');
        return 'failed';
      }
      await db.transaction().execute(async (trx) => {
        await refunds.updateRefund(trx, businessId, refundId, {
          next_attempt_at: new Date(now.getTime() + backoffSeconds(refund.attempts) * 1000),
          error_code: error instanceof PaymentProviderError ? error.code : 'UNKNOWN',
          error_message: '결제사 응답을 받지 못해 다시 시도합니다.',
        });
      });
      throw new RefundLater(error instanceof Error ? error.message : String(error));
    }
  }

  await db.transaction().execute(async (trx) => {
    const current = await refunds.lockRefund(trx, businessId, refundId);
    if (!current || current.status === 'succeeded') return;
    const paymentNow = (await payments.lockPayment(trx, businessId, payment.id))!;
    // Our cancel is the one in the answer we did not know yet with this amount (the answer of our key is the first answer).
    let transactionKey: string | null = null;
    if (fact) {
      await recordProviderFact(trx, paymentNow, 'cancel', fact);
      const known = await refunds.refundTransactionKeys(trx, businessId, payment.id);
      const ours = [...fact.cancels].reverse().find((c) => !known.has(c.transactionKey) && c.cancelAmount === refund.amount_pg);
      transactionKey = ours?.transactionKey ?? null;
    }
    const after = await lineBalances(trx, businessId, payment.id);
    const lines = await refunds.listRefundAllocations(trx, businessId, refundId);
    // The lines before this refund = after + this refund's lines.
    const before = after.map((b) => {
      const l = lines.find((x) => x.line_no === b.lineNo);
      return l ? { lineNo: b.lineNo, main: b.main + l.main, points: b.points + l.points, couponPlatform: b.couponPlatform + l.coupon_platform } : b;
    });
    await refunds.updateRefund(trx, businessId, refundId, { status: 'succeeded', transaction_key: transactionKey, done_at: now, error_code: null, error_message: null });
    const balancePg = fact ? fact.balanceAmount : paymentNow.balance_pg;
    const nothingLeft = after.every((l) => l.main + l.points === 0);
    await payments.updatePayment(trx, businessId, payment.id, {
      balance_pg: balancePg,
      status: nothingLeft && balancePg === 0 ? 'refunded' : 'partially_refunded',
      ...(fact ? { provider_status: fact.status } : {}),
    });
    if (payment.points_wallet_id && refund.points > 0) await instruments.returnPoints(trx, payment.points_wallet_id, refund.points, payment.id, refundId, '예약 환불');
    if (payment.platform_coupon_id && refund.coupon_platform > 0) await instruments.releasePlatformCoupon(trx, businessId, payment.platform_coupon_id, payment.id);
    await writeReversalLines(trx, paymentNow, refundId, before, balanceAfter(before, { lines: lines.map((l) => ({ lineNo: l.line_no, main: l.main, points: l.points, couponPlatform: l.coupon_platform })) }), now);
    await runRefundHooks(trx, { businessId, refundId, bookingId: paymentNow.booking_id, customerName: paymentNow.customer_name, customerPhone: paymentNow.customer_phone, amountPg: refund.amount_pg, points: refund.points, now });
  });
  return 'succeeded';
}

async function failRefund(db: Db, businessId: string, refundId: string, code: string, message: string) {
  await db.transaction().execute(async (trx) => {
    const refund = await refunds.lockRefund(trx, businessId, refundId);
    if (!refund || refund.status === 'succeeded') return;
    await refunds.updateRefund(trx, businessId, refundId, { status: 'failed', error_code: code, error_message: message, done_at: null });
    const payment = await payments.findPayment(trx, businessId, refund.payment_id);
    await notifyUsers(trx, businessId, await authRepo.findUsersWithPermission(trx, businessId, 'bookings.manage'), {
      kind: 'payment.refund_failed',
      title: '환불이 실패했습니다',
      body: `${payment?.customer_name ?? ''} · ${refund.amount_pg.toLocaleString('ko-KR')}원 · ${message}`,
      scheduleId: null,
    });
  });
}

/** PAY-2: a failed refund is tried again from the partner center (the same row and key: never two refunds). */
export async function retryRefund(db: Db, businessId: string, refundId: string, now = new Date()) {
  await db.transaction().execute(async (trx) => {
    const refund = await refunds.lockRefund(trx, businessId, refundId);
    if (!refund) throw new AppError('REFUND_NOT_FOUND');
    if (refund.status !== 'failed') throw new AppError('REFUND_NOT_RETRYABLE');
    await refunds.updateRefund(trx, businessId, refundId, { status: 'requested', attempts: 0, next_attempt_at: now, retried_at: now, error_code: null, error_message: null });
  });
  return processRefund(db, businessId, refundId, now).catch((error) => {
    if (error instanceof RefundLater) return 'processing';
    throw error;
  });
}
