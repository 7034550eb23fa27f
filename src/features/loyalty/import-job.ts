import crypto from 'node:crypto';
import type { Kysely } from 'kysely';
import type { DB } from '../../platform/db/types.ts';
import type { Jobs, QueuePolicy } from '../../platform/jobs/jobs.ts';
import { AppError } from '../../platform/errors/registry.ts';
import { IMPORT_INTERRUPTED, prepareImportInBackground, readImportFile, runImport, type ImportFile, type ImportProgress, type RunOptions } from './import.ts';
import * as repo from './repository.ts';

/**
 * MSG-1: a CSV import stored in the database and run as a job, so the
 * process that took the upload, the one that runs the import and the one
 * that answers the progress poll may all differ (PostgreSQL, several
 * processes).
 *
 * - The upload writes a `customer_imports` row (status `queued`, the file
 *   itself) and a `customer-import` job in one transaction.
 * - A run claims the row (queued → running, with a lease), validates the
 *   file, stores the report (rejected and merged lines), then writes the
 *   customers in one transaction that also marks the import `done`: the
 *   customers are there if and only if the import says done.
 * - While it works the run renews its lease every few seconds, carrying the
 *   processed count. A run that died (SIGKILL, power) stops renewing; once
 *   the lease is over, the next poll (or the job's retry) marks the import
 *   failed with IMPORT_INTERRUPTED — its transaction never committed, so
 *   nothing of it was written. A dead run is not resumed: the file may be
 *   old by the time a retry comes, and the user decides whether to upload
 *   it again.
 */

export const CUSTOMER_IMPORT_QUEUE = 'customer-import';
/** A run that stops renewing for this long is dead. */
export const IMPORT_LEASE_SECONDS = 20;
const LEASE_RENEW_MS = 5_000;
/** The processed count reaches the database at most this often. */
const PROGRESS_WRITE_MS = 250;
const KEEP_FINISHED_MS = 7 * 86_400_000;

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

interface ImportJob {
  businessId: string;
  importId: string;
}

/** What `GET /api/customers/import/:importId` answers. */
export interface ImportStatus extends Omit<ImportProgress, 'status'> {
  status: 'queued' | ImportProgress['status'];
}

/**
 * Imports whose run is in this process are alive whatever their lease
 * says: on PGlite the import's transaction holds the one connection, so
 * the lease cannot be renewed until it ends.
 */
const runningHere = new Set<string>();

/** Stores an upload as a queued import (the CLI runs it itself; `startImport` enqueues its job). */
export async function createImport(db: Kysely<DB>, businessId: string, bytes: Uint8Array, file: ImportFile): Promise<string> {
  await repo.deleteFinishedCustomerImports(db, businessId, new Date(Date.now() - KEEP_FINISHED_MS));
  return repo.insertCustomerImport(db, { businessId, encoding: file.encoding, total: file.records.length, file: bytes });
}

/** The upload and its job commit together: an import never waits for a job that does not exist. */
export async function startImport(db: Kysely<DB>, jobs: Jobs, businessId: string, bytes: Uint8Array, file: ImportFile): Promise<string> {
  return db.transaction().execute(async (trx) => {
    const importId = await createImport(trx, businessId, bytes, file);
    await jobs.sendInTransaction(trx, CUSTOMER_IMPORT_QUEUE, { businessId, importId } satisfies ImportJob);
    return importId;
  });
}

/** The import's progress and report; a running import whose run died is failed here, so no poll says running forever. */
export async function importStatus(db: Kysely<DB>, businessId: string, importId: string): Promise<ImportStatus | undefined> {
  let row = await repo.findCustomerImport(db, businessId, importId);
  if (row?.status === 'running' && !runningHere.has(importId) && row.lease_until && row.lease_until.getTime() < Date.now()) {
    // The database's clock decides (processes' clocks may differ); this only spares a write per poll.
    if (await repo.failAbandonedCustomerImport(db, businessId, importId, IMPORT_INTERRUPTED)) row = await repo.findCustomerImport(db, businessId, importId);
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
  const claimed = await repo.claimCustomerImport(db, businessId, importId, token, IMPORT_LEASE_SECONDS);
  if (!claimed) {
    if (!runningHere.has(importId)) await repo.failAbandonedCustomerImport(db, businessId, importId, IMPORT_INTERRUPTED);
    return undefined;
  }
  runningHere.add(importId);
  const lease = keepLease(db, businessId, importId, token);
  try {
    let final: ImportProgress;
    try {
      const plan = await prepareImportInBackground(readImportFile(claimed.file ?? new Uint8Array()));
      const processed = plan.rejected.length + plan.duplicates.length;
      await repo.saveCustomerImportReport(db, businessId, importId, token, { total: plan.total, processed, rejected: plan.rejected, duplicates: plan.duplicates });
      final = await runImport(db, businessId, plan, {
        ...options,
        onProgress: (p) => {
          lease.progress(p.processed);
          options.onProgress?.(p);
        },
        beforeCommit: async (trx, p) => {
          // Another process failed the import as dead (this run's lease ran out): its customers must not appear.
          if (!(await repo.finishCustomerImport(trx, businessId, importId, token, p))) throw new Error('가져오기가 이미 중단된 것으로 처리되었습니다.');
        },
      });
    } catch (error) {
      // The stored file no longer reads (it was checked at upload) or the report could not be stored.
      const message = error instanceof AppError ? error.message : (error as Error).message;
      final = { status: 'failed', encoding: claimed.encoding, total: 0, processed: 0, inserted: 0, updated: 0, rejected: [], duplicates: [], error: `가져오기에 실패하여 아무것도 저장하지 않았습니다: ${message}` };
    }
    await lease.stop();
    if (final.status === 'failed') await repo.failCustomerImport(db, businessId, importId, token, { error: final.error!, processed: final.processed });
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
    inFlight = repo
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

export async function prepareCustomerImportQueue(jobs: Jobs) {
  await jobs.createQueue(CUSTOMER_IMPORT_QUEUE, CUSTOMER_IMPORT_POLICY);
}

export async function startCustomerImportWorker(db: Kysely<DB>, jobs: Jobs) {
  await jobs.work<ImportJob>(CUSTOMER_IMPORT_QUEUE, CUSTOMER_IMPORT_POLICY, async (batch) => {
    // job.signal is aborted when pg-boss stops (a shutdown): the import rolls back and says why.
    for (const job of batch) await runStoredImport(db, job.data.businessId, job.data.importId, { signal: job.signal });
  });
}
