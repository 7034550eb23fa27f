import type { Database } from '../../../platform/db/database.ts';
import { backupsDir } from '../backup.ts';
import { listBackups } from '../backup-files.ts';
import { BACKUP_TIME_ZONE, KEEP_DAILY, KEEP_WEEKLY, backupsToKeep } from '../domain/rotation.ts';
import { latestRun, type BackupRun } from '../repository.ts';

const presentRun = (run: BackupRun | null) => run && { ...run, startedAt: run.startedAt.toISOString(), finishedAt: run.finishedAt.toISOString() };

/** 설정 > 백업: what the automatic backup did, what is kept and by which rule. */
export async function getBackupStatus(database: Database, dataDir: string) {
  const rule = { daily: KEEP_DAILY, weekly: KEEP_WEEKLY, timeZone: BACKUP_TIME_ZONE };
  if (database.kind === 'postgres') {
    // PostgreSQL is backed up by pg_dump / WAL archiving outside the product (docs/operations.md).
    return { engine: 'postgres' as const, automatic: false, directory: null, rule, lastRun: null, lastSuccess: null, backups: [] };
  }
  const files = listBackups(dataDir);
  const kept = backupsToKeep(files);
  const [lastRun, lastSuccess] = await Promise.all([latestRun(database.db), latestRun(database.db, { ok: true })]);
  return {
    engine: 'pglite' as const,
    automatic: true,
    directory: backupsDir(dataDir),
    rule,
    lastRun: presentRun(lastRun),
    lastSuccess: presentRun(lastSuccess),
    backups: files.map((f) => ({ file: f.name, kind: f.kind, createdAt: f.createdAt.toISOString(), sizeBytes: f.sizeBytes, keptBy: kept.get(f.name) ?? [] })),
  };
}
