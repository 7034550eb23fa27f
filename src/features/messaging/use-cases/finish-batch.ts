import type { Kysely } from 'kysely';
import type { DB } from '../../../platform/db/types.ts';
import type { BatchJob } from '../queues.ts';
import { lockMessage, recipientCounts, updateMessage } from '../repository/messages.ts';
import { countUnsentBatches, markBatchSent } from '../repository/sending.ts';

/** The batch is done; the last batch of a message closes it: sent, or failed when no recipient got through. */
export async function finishBatch(db: Kysely<DB>, job: BatchJob, now: Date): Promise<void> {
  const { businessId, messageId } = job;
  await db.transaction().execute(async (trx) => {
    await markBatchSent(trx, businessId, messageId, job.batchNo);
    const locked = await lockMessage(trx, businessId, messageId);
    if (locked && locked.status === 'sending' && (await countUnsentBatches(trx, businessId, messageId)) === 0) {
      const counts = (await recipientCounts(trx, businessId, [messageId])).get(messageId);
      const allFailed = counts !== undefined && counts.failed === locked.recipient_count;
      await updateMessage(trx, businessId, messageId, { status: allFailed ? 'failed' : 'sent', status_reason: allFailed ? '발송 서비스가 메시지를 받지 않았습니다.' : null, finished_at: now });
    }
  });
}
