import { AppError } from '../../../platform/errors/registry.ts';
import type { Jobs } from '../../../platform/jobs/jobs.ts';
import { checkBooking, holdForCheckout, presentNewBooking } from '../../bookings/index.ts';
import { connectPaymentProvider } from '../provider/connect.ts';
import { PaymentProviderError, type PaymentProvider, type ProviderPayment } from '../provider/types.ts';
import * as payments from '../repository/payments.ts';
import { finalizePayment, type FinalizeOutcome } from './finalize-payment.ts';
import { CONFIRM_STALE_SECONDS, enqueueReconcile, releaseCheckout, storedCheckout, type Db, type PaymentRow } from './support.ts';

/** The idempotency key of a payment's confirm: per payment, never shared (Toss matches a key with the URL, not the body). */
export function confirmKey(paymentId: string): string {
  return `confirm-${paymentId}`;
}

type Step =
  | { kind: 'confirm'; payment: PaymentRow }
  | { kind: 'answer'; payment: PaymentRow }
  | { kind: 'processing'; payment: PaymentRow }
  | { kind: 'refused'; error: AppError };

/**
 * PAY-1: the customer came back from the payment window with
 * `paymentKey, orderId, amount`. In one transaction on the payment's row
 * lock: an amount that is not the order's is refused (nothing is
 * confirmed); a payment already finished is answered as it is; a confirm
 * under way is answered "processing"; otherwise capacity is checked again
 * under the pool locks and the payment marked `confirming` with its key
 * before the provider is called (outside any transaction). Then the confirm,
 * with the payment's own idempotency key, and the booking (finalizePayment).
 * An unknown outcome (timeout, 5xx) is looked up; still unknown, the answer
 * is "processing" and the reconciliation job finishes it.
 */
export async function confirmCheckout(db: Db, jobs: Jobs | null, orderId: string, input: { paymentKey: string; amount: number }, now = new Date()) {
  const known = await payments.findPaymentByOrderId(db, orderId);
  if (!known) throw new AppError('PAYMENT_NOT_FOUND');
  // The provider before anything changes: a payment is never left `confirming` for want of its keys.
  const { provider } = await connectPaymentProvider(db, known.business_id);
  const step = await db.transaction().execute(async (trx): Promise<Step> => {
    const payment = await payments.lockPaymentByOrderId(trx, orderId);
    if (!payment) throw new AppError('PAYMENT_NOT_FOUND');
    if (input.amount !== payment.amount_pg) throw new AppError('PAYMENT_AMOUNT_MISMATCH', { details: { expected: payment.amount_pg } });
    if (payment.payment_key && payment.payment_key !== input.paymentKey) throw new AppError('PAYMENT_KEY_MISMATCH');
    if (payment.status !== 'pending' && payment.status !== 'confirming') return { kind: 'answer', payment };
    if (payment.status === 'confirming' && payment.confirm_started_at && now.getTime() - payment.confirm_started_at.getTime() < CONFIRM_STALE_SECONDS * 1000) {
      return { kind: 'processing', payment };
    }
    if (payment.status === 'pending') {
      // Before money moves: is there still room? (the hold may have lapsed while the customer paid)
      try {
        const checked = await checkBooking(trx, { productId: payment.product_id, holdId: payment.hold_id ?? undefined, lines: storedCheckout(payment).lines }, now);
        const until = new Date(now.getTime() + 10 * 60_000);
        const holdId = await holdForCheckout(trx, checked, `checkout:${payment.id}`, until > payment.expires_at ? until : payment.expires_at);
        if (holdId !== payment.hold_id) await payments.updatePayment(trx, payment.business_id, payment.id, { hold_id: holdId });
      } catch (error) {
        if (!(error instanceof AppError)) throw error;
        await payments.updatePayment(trx, payment.business_id, payment.id, { status: 'expired', hold_id: null, error_code: error.code, error_message: error.message });
        await releaseCheckout(trx, payment);
        return { kind: 'refused', error: new AppError(error.code, { message: `${error.message} 결제는 진행되지 않았습니다.`, details: error.details }) };
      }
    }
    await payments.updatePayment(trx, payment.business_id, payment.id, {
      status: 'confirming',
      payment_key: input.paymentKey,
      confirm_started_at: now,
      confirm_attempts: payment.confirm_attempts + 1,
    });
    // If this process dies before the end, the job looks the payment up.
    await enqueueReconcile(trx, jobs, payment.business_id, payment.id, CONFIRM_STALE_SECONDS + 5);
    return { kind: 'confirm', payment: { ...payment, payment_key: input.paymentKey } };
  });
  if (step.kind === 'refused') throw step.error;
  if (step.kind === 'answer' || step.kind === 'processing') return answerFor(db, step.payment.business_id, step.payment.id, now);

  const payment = step.payment;
  const outcome = await confirmAtProvider(db, jobs, provider, payment, now);
  if (outcome.kind === 'failed') throw new AppError('PAYMENT_FAILED', { message: outcome.message, details: { providerCode: outcome.code } });
  return answerFor(db, payment.business_id, payment.id, now);
}

export type ConfirmOutcome = FinalizeOutcome | { kind: 'failed'; code: string; message: string } | { kind: 'unknown' };

/**
 * The provider's confirm of a payment marked `confirming`, and what follows
 * from its answer. Shared by the customer's return and the reconciliation
 * (which calls it again with the same key when the provider still has the
 * payment authenticated but not confirmed).
 */
export async function confirmAtProvider(db: Db, jobs: Jobs | null, provider: PaymentProvider, payment: PaymentRow, now: Date): Promise<ConfirmOutcome> {
  let fact: ProviderPayment;
  try {
    fact = await provider.confirm({ paymentKey: payment.payment_key!, orderId: payment.order_id, amount: payment.amount_pg }, confirmKey(payment.id));
  } catch (error) {
    if (!(error instanceof PaymentProviderError)) throw error;
    if (error.outcome === 'refused' && error.code !== 'ALREADY_PROCESSED_PAYMENT') {
      await failPayment(db, payment, error.code, error.message);
      return { kind: 'failed', code: error.code, message: error.message };
    }
    // Unknown (or already processed): what does the provider have?
    try {
      fact = await provider.getPayment(payment.payment_key!);
    } catch {
      return { kind: 'unknown' };
    }
  }
  if (fact.status === 'DONE') return finalizePayment(db, jobs, payment.business_id, payment.id, fact, 'confirm', now);
  if (fact.status === 'ABORTED' || fact.status === 'EXPIRED' || fact.status === 'CANCELED') {
    await failPayment(db, payment, fact.status, fact.status === 'EXPIRED' ? '결제 시간이 지나 결제되지 않았습니다.' : '결제가 승인되지 않았습니다.');
    return { kind: 'failed', code: fact.status, message: '결제가 승인되지 않았습니다.' };
  }
  return { kind: 'unknown' };
}

/** The provider refused: nothing was charged; the checkout gives back what it held. */
export async function failPayment(db: Db, payment: PaymentRow, code: string, message: string) {
  await db.transaction().execute(async (trx) => {
    const current = await payments.lockPayment(trx, payment.business_id, payment.id);
    if (!current || (current.status !== 'confirming' && current.status !== 'pending')) return;
    await payments.updatePayment(trx, payment.business_id, payment.id, { status: 'failed', hold_id: null, error_code: code, error_message: message });
    await releaseCheckout(trx, current);
  });
}

/** What the booking page shows for an order: the booking once paid, "processing", or why it failed. */
export async function answerFor(db: Db, businessId: string, paymentId: string, now = new Date()) {
  const payment = (await payments.findPayment(db, businessId, paymentId))!;
  const base = { orderId: payment.order_id, status: payment.status, amount: payment.amount_pg, errorCode: payment.error_code, errorMessage: payment.error_message };
  if (payment.booking_id) return { ...base, outcome: 'booked' as const, booking: await presentNewBooking(db, businessId, payment.booking_id, now) };
  if (payment.status === 'failed' || payment.status === 'expired') return { ...base, outcome: 'failed' as const, booking: null };
  if (payment.status === 'refund_pending' || payment.status === 'refunded' || payment.status === 'partially_refunded') return { ...base, outcome: 'refunded' as const, booking: null };
  return { ...base, outcome: 'processing' as const, booking: null };
}

/** The booking page polls an order while it is processing. */
export async function getCheckout(db: Db, orderId: string, now = new Date()) {
  const payment = await payments.findPaymentByOrderId(db, orderId);
  if (!payment) throw new AppError('PAYMENT_NOT_FOUND');
  return answerFor(db, payment.business_id, payment.id, now);
}

