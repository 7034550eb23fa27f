import type { Jobs } from '../../../platform/jobs/jobs.ts';
import { refundAmountSplit, balanceAfter } from '../domain/refunds.ts';
import { connectPaymentProvider } from '../provider/connect.ts';
import type { ProviderPayment } from '../provider/types.ts';
import * as payments from '../repository/payments.ts';
import * as refunds from '../repository/refunds.ts';
import { recordProviderFact } from './finalize-payment.ts';
import { reconcilePayment } from './reconcile-payment.ts';
import { writeReversalLines } from './settle.ts';
import { enqueueSync, lineBalances, type Db } from './support.ts';

/** The sync waits while one of our own refunds is under way (its cancel would look like someone else's). */
export class SyncLater extends Error {}

/**
 * PAY-1, PAY-2: a webhook (Toss's payment webhooks are unsigned) is only a
 * hint: it is stored, answered 200, and this job looks the payment up by
 * its key — the lookup, not the body, is what we act on. A confirm left
 * unfinished is finished (reconcilePayment); a cancel at the provider that
 * none of our refunds made (the shop refunded in Toss's dashboard) is
 * recorded as an external refund, with its reversal lines when the sale was
 * settled, and the payment's balance follows the provider's.
 */
export async function syncPayment(db: Db, jobs: Jobs | null, businessId: string, paymentKey: string, now = new Date()): Promise<string> {
  const payment = await payments.findPaymentByKey(db, businessId, paymentKey);
  if (!payment) return 'unknown';
  if (payment.status === 'confirming' || payment.status === 'pending') return reconcilePayment(db, jobs, businessId, payment.id, now);
  const { provider } = await connectPaymentProvider(db, businessId);
  const fact: ProviderPayment = await provider.getPayment(paymentKey);
  return recordExternalRefunds(db, businessId, payment.id, fact, now);
}

export async function recordExternalRefunds(db: Db, businessId: string, paymentId: string, fact: ProviderPayment, now: Date): Promise<string> {
  return db.transaction().execute(async (trx) => {
    const payment = (await payments.lockPayment(trx, businessId, paymentId))!;
    await recordProviderFact(trx, payment, 'lookup', fact);
    const open = (await refunds.listRefundsOfPayments(trx, businessId, [paymentId])).filter((r) => r.status === 'requested' || r.status === 'processing');
    if (open.length > 0) throw new SyncLater('진행 중인 환불이 끝난 뒤에 맞춥니다.');
    const known = await refunds.refundTransactionKeys(trx, businessId, paymentId);
    let recorded = 0;
    for (const cancel of fact.cancels) {
      if (known.has(cancel.transactionKey) || cancel.cancelAmount <= 0) continue;
      const before = await lineBalances(trx, businessId, paymentId);
      const mainLeft = before.reduce((s, l) => s + l.main, 0);
      const split = refundAmountSplit(before, Math.min(cancel.cancelAmount, mainLeft));
      const refund = await refunds.insertRefund(
        trx,
        businessId,
        paymentId,
        {
          kind: 'external',
          source: 'external',
          refund_percent: 100,
          amount_pg: split.main,
          points: 0,
          coupon_platform: split.couponPlatform,
          reason: cancel.cancelReason || '결제사 관리자 화면에서 환불',
          status: 'succeeded',
          transaction_key: cancel.transactionKey,
          done_at: new Date(cancel.canceledAt),
          next_attempt_at: now,
        },
        split.lines,
      );
      await writeReversalLines(trx, payment, refund.id, before, balanceAfter(before, split), now);
      recorded += 1;
    }
    const after = await lineBalances(trx, businessId, paymentId);
    const nothingLeft = after.every((l) => l.main + l.points === 0);
    if (recorded > 0 || payment.balance_pg !== fact.balanceAmount) {
      await payments.updatePayment(trx, businessId, paymentId, {
        balance_pg: fact.balanceAmount,
        provider_status: fact.status,
        ...(payment.status === 'paid' || payment.status === 'partially_refunded' ? { status: nothingLeft && fact.balanceAmount === 0 ? 'refunded' : 'partially_refunded' } : {}),
      });
    }
    return recorded > 0 ? `external:${recorded}` : 'in-sync';
  });
}

/** PAY-1: the webhook body, stored as it came (unsigned: a hint), and the lookup it calls for. */
export async function receivePaymentWebhook(db: Db, jobs: Jobs | null, businessId: string, body: unknown) {
  const data = (body as { data?: { paymentKey?: unknown; orderId?: unknown; status?: unknown; lastTransactionKey?: unknown } } | null)?.data;
  const paymentKey = typeof data?.paymentKey === 'string' ? data.paymentKey : null;
  await db.transaction().execute(async (trx) => {
    const payment = paymentKey ? await payments.findPaymentByKey(trx, businessId, paymentKey) : undefined;
    const eventType = (body as { eventType?: unknown } | null)?.eventType;
    await payments.insertPaymentEvent(trx, businessId, {
      paymentId: payment?.id ?? null,
      source: 'webhook',
      dedupeKey: `webhook:${paymentKey ?? '-'}:${String(data?.lastTransactionKey ?? '-')}:${String(data?.status ?? '-')}:${String(eventType ?? '-')}`,
      providerStatus: typeof data?.status === 'string' ? data.status : null,
      body,
    });
    if (payment && paymentKey) await enqueueSync(trx, jobs, businessId, paymentKey);
  });
}
