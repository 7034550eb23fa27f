import type { Kysely } from 'kysely';
import type { DB } from '../../platform/db/types.ts';
import type { Jobs, QueuePolicy } from '../../platform/jobs/jobs.ts';

/**
 * MSG-8, MSG-9, MSG-11: sending goes through two queues.
 * - `message-dispatch` ({ businessId, messageId, version }) runs at the
 *   message's time: a stale version (the message was edited or cancelled
 *   since) does nothing; inside the quiet hours the message waits (status
 *   `waiting`) and the job is put back at 08:00; otherwise the recipients are
 *   fixed — each with a coupon code and an opt-out token — split into
 *   batches, and one `message-batch` job per batch is enqueued, all in one
 *   transaction (use-cases/dispatch-message.ts).
 * - `message-batch` ({ businessId, messageId, batchNo }) sends one batch: it
 *   creates the batch's provider group and stores its id before adding
 *   anything; a retry (after a crash or an error) lists what the group holds
 *   and adds only the rest, then sends the group. Each recipient reaches the
 *   provider once. A batch whose turn comes in the quiet hours waits for
 *   08:00 too (use-cases/send-batch.ts).
 */
export const MESSAGE_DISPATCH_QUEUE = 'message-dispatch';
export const MESSAGE_BATCH_QUEUE = 'message-batch';
export const BATCH_SIZE = 500;
/** Longer than a batch's provider calls take (each times out after 15 s). */
export const BATCH_LEASE_SECONDS = 120;

export const MESSAGE_DISPATCH_POLICY: QueuePolicy = { retryLimit: 10, retryDelay: 5, retryBackoff: true, retryDelayMax: 300, expireInSeconds: 600, pollingIntervalSeconds: 1 };
/**
 * Batches of one message go out four at a time per process; a worker that
 * dies is noticed by its missing heartbeat (30 s) rather than the 5-minute
 * expiry, and its batch resumes from the stored group.
 */
export const MESSAGE_BATCH_POLICY: QueuePolicy = {
  retryLimit: 12,
  retryDelay: 5,
  retryBackoff: true,
  retryDelayMax: 300,
  expireInSeconds: 300,
  heartbeatSeconds: 30,
  pollingIntervalSeconds: 1,
  localConcurrency: 4,
};

/**
 * NOTI-1 … NOTI-4, LAW-3, MSG-11: one customer notice at its time
 * (`notice-send`, { businessId, noticeId }), and the minute's sweep
 * (`notice-sweep`): due notices whose job was lost, late delivery reports
 * asked of Solapi (GET /messages/v4/list), the consent notices due.
 */
export const NOTICE_SEND_QUEUE = 'notice-send';
export const NOTICE_SWEEP_QUEUE = 'notice-sweep';
export const NOTICE_SEND_POLICY: QueuePolicy = { retryLimit: 3, retryDelay: 30, retryBackoff: true, retryDelayMax: 600, expireInSeconds: 300, pollingIntervalSeconds: 1 };
export const NOTICE_SWEEP_POLICY: QueuePolicy = { retryLimit: 0, retryDelay: 60, retryBackoff: false, expireInSeconds: 300, pollingIntervalSeconds: 5 };

export interface NoticeJob {
  businessId: string;
  noticeId: string;
}

export interface DispatchJob {
  businessId: string;
  messageId: string;
  version: number;
}

export interface BatchJob {
  businessId: string;
  messageId: string;
  batchNo: number;
}

export interface DispatchOptions {
  now?: () => Date;
}

/** The message's dispatch job, in the transaction that wrote the message; one per version. */
export async function enqueueDispatch(trx: Kysely<DB>, jobs: Jobs, job: DispatchJob, sendAt: Date): Promise<void> {
  await jobs.sendInTransaction(trx, MESSAGE_DISPATCH_QUEUE, job, { startAfter: sendAt, singletonKey: `${job.messageId}:${job.version}` });
}

export async function prepareMessagingQueues(jobs: Jobs): Promise<void> {
  await jobs.createQueue(MESSAGE_DISPATCH_QUEUE, MESSAGE_DISPATCH_POLICY);
  await jobs.createQueue(MESSAGE_BATCH_QUEUE, MESSAGE_BATCH_POLICY);
  await jobs.createQueue(NOTICE_SEND_QUEUE, NOTICE_SEND_POLICY);
  await jobs.createQueue(NOTICE_SWEEP_QUEUE, NOTICE_SWEEP_POLICY);
}
