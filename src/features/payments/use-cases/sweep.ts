import type { Jobs } from '../../../platform/jobs/jobs.ts';
import * as payments from '../repository/payments.ts';
import * as refunds from '../repository/refunds.ts';
import { processRefund, RefundLater } from './process-refund.ts';
import { reconcilePayment, ReconcileLater } from './reconcile-payment.ts';
import { CONFIRM_STALE_SECONDS, type Db } from './support.ts';

/**
 * PAY-1, PAY-2: the minute's sweep, the safety net under the jobs: confirms
 * left unfinished, checkouts past their time, refunds due (requested, or
 * processing whose lease lapsed). Each is idempotent on its row, so the
 * sweep and a job doing the same work at once do it once.
 */
export async function sweepPayments(db: Db, jobs: Jobs | null, now = new Date()) {
  const open = await payments.listOpenPayments(db, now, new Date(now.getTime() - CONFIRM_STALE_SECONDS * 1000));
  const result = { payments: 0, refunds: 0, later: 0 };
  for (const p of open) {
    try {
      await reconcilePayment(db, jobs, p.business_id, p.id, now);
      result.payments += 1;
    } catch (error) {
      if (!(error instanceof ReconcileLater)) console.error('[payments] reconcile', p.id, error);
      result.later += 1;
    }
  }
  for (const r of await refunds.listDueRefunds(db, now)) {
    try {
      await processRefund(db, r.business_id, r.id, now);
      result.refunds += 1;
    } catch (error) {
      if (!(error instanceof RefundLater)) console.error('[payments] refund', r.id, error);
      result.later += 1;
    }
  }
  return result;
}
