import type { Database } from '../../platform/db/database.ts';
import { removeLeftovers, writeBackup, type BackupResult } from './backup.ts';
import { rotateBackups } from './backup-files.ts';
import type { BackupKind } from './domain/rotation.ts';
import { hasRunsTable, recordRun } from './repository.ts';

/**
 * Backups of the embedded database in the process that owns it: one at a
 * time (a manual one asked for over the control socket waits for a running
 * automatic one), each run remembered in backup_runs, and the automatic ones
 * rotated after each success.
 */
export class BackupService {
  readonly database: Database;
  readonly dataDir: string;
  /** The clock of file names and of "today" (a test sets it). */
  readonly now: () => Date;
  #queue: Promise<unknown> = Promise.resolve();
  #closed = false;

  constructor(database: Database, dataDir: string, options: { now?: () => Date } = {}) {
    this.database = database;
    this.dataDir = dataDir;
    this.now = options.now ?? (() => new Date());
  }

  run(kind: BackupKind, out?: string): Promise<BackupResult> {
    if (this.#closed) return Promise.reject(new Error('yeyak 이 종료하는 중이라 백업을 만들 수 없습니다.'));
    const next = this.#queue.then(() => this.#runNow(kind, out));
    this.#queue = next.catch(() => undefined);
    return next;
  }

  async #runNow(kind: BackupKind, out: string | undefined): Promise<BackupResult> {
    const startedAt = this.now();
    try {
      // Runs are one at a time in the lock holder, so anything half-written is from a run that died.
      removeLeftovers(this.dataDir);
      const result = await writeBackup(this.database, { dataDir: this.dataDir, kind, out, now: startedAt });
      await this.#record({ kind, startedAt, finishedAt: new Date(Math.max(Date.now(), startedAt.getTime())), ok: true, file: result.file, sizeBytes: result.sizeBytes, error: null });
      if (kind === 'auto') rotateBackups(this.dataDir);
      return result;
    } catch (error) {
      await this.#record({ kind, startedAt, finishedAt: new Date(Math.max(Date.now(), startedAt.getTime())), ok: false, file: null, sizeBytes: null, error: error instanceof Error ? error.message : String(error) });
      throw error;
    }
  }

  async #record(run: Parameters<typeof recordRun>[1]): Promise<void> {
    try {
      if (await hasRunsTable(this.database.db)) await recordRun(this.database.db, run);
    } catch (error) {
      // The backup itself stands; only the settings page misses this run.
      console.error('[backup] 백업 결과를 기록하지 못했습니다:', error);
    }
  }

  /** Refuses new runs and waits for the one in progress. */
  async close(): Promise<void> {
    this.#closed = true;
    await this.#queue;
  }
}
