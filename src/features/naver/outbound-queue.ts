import type { Kysely } from 'kysely';
import type { DB } from '../../platform/db/types.ts';
import type { Jobs, QueuePolicy } from '../../platform/jobs/jobs.ts';

/**
 * NAVER-9: the transactional outbox's queue. A decision in the calendar writes
 * its command row and enqueues its job in the transaction of the change; the
 * job sends it after commit, retrying with exponential backoff.
 */
export const NAVER_OUTBOUND_QUEUE = 'naver-outbound';

export const NAVER_OUTBOUND_POLICY: QueuePolicy = {
  retryLimit: 8,
  retryDelay: 2,
  retryBackoff: true,
  retryDelayMax: 300,
  expireInSeconds: 60,
  pollingIntervalSeconds: 1,
};

/** A job names the outbox row and its business; jobs queued before the business was added carry only the row's id. */
export interface OutboundJob {
  outboxId: string;
  businessId?: string;
}

/** Queues the sending of a command row, in the caller's transaction. */
export async function enqueueOutbound(trx: Kysely<DB>, jobs: Jobs, job: Required<OutboundJob>): Promise<void> {
  await jobs.sendInTransaction(trx, NAVER_OUTBOUND_QUEUE, job satisfies OutboundJob);
}
