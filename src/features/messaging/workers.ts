import type { Kysely } from 'kysely';
import type { DB } from '../../platform/db/types.ts';
import type { Jobs } from '../../platform/jobs/jobs.ts';
import { ProviderError } from './provider/solapi.ts';
import {
  MESSAGE_BATCH_POLICY,
  MESSAGE_BATCH_QUEUE,
  MESSAGE_DISPATCH_POLICY,
  MESSAGE_DISPATCH_QUEUE,
  NOTICE_SEND_POLICY,
  NOTICE_SEND_QUEUE,
  NOTICE_SWEEP_POLICY,
  NOTICE_SWEEP_QUEUE,
  type BatchJob,
  type DispatchJob,
  type DispatchOptions,
  type NoticeJob,
} from './queues.ts';
import { sendNotice, sweepNotices } from './use-cases/notices.ts';
import { pollLateReports } from './use-cases/poll-reports.ts';
import { writeConsentNotices } from './use-cases/consent-notices.ts';
import { findMessageBusinessId } from './repository/messages.ts';
import { dispatchMessage } from './use-cases/dispatch-message.ts';
import { failBatch } from './use-cases/fail-batch.ts';
import { sendBatch } from './use-cases/send-batch.ts';

/** A payload as queued: jobs queued before payloads carried the business id lack it. */
type Queued<T extends { businessId: string }> = Omit<T, 'businessId'> & { businessId?: string };

/** The payload with its business id; an old job's is looked up from its message (null: the message is gone). */
async function withBusinessId<T extends { businessId: string; messageId: string }>(db: Kysely<DB>, data: Queued<T>): Promise<T | null> {
  const businessId = data.businessId ?? (await findMessageBusinessId(db, data.messageId));
  return businessId ? ({ ...data, businessId } as T) : null;
}

export async function startMessagingWorkers(db: Kysely<DB>, jobs: Jobs, options: DispatchOptions = {}): Promise<void> {
  await jobs.work<Queued<DispatchJob>>(MESSAGE_DISPATCH_QUEUE, MESSAGE_DISPATCH_POLICY, async (batch) => {
    for (const job of batch) {
      const data = await withBusinessId<DispatchJob>(db, job.data);
      if (data) await dispatchMessage(db, jobs, data, options);
    }
  });
  await jobs.work<Queued<BatchJob>>(MESSAGE_BATCH_QUEUE, MESSAGE_BATCH_POLICY, async (batch) => {
    for (const job of batch) {
      const data = await withBusinessId<BatchJob>(db, job.data);
      if (!data) continue;
      try {
        await sendBatch(db, jobs, data, options);
      } catch (error) {
        const last = (job.retryCount ?? 0) >= (job.retryLimit ?? MESSAGE_BATCH_POLICY.retryLimit);
        if (error instanceof ProviderError && (!error.retryable || last)) {
          await failBatch(db, data, `발송 서비스 오류: ${error.message}`);
          continue;
        }
        throw error;
      }
    }
  });
  await jobs.work<NoticeJob>(NOTICE_SEND_QUEUE, NOTICE_SEND_POLICY, async (batch) => {
    for (const job of batch) await sendNotice(db, job.data, options.now?.() ?? new Date());
  });
  // The minute's sweep: due notices whose job was lost or that wait for a retry, late reports, the consent notices due (LAW-3).
  await jobs.work(NOTICE_SWEEP_QUEUE, NOTICE_SWEEP_POLICY, async () => {
    const now = options.now?.() ?? new Date();
    await sweepNotices(db, now);
    await pollLateReports(db, now);
    await writeConsentNotices(db, now);
  });
  await jobs.boss.schedule(NOTICE_SWEEP_QUEUE, '* * * * *');
}
