import type { Kysely } from 'kysely';
import type { DB } from '../../../platform/db/types.ts';
import type { ImportFile } from '../domain/import-file.ts';
import * as imports from '../repository/imports.ts';

/** Finished imports are kept this long so a reopened page can still show the report. */
const KEEP_FINISHED_MS = 7 * 86_400_000;

/** Stores an upload as a queued import (the CLI runs it itself; `startImport` enqueues its job). */
export async function createImport(db: Kysely<DB>, businessId: string, bytes: Uint8Array, file: ImportFile): Promise<string> {
  await imports.deleteFinishedCustomerImports(db, businessId, new Date(Date.now() - KEEP_FINISHED_MS));
  return imports.insertCustomerImport(db, { businessId, encoding: file.encoding, total: file.records.length, file: bytes });
}
