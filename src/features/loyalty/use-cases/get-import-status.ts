import type { Kysely } from 'kysely';
import type { DB } from '../../../platform/db/types.ts';
import { IMPORT_INTERRUPTED } from '../domain/import-file.ts';
import * as imports from '../repository/imports.ts';
import { runningHere } from './import-runs.ts';
import type { ImportProgress } from './run-import.ts';

/** What `GET /api/customers/import/:importId` answers. */
export interface ImportStatus extends Omit<ImportProgress, 'status'> {
  status: 'queued' | ImportProgress['status'];
}

/** The import's progress and report; a running import whose run died is failed here, so no poll says running forever. */
export async function getImportStatus(db: Kysely<DB>, businessId: string, importId: string): Promise<ImportStatus | undefined> {
  let row = await imports.findCustomerImport(db, businessId, importId);
  if (row?.status === 'running' && !runningHere.has(importId) && row.lease_until && row.lease_until.getTime() < Date.now()) {
    // The database's clock decides (processes' clocks may differ); this only spares a write per poll.
    if (await imports.failAbandonedCustomerImport(db, businessId, importId, IMPORT_INTERRUPTED)) row = await imports.findCustomerImport(db, businessId, importId);
  }
  if (!row) return undefined;
  return {
    status: row.status,
    encoding: row.encoding,
    total: row.total,
    processed: row.processed,
    inserted: row.inserted,
    updated: row.updated,
    rejected: row.rejected,
    duplicates: row.duplicates,
    ...(row.error ? { error: row.error } : {}),
  };
}
