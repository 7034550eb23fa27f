import type { Kysely } from 'kysely';
import type { DB } from '../platform/db/types.ts';
import { NAVER_OUTBOUND_POLICY, NAVER_OUTBOUND_QUEUE, startNaverOutboundWorker } from '../features/naver/index.ts';
import { prepareMessagingQueues, startMessagingWorkers } from '../features/messaging/index.ts';
import { prepareCustomerImportQueue, startCustomerImportWorker } from '../features/loyalty/index.ts';
import { preparePaymentQueues, startPaymentWorkers } from '../features/payments/index.ts';
import type { Jobs } from '../platform/jobs/jobs.ts';

/** Every queue exists before any process sends to it, API-only processes included. */
export async function prepareQueues(jobs: Jobs): Promise<void> {
  await jobs.createQueue(NAVER_OUTBOUND_QUEUE, NAVER_OUTBOUND_POLICY);
  await prepareMessagingQueues(jobs);
  await prepareCustomerImportQueue(jobs);
  await preparePaymentQueues(jobs);
}

/** The workers a `start` or `worker` process runs. */
export async function startWorkers(db: Kysely<DB>, jobs: Jobs): Promise<void> {
  await startNaverOutboundWorker(db, jobs);
  await startMessagingWorkers(db, jobs);
  await startCustomerImportWorker(db, jobs);
  await startPaymentWorkers(db, jobs);
}
