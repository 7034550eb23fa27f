import type { Kysely } from 'kysely';
import type { DB } from '../../platform/db/types.ts';
import type { Jobs } from '../../platform/jobs/jobs.ts';
import { NAVER_OUTBOUND_POLICY, NAVER_OUTBOUND_QUEUE, type OutboundJob } from './outbound-queue.ts';
import { sendOutboxCommand } from './use-cases/send-outbox-command.ts';

/** The `naver-outbound` worker of a `start` or `worker` process (src/app/jobs.ts). */
export async function startNaverOutboundWorker(db: Kysely<DB>, jobs: Jobs): Promise<void> {
  await jobs.work<OutboundJob>(NAVER_OUTBOUND_QUEUE, NAVER_OUTBOUND_POLICY, async (batch) => {
    for (const job of batch) {
      await sendOutboxCommand(db, job.data, { isLast: (job.retryCount ?? 0) >= (job.retryLimit ?? NAVER_OUTBOUND_POLICY.retryLimit) });
    }
  });
}
