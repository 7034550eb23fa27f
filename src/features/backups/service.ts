import fs from 'node:fs';
import path from 'node:path';
import type { Database } from '../../platform/db/database.ts';
import { backupsDir, removeLeftovers, writeBackup, type BackupResult } from './backup.ts';
import { hasRunsTable, recordRun } from './repository.ts';
import { backupsToDelete, isDailyBackupDue, parseBackupFileName, type BackupFile, type BackupKind } from './rotation.ts';

export interface StoredBackup extends BackupFile {
  path: string;
  sizeBytes: number;
}

/** The backup files in `<dataDir>/backups`, newest first (other files there are left alone and not listed). */
export function listBackups(dataDir: string): StoredBackup[] {
  const dir = backupsDir(dataDir);
  let names: string[];
  try {
    names = fs.readdirSync(dir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  const files: StoredBackup[] = [];
  for (const name of names) {
    const parsed = parseBackupFileName(name);
    if (!parsed) continue;
    try {
      files.push({ ...parsed, path: path.join(dir, name), sizeBytes: fs.statSync(path.join(dir, name)).size });
    } catch {
      // deleted meanwhile
    }
  }
  return files.sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime() || (a.name < b.name ? 1 : -1));
}

/** Deletes the automatic backups the rotation rule does not keep; returns their names. */
export function rotateBackups(dataDir: string): string[] {
  const deleted = backupsToDelete(listBackups(dataDir));
  for (const name of deleted) fs.rmSync(path.join(backupsDir(dataDir), name), { force: true });
  return deleted;
}

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

/**
 * The daily automatic backup: every `checkEveryMs` (10 minutes) it looks for
 * an automatic backup dated today (KST) and makes one if there is none, so
 * a product that runs all the time backs up just after midnight KST and one
 * started later in the day backs up within `firstCheckMs`. After a failure
 * it waits an hour before trying again (the failure is on the settings page).
 */
export function startDailyBackups(
  service: BackupService,
  options: { checkEveryMs?: number; firstCheckMs?: number; retryAfterFailureMs?: number } = {},
): { stop(): Promise<void>; check(): Promise<void> } {
  const { checkEveryMs = 10 * 60_000, firstCheckMs = 60_000, retryAfterFailureMs = 60 * 60_000 } = options;
  const now = service.now;
  let lastFailure = -Infinity;
  let stopped = false;
  let running: Promise<void> | null = null;
  let timer: NodeJS.Timeout | undefined;

  async function check(): Promise<void> {
    const at = now();
    if (!isDailyBackupDue(listBackups(service.dataDir), at) || at.getTime() - lastFailure < retryAfterFailureMs) return;
    try {
      const result = await service.run('auto');
      console.log(`[backup] 자동 백업을 만들었습니다: ${result.file}, ${formatBytes(result.sizeBytes)}`);
    } catch (error) {
      lastFailure = now().getTime();
      console.error(`[backup] 자동 백업에 실패했습니다: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  const tick = () => {
    running = check().finally(() => {
      running = null;
      if (!stopped) schedule(checkEveryMs);
    });
  };
  // unref: a pending check never keeps the process alive on its own.
  const schedule = (ms: number) => (timer = setTimeout(tick, ms).unref());
  schedule(firstCheckMs);

  return {
    check,
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await running;
    },
  };
}

/** "12.3 MB (12,345,678 바이트)" */
export function formatBytes(bytes: number): string {
  const units = ['바이트', 'KB', 'MB', 'GB', 'TB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  const short = unit === 0 ? `${bytes} 바이트` : `${value.toFixed(1)} ${units[unit]}`;
  return unit === 0 ? short : `${short} (${bytes.toLocaleString('ko-KR')} 바이트)`;
}
