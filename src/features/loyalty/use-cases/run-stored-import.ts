import crypto from 'node:crypto';
import type { Kysely } from 'kysely';
import type { DB } from '../../../platform/db/types.ts';
import { AppError } from '../../../platform/errors/registry.ts';
import { IMPORT_INTERRUPTED, readImportFile, validateFile, type ImportFile, type ImportPlan } from '../domain/import-file.ts';
import * as imports from '../repository/imports.ts';
import { IMPORT_LEASE_SECONDS, runningHere } from './import-runs.ts';
import { runImport, type ImportProgress, type RunOptions } from './run-import.ts';

const LEASE_RENEW_MS = 5_000;
/** The processed count reaches the database at most this often. */
const PROGRESS_WRITE_MS = 250;

/** Validates a file, giving the event loop back between chunks (imports run inside a server process). */
async function prepareImportInBackground(file: ImportFile): Promise<ImportPlan> {
  const steps = validateFile(file);
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
    await new Promise((resolve) => setImmediate(resolve));
  }
}

/**
 * Runs a queued import: claims it, validates its file, writes it. Resolves
 * with the final progress, or undefined when the import was not queued
 * (done, failed, or another run's).
 */
export async function runStoredImport(
  db: Kysely<DB>,
  businessId: string,
  importId: string,
  options: Pick<RunOptions, 'batchSize' | 'onProgress' | 'signal'> = {},
): Promise<ImportProgress | undefined> {
  const token = crypto.randomUUID();
  const claimed = await imports.claimCustomerImport(db, businessId, importId, token, IMPORT_LEASE_SECONDS);
  if (!claimed) {
    if (!runningHere.has(importId)) await imports.failAbandonedCustomerImport(db, businessId, importId, IMPORT_INTERRUPTED);
    return undefined;
  }
  runningHere.add(importId);
  const lease = keepLease(db, businessId, importId, token);
  try {
    let final: ImportProgress;
    try {
      const plan = await prepareImportInBackground(readImportFile(claimed.file ?? new Uint8Array()));
      const processed = plan.rejected.length + plan.duplicates.length;
      await imports.saveCustomerImportReport(db, businessId, importId, token, { total: plan.total, processed, rejected: plan.rejected, duplicates: plan.duplicates });
      final = await runImport(db, businessId, plan, {
        ...options,
        consentDetail: `고객 가져오기 (가져오기 ${importId})`,
        onProgress: (p) => {
          lease.progress(p.processed);
          options.onProgress?.(p);
        },
        beforeCommit: async (trx, p) => {
          // Another process failed the import as dead (this run's lease ran out): its customers must not appear.
          if (!(await imports.finishCustomerImport(trx, businessId, importId, token, p))) throw new Error('가져오기가 이미 중단된 것으로 처리되었습니다.');
        },
      });
    } catch (error) {
      // The stored file no longer reads (it was checked at upload) or the report could not be stored.
      const message = error instanceof AppError ? error.message : (error as Error).message;
      final = { status: 'failed', encoding: claimed.encoding, total: 0, processed: 0, inserted: 0, updated: 0, rejected: [], duplicates: [], error: `가져오기에 실패하여 아무것도 저장하지 않았습니다: ${message}` };
    }
    await lease.stop();
    if (final.status === 'failed') await imports.failCustomerImport(db, businessId, importId, token, { error: final.error!, processed: final.processed });
    return final;
  } finally {
    await lease.stop();
    runningHere.delete(importId);
  }
}

/**
 * Renews the run's lease every few seconds and writes the processed count
 * when it moves, never more than one write at a time and never awaited by
 * the import: on PGlite a write waits for the import's transaction to end.
 */
function keepLease(db: Kysely<DB>, businessId: string, importId: string, token: string) {
  let processed: number | undefined;
  let lastWrite = 0;
  let inFlight: Promise<void> | null = null;
  let stopped = false;
  const write = () => {
    if (inFlight || stopped) return;
    lastWrite = Date.now();
    inFlight = imports
      .renewCustomerImportLease(db, businessId, importId, token, IMPORT_LEASE_SECONDS, processed)
      // A failed renewal is made good by the next one: the lease outlasts several.
      .then(
        () => undefined,
        () => undefined,
      )
      .finally(() => {
        inFlight = null;
      });
  };
  const timer = setInterval(write, LEASE_RENEW_MS);
  timer.unref();
  return {
    progress(n: number) {
      processed = n;
      if (Date.now() - lastWrite >= PROGRESS_WRITE_MS) write();
    },
    async stop() {
      stopped = true;
      clearInterval(timer);
      await inFlight;
    },
  };
}
