import type { Kysely } from 'kysely';
import type { Customer, DB } from '../../../platform/db/types.ts';
import { AppError } from '../../../platform/errors/registry.ts';
import { recordConsentEvents, type NewConsentEvent } from '../../customers/index.ts';
import { IMPORT_BATCH_SIZE, IMPORT_INTERRUPTED, importedValues, type DuplicateRow, type ImportPlan, type ImportRow, type RejectedRow } from '../domain/import-file.ts';
import type { CsvEncoding } from '../domain/csv.ts';
import * as grades from '../repository/grades.ts';
import * as imports from '../repository/imports.ts';
import * as tags from '../repository/tags.ts';

type Db = Kysely<DB>;

export interface ImportProgress {
  status: 'running' | 'done' | 'failed';
  encoding: CsvEncoding;
  total: number;
  processed: number;
  inserted: number;
  updated: number;
  rejected: RejectedRow[];
  duplicates: DuplicateRow[];
  error?: string;
}

export interface RunOptions {
  batchSize?: number;
  onProgress?: (progress: ImportProgress) => void;
  /** Called inside the transaction after each batch (tests use it to fail mid-import). */
  afterBatch?: (batchIndex: number) => void | Promise<void>;
  /** Checked before each batch: an abort (the worker is shutting down) rolls everything back. */
  signal?: AbortSignal;
  /** Runs last inside the transaction, so what it records commits with the customers or not at all. */
  beforeCommit?: (trx: Db, progress: ImportProgress) => Promise<void>;
  /** LAW-2: what the consent history says the import was (the stored import's id). */
  consentDetail?: string;
}

class ImportInterrupted extends Error {}

/**
 * One batch: read which pairs exist (locked), then write every row's final
 * values in one upsert; each marketing consent the file changed (given to a
 * new or unconsenting customer, or withdrawn) joins the consent history.
 */
async function writeBatch(trx: Db, businessId: string, batch: ImportRow[], consentDetail: string): Promise<{ inserted: number; updated: number }> {
  const key = (c: { name: string; phone: string }) => `${c.name}\u0000${c.phone}`;
  const existing = await imports.lockCustomersByNameAndPhone(trx, businessId, batch);
  const byKey = new Map<string, Customer>(existing.map((c) => [key(c), c]));
  const now = new Date();
  const merged = batch.map((row) => importedValues(row, byKey.get(key(row)), now));
  const written = new Map((await imports.upsertImportedCustomers(trx, businessId, merged)).map((c) => [key(c), c.id]));
  const changes: NewConsentEvent[] = [];
  for (const values of merged) {
    const id = written.get(key(values));
    if (id && values.consent !== (byKey.get(key(values))?.marketing_consent ?? false)) {
      changes.push({ customerId: id, kind: 'marketing', granted: values.consent, source: 'import', detail: consentDetail, at: now });
    }
  }
  await recordConsentEvents(trx, businessId, changes);
  const updated = existing.length;
  return { inserted: batch.length - updated, updated };
}

/**
 * MSG-1: writes every valid row of a prepared import in ONE transaction, in
 * batches of 500 (one locking read and one upsert per batch), reporting
 * progress after each batch. Resolves with the final progress (`done` or
 * `failed`); a failure leaves the database as it was: nothing is ever
 * half-imported.
 */
export async function runImport(db: Db, businessId: string, plan: ImportPlan, options: RunOptions = {}): Promise<ImportProgress> {
  const batchSize = options.batchSize ?? IMPORT_BATCH_SIZE;
  const progress: ImportProgress = {
    status: 'running',
    encoding: plan.encoding,
    total: plan.total,
    processed: plan.rejected.length + plan.duplicates.length,
    inserted: 0,
    updated: 0,
    rejected: plan.rejected,
    duplicates: plan.duplicates,
  };
  const report = () => options.onProgress?.({ ...progress });
  const checkSignal = () => {
    if (options.signal?.aborted) throw new ImportInterrupted();
  };
  report();
  try {
    checkSignal();
    // The counts stay 0 while running: nothing is written until the transaction commits.
    const counts = await db.transaction().execute(async (trx) => {
      await grades.ensureGrades(trx, businessId, plan.grades);
      for (let i = 0; i < plan.tags.length; i += batchSize) await tags.ensureTags(trx, businessId, plan.tags.slice(i, i + batchSize));
      let inserted = 0;
      let updated = 0;
      for (let i = 0, batchIndex = 0; i < plan.rows.length; i += batchSize, batchIndex++) {
        checkSignal();
        const batch = plan.rows.slice(i, i + batchSize);
        const written = await writeBatch(trx, businessId, batch, options.consentDetail ?? '고객 가져오기');
        inserted += written.inserted;
        updated += written.updated;
        progress.processed += batch.length;
        report();
        await options.afterBatch?.(batchIndex);
      }
      await options.beforeCommit?.(trx, { ...progress, status: 'done', inserted, updated });
      return { inserted, updated };
    });
    progress.inserted = counts.inserted;
    progress.updated = counts.updated;
    progress.status = 'done';
  } catch (error) {
    progress.status = 'failed';
    progress.processed = plan.rejected.length + plan.duplicates.length;
    progress.error =
      error instanceof ImportInterrupted
        ? IMPORT_INTERRUPTED
        : `가져오기에 실패하여 아무것도 저장하지 않았습니다: ${error instanceof AppError ? error.message : (error as Error).message}`;
  }
  report();
  return { ...progress };
}
