import type { Kysely } from 'kysely';
import type { DB } from '../../platform/db/types.ts';
import type { Jobs } from '../../platform/jobs/jobs.ts';
import {
  PAYMENT_RECONCILE_POLICY,
  PAYMENT_RECONCILE_QUEUE,
  PAYMENT_REFUND_POLICY,
  PAYMENT_REFUND_QUEUE,
  PAYMENT_SWEEP_POLICY,
  PAYMENT_SWEEP_QUEUE,
  PAYMENT_SYNC_POLICY,
  PAYMENT_SYNC_QUEUE,
  type ReconcileJob,
  type RefundJob,
  type SyncJob,
} from './queues.ts';
import { processRefund } from './use-cases/process-refund.ts';
import { reconcilePayment } from './use-cases/reconcile-payment.ts';
import { sweepPayments } from './use-cases/sweep.ts';
import { syncPayment } from './use-cases/sync-payment.ts';

/** Every payment queue exists before any process sends to it. */
export async function preparePaymentQueues(jobs: Jobs): Promise<void> {
  await jobs.createQueue(PAYMENT_RECONCILE_QUEUE, PAYMENT_RECONCILE_POLICY);
  await jobs.createQueue(PAYMENT_REFUND_QUEUE, PAYMENT_REFUND_POLICY);
  await jobs.createQueue(PAYMENT_SYNC_QUEUE, PAYMENT_SYNC_POLICY);
  await jobs.createQueue(PAYMENT_SWEEP_QUEUE, PAYMENT_SWEEP_POLICY);
}

/** The payment workers; a job that throws (an unknown outcome, a busy payment) is retried with backoff by pg-boss. */
export async function startPaymentWorkers(db: Kysely<DB>, jobs: Jobs): Promise<void> {
  await jobs.work<ReconcileJob>(PAYMENT_RECONCILE_QUEUE, PAYMENT_RECONCILE_POLICY, async (batch) => {
    for (const job of batch) await reconcilePayment(db, jobs, job.data.businessId, job.data.paymentId);
  });
  await jobs.work<RefundJob>(PAYMENT_REFUND_QUEUE, PAYMENT_REFUND_POLICY, async (batch) => {
    for (const job of batch) await processRefund(db, job.data.businessId, job.data.refundId);
  });
  await jobs.work<SyncJob>(PAYMENT_SYNC_QUEUE, PAYMENT_SYNC_POLICY, async (batch) => {
    for (const job of batch) await syncPayment(db, jobs, job.data.businessId, job.data.paymentKey);
  });
  await jobs.work(PAYMENT_SWEEP_QUEUE, PAYMENT_SWEEP_POLICY, async () => {
    await sweepPayments(db, jobs);
  });
  await jobs.boss.schedule(PAYMENT_SWEEP_QUEUE, '* * * * *');
}
