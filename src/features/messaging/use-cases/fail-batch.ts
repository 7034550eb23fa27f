import type { Kysely } from 'kysely';
import type { DB } from '../../../platform/db/types.ts';
import type { BatchJob } from '../queues.ts';
import { failPendingRecipients } from '../repository/sending.ts';
import { finishBatch } from './finish-batch.ts';

/**
 * A batch the provider refuses for good (a wrong key, a refused sender) or
 * that ran out of retries: its unsent recipients are marked failed with the
 * reason, so the message ends instead of staying "sending".
 */
export async function failBatch(db: Kysely<DB>, job: BatchJob, reason: string, now = new Date()): Promise<void> {
  await failPendingRecipients(db, job.businessId, job.messageId, job.batchNo, reason, now);
  await finishBatch(db, job, now);
}
