import type { Kysely } from 'kysely';
import type { DB } from '../../platform/db/types.ts';
import type { Jobs } from '../../platform/jobs/jobs.ts';
import { CUSTOMER_IMPORT_POLICY, CUSTOMER_IMPORT_QUEUE, type CustomerImportJob } from './import-queue.ts';
import { runStoredImport } from './use-cases/run-stored-import.ts';

export async function prepareCustomerImportQueue(jobs: Jobs) {
  await jobs.createQueue(CUSTOMER_IMPORT_QUEUE, CUSTOMER_IMPORT_POLICY);
}

/** The `customer-import` worker: any process may run an import another process took the upload of. */
export async function startCustomerImportWorker(db: Kysely<DB>, jobs: Jobs) {
  await jobs.work<CustomerImportJob>(CUSTOMER_IMPORT_QUEUE, CUSTOMER_IMPORT_POLICY, async (batch) => {
    // job.signal is aborted when pg-boss stops (a shutdown): the import rolls back and says why.
    for (const job of batch) await runStoredImport(db, job.data.businessId, job.data.importId, { signal: job.signal });
  });
}
