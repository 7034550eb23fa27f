/**
 * Which backup files to keep, and when the daily one is due. Pure: names and
 * times in, decisions out; the file system work is in backup-files.ts.
 *
 * The rule (docs/operations.md, shown in 설정 > 백업):
 *
 * - Days and weeks are counted in Korea Standard Time (UTC+9, no daylight
 *   saving), the zone the file names are written in. A week is an ISO week,
 *   Monday to Sunday.
 * - Daily: for each of the 7 most recent days that have an automatic backup,
 *   the newest backup of that day is kept.
 * - Weekly: for each of the 4 most recent weeks that have an automatic
 *   backup, the newest backup of that week is kept.
 * - A backup kept by either rule stays; every other automatic backup is
 *   deleted. So at most 7 + 4 = 11 files stay, fewer when one file is both
 *   the newest of its day and of its week (the newest backup always is).
 * - The rule counts days that HAVE a backup, not calendar days back from
 *   today: a machine that was off for a month still keeps its last 7.
 * - Manual backups (npm run backup) are never deleted by the rule.
 *
 * Keeping a set again keeps all of it (the rule is idempotent), so a crash
 * between deleting files changes nothing the next run would not do anyway.
 */

import { DateTime } from 'luxon';

export const KEEP_DAILY = 7;
export const KEEP_WEEKLY = 4;
/** KST: the zone of backup file names, days and weeks. */
export const BACKUP_TIME_ZONE = 'Asia/Seoul';

export type BackupKind = 'auto' | 'manual';
export type KeptBy = 'daily' | 'weekly';

export interface BackupFile {
  name: string;
  kind: BackupKind;
  createdAt: Date;
}

const kst = (at: Date) => DateTime.fromJSDate(at, { zone: BACKUP_TIME_ZONE });

/** 'YYYY-MM-DD' of the KST day. */
export function dayKey(at: Date): string {
  return kst(at).toFormat('yyyy-MM-dd');
}

/** 'YYYY-Www' of the KST ISO week (the week's year is the year of its Thursday). */
export function weekKey(at: Date): string {
  return kst(at).toFormat("kkkk-'W'WW");
}

const NAME = /^yeyak-(auto|manual)-(\d{4})(\d{2})(\d{2})-(\d{2})(\d{2})(\d{2})(?:-(\d{1,4}))?\.tar\.gz$/;

/** `yeyak-auto-20260314-031500.tar.gz` (KST); `seq` tells apart two backups of one second. */
export function backupFileName(kind: BackupKind, at: Date, seq = 0): string {
  return `yeyak-${kind}-${kst(at).toFormat('yyyyMMdd-HHmmss')}${seq ? `-${seq}` : ''}.tar.gz`;
}

/** The kind and time a backup file name carries; null for any other file. */
export function parseBackupFileName(name: string): BackupFile | null {
  const m = NAME.exec(name);
  if (!m) return null;
  const [, kind, y, mo, d, h, mi, s, seq] = m;
  const local = DateTime.fromObject(
    { year: Number(y), month: Number(mo), day: Number(d), hour: Number(h), minute: Number(mi), second: Number(s) },
    { zone: BACKUP_TIME_ZONE },
  );
  if (!local.isValid) return null;
  const createdAt = local.toJSDate();
  // A name that does not read back the same (a leading zero missing, a rolled-over date) is not one we wrote.
  if (backupFileName(kind as BackupKind, createdAt, Number(seq ?? 0)) !== name) return null;
  return { name, kind: kind as BackupKind, createdAt };
}

const newestFirst = (a: BackupFile, b: BackupFile) => b.createdAt.getTime() - a.createdAt.getTime() || (a.name < b.name ? 1 : a.name > b.name ? -1 : 0);

/**
 * The automatic backups the rule keeps, each with the rule(s) that keep it.
 * Manual backups are not considered (and so never deleted).
 */
export function backupsToKeep(files: readonly BackupFile[], rule: { daily: number; weekly: number } = { daily: KEEP_DAILY, weekly: KEEP_WEEKLY }): Map<string, KeptBy[]> {
  const auto = files.filter((f) => f.kind === 'auto').sort(newestFirst);
  const kept = new Map<string, KeptBy[]>();
  const mark = (name: string, by: KeptBy) => kept.set(name, [...(kept.get(name) ?? []), by]);
  const days = new Set<string>();
  const weeks = new Set<string>();
  for (const file of auto) {
    const day = dayKey(file.createdAt);
    if (!days.has(day) && days.size < rule.daily) {
      days.add(day);
      mark(file.name, 'daily');
    }
    const week = weekKey(file.createdAt);
    if (!weeks.has(week) && weeks.size < rule.weekly) {
      weeks.add(week);
      mark(file.name, 'weekly');
    }
  }
  return kept;
}

/** The automatic backups the rule deletes. */
export function backupsToDelete(files: readonly BackupFile[]): string[] {
  const keep = backupsToKeep(files);
  return files.filter((f) => f.kind === 'auto' && !keep.has(f.name)).map((f) => f.name);
}

/** The daily backup is due when no automatic backup carries today's KST date. */
export function isDailyBackupDue(files: readonly BackupFile[], now: Date): boolean {
  const today = dayKey(now);
  return !files.some((f) => f.kind === 'auto' && dayKey(f.createdAt) === today);
}
