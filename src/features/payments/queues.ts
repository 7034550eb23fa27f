import type { QueuePolicy } from '../../platform/jobs/jobs.ts';

/**
 * PAY-1, PAY-2: the payment jobs. Each works from rows (payments, refunds)
 * that say what is left to do, so a lost job costs a minute: the sweep
 * (`payment-sweep`, every minute) finds the same rows.
 * - `payment-reconcile` ({ businessId, paymentId }): a confirm left
 *   unfinished (a crash, a lost reply) is looked up at the provider and
 *   finished: the booking made, or the money refunded when it cannot be.
 * - `payment-refund` ({ businessId, refundId }): one refund sent to the
 *   provider with its idempotency key, retried with backoff.
 * - `payment-sync` ({ businessId, paymentKey }): a webhook's hint: the
 *   payment looked up and what changed at the provider recorded (a refund
 *   made in Toss's dashboard).
 * - `payment-sweep`: the minute's look for all of the above.
 */
export const PAYMENT_RECONCILE_QUEUE = 'payment-reconcile';
export const PAYMENT_REFUND_QUEUE = 'payment-refund';
export const PAYMENT_SYNC_QUEUE = 'payment-sync';
export const PAYMENT_SWEEP_QUEUE = 'payment-sweep';

export const PAYMENT_RECONCILE_POLICY: QueuePolicy = { retryLimit: 20, retryDelay: 10, retryBackoff: true, retryDelayMax: 600, expireInSeconds: 120, pollingIntervalSeconds: 1 };
export const PAYMENT_REFUND_POLICY: QueuePolicy = { retryLimit: 20, retryDelay: 10, retryBackoff: true, retryDelayMax: 3600, expireInSeconds: 120, pollingIntervalSeconds: 1 };
export const PAYMENT_SYNC_POLICY: QueuePolicy = { retryLimit: 10, retryDelay: 10, retryBackoff: true, retryDelayMax: 600, expireInSeconds: 120, pollingIntervalSeconds: 1 };
export const PAYMENT_SWEEP_POLICY: QueuePolicy = { retryLimit: 0, retryDelay: 60, retryBackoff: false, expireInSeconds: 300, pollingIntervalSeconds: 5 };

export interface ReconcileJob {
  businessId: string;
  paymentId: string;
}
export interface RefundJob {
  businessId: string;
  refundId: string;
}
export interface SyncJob {
  businessId: string;
  paymentKey: string;
}
