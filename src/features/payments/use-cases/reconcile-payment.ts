import { AppError } from '../../../platform/errors/registry.ts';
import type { Jobs } from '../../../platform/jobs/jobs.ts';
import { connectPaymentProvider } from '../provider/connect.ts';
import { PaymentProviderError, type ProviderPayment } from '../provider/types.ts';
import * as payments from '../repository/payments.ts';
import { confirmAtProvider, failPayment } from './confirm-checkout.ts';
import { finalizePayment } from './finalize-payment.ts';
import { releaseCheckout, type Db } from './support.ts';

/** Thrown when the provider could not be asked: the job is tried again later. */
export class ReconcileLater extends Error {}

/**
 * PAY-1 failure paths: a payment left `confirming` (the process died after
 * the provider approved and before our commit, or the reply was lost) is
 * looked up at the provider — by paymentKey, or by our orderId — and
 * finished: DONE → the booking (or a refund when it cannot be made);
 * authenticated but never confirmed → the confirm again, with the same
 * idempotency key (one approval however often it is sent); aborted, expired
 * or unknown to the provider → failed, nothing charged. A checkout `pending`
 * past its time expires (the customer closed the window: nothing was
 * charged) and gives back what it held.
 */
export async function reconcilePayment(db: Db, jobs: Jobs | null, businessId: string, paymentId: string, now = new Date()): Promise<string> {
  const payment = await payments.findPayment(db, businessId, paymentId);
  if (!payment) return 'gone';
  if (payment.status === 'pending') {
    if (payment.expires_at > now) return 'waiting';
    await db.transaction().execute(async (trx) => {
      const current = await payments.lockPayment(trx, businessId, paymentId);
      if (!current || current.status !== 'pending') return;
      await payments.updatePayment(trx, businessId, paymentId, { status: 'expired', hold_id: null, error_code: 'PAYMENT_EXPIRED', error_message: '결제 시간이 지나 결제되지 않았습니다.' });
      await releaseCheckout(trx, current);
    });
    return 'expired';
  }
  if (payment.status !== 'confirming') return payment.status;

  let connected;
  try {
    connected = await connectPaymentProvider(db, businessId);
  } catch (error) {
    if (error instanceof AppError) throw new ReconcileLater(error.message);
    throw error;
  }
  const { provider } = connected;
  let fact: ProviderPayment;
  try {
    fact = payment.payment_key ? await provider.getPayment(payment.payment_key) : await provider.getPaymentByOrderId(payment.order_id);
  } catch (error) {
    if (error instanceof PaymentProviderError && error.outcome === 'refused' && (error.code === 'NOT_FOUND_PAYMENT' || error.code === 'NOT_FOUND_PAYMENT_SESSION')) {
      // The provider has no such payment: nothing was charged.
      await db.transaction().execute(async (trx) => {
        const current = await payments.lockPayment(trx, businessId, paymentId);
        if (!current || current.status !== 'confirming') return;
        await payments.updatePayment(trx, businessId, paymentId, { status: 'failed', hold_id: null, error_code: error.code, error_message: '결제사에 결제가 없어 결제되지 않았습니다.' });
        await releaseCheckout(trx, current);
      });
      return 'failed';
    }
    throw new ReconcileLater(error instanceof Error ? error.message : String(error));
  }
  if (fact.status === 'DONE' || fact.status === 'PARTIAL_CANCELED') {
    const outcome = await finalizePayment(db, jobs, businessId, paymentId, fact, 'lookup', now);
    return outcome.kind;
  }
  if (fact.status === 'IN_PROGRESS' || fact.status === 'READY') {
    const outcome = await confirmAtProvider(db, jobs, provider, { ...payment, payment_key: fact.paymentKey }, now);
    if (outcome.kind === 'unknown') throw new ReconcileLater('결제 승인 결과를 아직 알 수 없습니다.');
    return outcome.kind;
  }
  // ABORTED, EXPIRED, CANCELED before we booked, WAITING_FOR_DEPOSIT (not offered): not a booking, nothing kept.
  await failPayment(db, payment, fact.status, '결제가 승인되지 않았습니다.');
  return 'failed';
}
