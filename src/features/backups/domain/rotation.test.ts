import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { backupFileName, backupsToDelete, backupsToKeep, dayKey, isDailyBackupDue, parseBackupFileName, weekKey, type BackupFile } from './rotation.ts';

const at = (iso: string) => new Date(iso);
const auto = (iso: string, seq = 0): BackupFile => ({ name: backupFileName('auto', at(iso), seq), kind: 'auto', createdAt: at(iso) });

describe('backup file names (KST)', () => {
  it('writes and reads the KST wall clock', () => {
    // 2026-03-13 18:15 UTC is 2026-03-14 03:15 in Seoul.
    expect(backupFileName('auto', at('2026-03-13T18:15:00Z'))).toBe('yeyak-auto-20260314-031500.tar.gz');
    expect(backupFileName('manual', at('2026-03-13T18:15:00Z'), 2)).toBe('yeyak-manual-20260314-031500-2.tar.gz');
    expect(parseBackupFileName('yeyak-auto-20260314-031500.tar.gz')).toEqual({ name: 'yeyak-auto-20260314-031500.tar.gz', kind: 'auto', createdAt: at('2026-03-13T18:15:00Z') });
  });

  it('ignores other files and impossible dates', () => {
    for (const name of ['notes.txt', 'yeyak-auto-20261399-031500.tar.gz', 'yeyak-auto-20260314-031500.tar.gz.partial', 'yeyak-other-20260314-031500.tar.gz', 'yeyak-auto-20260314-031500-0.tar.gz']) {
      expect(parseBackupFileName(name)).toBeNull();
    }
  });

  it('round-trips any time to the second', () => {
    fc.assert(
      fc.property(fc.date({ min: at('2000-01-01T00:00:00Z'), max: at('2999-12-31T00:00:00Z'), noInvalidDate: true }), fc.constantFrom('auto' as const, 'manual' as const), fc.nat(99), (date, kind, seq) => {
        const second = new Date(Math.floor(date.getTime() / 1000) * 1000);
        const parsed = parseBackupFileName(backupFileName(kind, second, seq));
        expect(parsed).toEqual({ name: backupFileName(kind, second, seq), kind, createdAt: second });
      }),
    );
  });
});

describe('days and weeks', () => {
  it('a day and a week are KST ones', () => {
    expect(dayKey(at('2026-03-13T14:59:59Z'))).toBe('2026-03-13');
    expect(dayKey(at('2026-03-13T15:00:00Z'))).toBe('2026-03-14');
    // Sunday 2026-03-15 23:30 KST is still ISO week 11; Monday 00:00 KST starts week 12.
    expect(weekKey(at('2026-03-15T14:30:00Z'))).toBe('2026-W11');
    expect(weekKey(at('2026-03-15T15:00:00Z'))).toBe('2026-W12');
    // ISO years: 2027-01-01 (Friday) belongs to 2026-W53; 2024-12-30 (Monday) to 2025-W01.
    expect(weekKey(at('2027-01-01T03:00:00Z'))).toBe('2026-W53');
    expect(weekKey(at('2024-12-30T03:00:00Z'))).toBe('2025-W01');
  });
});

describe('rotation: keep 7 daily and 4 weekly', () => {
  it('one backup a day for 60 days keeps the last 7 days and the newest of the 4 newest weeks', () => {
    // Daily at 00:05 KST from 2026-01-01 (Thursday) to 2026-03-01 (Sunday).
    const files: BackupFile[] = [];
    for (let i = 0; i < 60; i++) files.push(auto(new Date(Date.UTC(2025, 11, 31, 15, 5) + i * 86_400_000).toISOString()));
    const kept = backupsToKeep(files);
    const days = [...kept.keys()].map((n) => n.slice(11, 19)).sort();
    // Days 02-23..03-01 (7 daily); weekly: the Sundays 03-01 (W09), 02-22 (W08), 02-15 (W07), 02-08 (W06).
    expect(days).toEqual(['20260208', '20260215', '20260222', '20260223', '20260224', '20260225', '20260226', '20260227', '20260228', '20260301']);
    expect(kept.get(backupFileName('auto', at('2026-02-28T15:05:00Z')))).toEqual(['daily', 'weekly']);
    expect(kept.get(backupFileName('auto', at('2026-02-21T15:05:00Z')))).toEqual(['weekly']);
    expect(backupsToDelete(files)).toHaveLength(50);
  });

  it('keeps the newest of a day with several backups, and never manual ones', () => {
    const morning = auto('2026-03-14T00:00:00Z');
    const evening = auto('2026-03-14T09:00:00Z');
    const manual: BackupFile = { name: backupFileName('manual', at('2026-01-01T00:00:00Z')), kind: 'manual', createdAt: at('2026-01-01T00:00:00Z') };
    expect([...backupsToKeep([morning, evening, manual]).keys()]).toEqual([evening.name]);
    expect(backupsToDelete([morning, evening, manual])).toEqual([morning.name]);
  });

  it('counts days that have backups: a month off still leaves 7', () => {
    const before = Array.from({ length: 10 }, (_, i) => auto(new Date(Date.UTC(2026, 0, 1 + i, 3)).toISOString()));
    const after = auto('2026-03-01T03:00:00Z');
    const kept = backupsToKeep([...before, after]);
    expect([...kept.entries()].filter(([, by]) => by.includes('daily'))).toHaveLength(7);
  });

  it('is due when no automatic backup has today’s KST date', () => {
    const files = [auto('2026-03-13T16:00:00Z')]; // 2026-03-14 01:00 KST
    expect(isDailyBackupDue(files, at('2026-03-14T14:59:00Z'))).toBe(false); // 23:59 KST the same day
    expect(isDailyBackupDue(files, at('2026-03-14T15:00:00Z'))).toBe(true); // 00:00 KST the next day
    expect(isDailyBackupDue([{ ...files[0]!, kind: 'manual' }], at('2026-03-14T00:00:00Z'))).toBe(true);
    expect(isDailyBackupDue([], at('2026-03-14T00:00:00Z'))).toBe(true);
  });

  // Backups at arbitrary times over ~3 months, some of them manual.
  const backupSets = fc
    .uniqueArray(fc.integer({ min: 0, max: 100 * 24 * 3600 }), { maxLength: 80 })
    .chain((seconds) => fc.tuple(fc.constant(seconds), fc.array(fc.boolean(), { minLength: seconds.length, maxLength: seconds.length })))
    .map(([seconds, manual]) =>
      seconds.map((s, i): BackupFile => {
        const createdAt = new Date(Date.UTC(2026, 0, 1) + s * 1000);
        const kind = manual[i] ? 'manual' : 'auto';
        return { name: backupFileName(kind, createdAt), kind, createdAt };
      }),
    );

  it('property: keeps a subset of the automatic backups, at most 7 + 4, always the newest', () => {
    fc.assert(
      fc.property(backupSets, (files) => {
        const kept = backupsToKeep(files);
        const autoFiles = files.filter((f) => f.kind === 'auto');
        for (const name of kept.keys()) expect(autoFiles.some((f) => f.name === name)).toBe(true);
        expect(kept.size).toBeLessThanOrEqual(11);
        expect([...kept.values()].filter((by) => by.includes('daily')).length).toBe(Math.min(7, new Set(autoFiles.map((f) => dayKey(f.createdAt))).size));
        expect([...kept.values()].filter((by) => by.includes('weekly')).length).toBe(Math.min(4, new Set(autoFiles.map((f) => weekKey(f.createdAt))).size));
        if (autoFiles.length) {
          const newest = autoFiles.reduce((a, b) => (b.createdAt > a.createdAt ? b : a));
          expect(kept.get(newest.name)).toEqual(['daily', 'weekly']);
        }
        // Deleted and kept split the automatic backups; manual ones are never deleted.
        const deleted = backupsToDelete(files);
        expect(deleted.length + kept.size).toBe(autoFiles.length);
        expect(deleted.every((n) => n.startsWith('yeyak-auto-'))).toBe(true);
      }),
    );
  });

  it('property: the newest backup of each of the 7 newest days is kept, and nothing else of those days', () => {
    fc.assert(
      fc.property(backupSets, (files) => {
        const kept = backupsToKeep(files);
        const autoFiles = files.filter((f) => f.kind === 'auto');
        const days = [...new Set(autoFiles.map((f) => dayKey(f.createdAt)))].sort().reverse().slice(0, 7);
        for (const day of days) {
          const ofDay = autoFiles.filter((f) => dayKey(f.createdAt) === day).sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime());
          expect(kept.get(ofDay[0]!.name)).toContain('daily');
          for (const older of ofDay.slice(1)) expect(kept.has(older.name)).toBe(false);
        }
      }),
    );
  });

  it('property: keeping again keeps everything (idempotent), and one more backup never brings back a deleted one', () => {
    fc.assert(
      fc.property(backupSets, fc.integer({ min: 1, max: 10 * 24 * 3600 }), (files, later) => {
        const kept = files.filter((f) => f.kind === 'manual' || backupsToKeep(files).has(f.name));
        expect([...backupsToKeep(kept).keys()].sort()).toEqual([...backupsToKeep(files).keys()].sort());
        expect(backupsToDelete(kept)).toEqual([]);
        const newestTime = Math.max(Date.UTC(2026, 0, 1), ...files.map((f) => f.createdAt.getTime()));
        const next = auto(new Date(newestTime + later * 1000).toISOString());
        for (const name of backupsToKeep([...kept, next]).keys()) expect(name === next.name || kept.some((f) => f.name === name)).toBe(true);
      }),
    );
  });
});
