import type { Kysely } from 'kysely';
import type { DB } from '../../../platform/db/types.ts';
import type { Jobs } from '../../../platform/jobs/jobs.ts';
import { readImportFile } from '../domain/import-file.ts';
import { CUSTOMER_IMPORT_QUEUE, type CustomerImportJob } from '../import-queue.ts';
import { createImport } from './create-import.ts';

/**
 * POST /api/customers/import: decoding, parsing and the header check answer
 * now (IMPORT_FILE_INVALID); the file is stored and a job, in any process,
 * validates and writes it. The upload and its job commit together, so an
 * import never waits for a job that does not exist.
 */
export async function startImport(db: Kysely<DB>, jobs: Jobs, businessId: string, bytes: Uint8Array) {
  const file = readImportFile(bytes);
  const importId = await db.transaction().execute(async (trx) => {
    const id = await createImport(trx, businessId, bytes, file);
    await jobs.sendInTransaction(trx, CUSTOMER_IMPORT_QUEUE, { businessId, importId: id } satisfies CustomerImportJob);
    return id;
  });
  return { importId, total: file.records.length, encoding: file.encoding };
}
