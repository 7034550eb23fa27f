import type { QueuePolicy } from '../../platform/jobs/jobs.ts';

/** MSG-1: the queue a customer CSV import runs on (use-cases/import-runs.ts tells the whole story). */
export const CUSTOMER_IMPORT_QUEUE = 'customer-import';

/**
 * One import at a time per process (each holds a transaction and its file
 * in memory). A claimed import never reruns, so retries only cover a
 * process that died between fetching the job and claiming the import.
 */
export const CUSTOMER_IMPORT_POLICY: QueuePolicy = {
  retryLimit: 3,
  retryDelay: 10,
  retryBackoff: true,
  retryDelayMax: 120,
  expireInSeconds: 3600,
  heartbeatSeconds: 60,
  pollingIntervalSeconds: 1,
  localConcurrency: 1,
};

/** The business id rides in the payload, so the run names it in every query. */
export interface CustomerImportJob {
  businessId: string;
  importId: string;
}
