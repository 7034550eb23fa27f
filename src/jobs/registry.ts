import type { Kysely } from 'kysely';
import type { DB } from '../db/types.ts';
import { NAVER_OUTBOUND_POLICY, NAVER_OUTBOUND_QUEUE, startNaverOutboundWorker } from '../features/channels/naver/outbox.ts';
import { prepareMessagingQueues, startMessagingWorkers } from '../features/messaging/dispatch.ts';
import { prepareCustomerImportQueue, startCustomerImportWorker } from '../features/loyalty/import-job.ts';
import type { Jobs } from './jobs.ts';

/** Every queue exists before any process sends to it, API-only processes included. */
export async function prepareQueues(jobs: Jobs): Promise<void> {
  await jobs.createQueue(NAVER_OUTBOUND_QUEUE, NAVER_OUTBOUND_POLICY);
  await prepareMessagingQueues(jobs);
  await prepareCustomerImportQueue(jobs);
}

/** The workers a `start` or `worker` process runs. */
export async function startWorkers(db: Kysely<DB>, jobs: Jobs): Promise<void> {
  await startNaverOutboundWorker(db, jobs);
  await startMessagingWorkers(db, jobs);
  await startCustomerImportWorker(db, jobs);
}
