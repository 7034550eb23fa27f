import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../../platform/db/database.ts';
import { migrate } from '../../platform/db/migrate.ts';
import { readArchive, writeArchive } from './archive.ts';
import { MANIFEST, restoreBackup, restoreTargetProblem, writeBackup } from './backup.ts';
import { latestRun } from './repository.ts';
import { backupFileName } from './domain/rotation.ts';
import { listBackups } from './backup-files.ts';
import { BackupService } from './backup-service.ts';
import { startDailyBackups } from './daily-backups.ts';

const temp = (prefix: string) => fs.mkdtempSync(path.join(os.tmpdir(), `yeyak-${prefix}-`));
const dirs: string[] = [];
const tempDir = (prefix: string) => {
  const dir = temp(prefix);
  dirs.push(dir);
  return dir;
};
afterAll(() => {
  for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
});

describe('archive (gzipped ustar)', () => {
  it('round-trips files, long paths included, and tar can read it', async () => {
    const dir = tempDir('archive');
    const long = `images/${'a'.repeat(60)}/${'b'.repeat(90)}.png`;
    const entries = [
      { name: 'yeyak-backup.json', data: Buffer.from('{"한글":"값"}') },
      { name: 'empty', data: Buffer.alloc(0) },
      { name: long, data: Buffer.alloc(1500, 7) },
    ];
    const file = path.join(dir, 'a.tar.gz');
    const size = await writeArchive(file, entries);
    expect(size).toBe(fs.statSync(file).size);
    const read = readArchive(fs.readFileSync(file));
    expect([...read.keys()]).toEqual(entries.map((e) => e.name));
    for (const e of entries) expect(Buffer.compare(read.get(e.name)!, e.data)).toBe(0);
    // Never overwrites, and leaves no temporary file behind.
    await expect(writeArchive(file, entries)).rejects.toThrow();
    expect(fs.readdirSync(dir)).toEqual(['a.tar.gz']);
  });

  it('refuses a damaged archive instead of restoring part of it', async () => {
    const dir = tempDir('archive-bad');
    const file = path.join(dir, 'a.tar.gz');
    await writeArchive(file, [{ name: 'x', data: Buffer.alloc(2000, 1) }]);
    const tar = zlib.gunzipSync(fs.readFileSync(file));
    const flipped = Buffer.from(tar);
    flipped[10] = flipped[10]! ^ 0xff;
    expect(() => readArchive(zlib.gzipSync(flipped))).toThrow('검사합');
    expect(() => readArchive(zlib.gzipSync(tar.subarray(0, 1024)))).toThrow('잘렸습니다');
    expect(() => readArchive(Buffer.from('not gzip'))).toThrow('압축');
  });
});

describe('restore target', () => {
  const alive = (pid: number) => pid === 4242;
  it('takes a missing or empty folder, or one with a dead process’s lock; refuses anything else', () => {
    const dir = tempDir('target');
    expect(restoreTargetProblem(path.join(dir, 'missing'), alive)).toBeNull();
    expect(restoreTargetProblem(dir, alive)).toBeNull();
    fs.writeFileSync(path.join(dir, 'yeyak.lock'), '999999');
    expect(restoreTargetProblem(dir, alive)).toBeNull();
    fs.writeFileSync(path.join(dir, 'yeyak.lock'), '4242');
    expect(restoreTargetProblem(dir, alive)).toContain('실행 중인 yeyak 프로세스(pid 4242)');
    fs.rmSync(path.join(dir, 'yeyak.lock'));
    fs.mkdirSync(path.join(dir, 'pgdata'));
    expect(restoreTargetProblem(dir, alive)).toContain('비어 있지 않습니다 (pgdata)');
  });
});

describe('backup of a running embedded database', () => {
  let dataDir: string;
  let database: Database;

  beforeAll(async () => {
    dataDir = tempDir('backup');
    database = await openDatabase({ kind: 'pglite', dataDir });
    await migrate(database);
    await sql`create table backup_probe (id int primary key, note text)`.execute(database.db);
  });
  afterAll(async () => {
    await database?.close();
  });

  it('waits for an open transaction: the copy has every commit before it and no part of a transaction', async () => {
    await sql`insert into backup_probe values (1, 'committed before')`.execute(database.db);
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    let inside!: () => void;
    const opened = new Promise<void>((resolve) => (inside = resolve));
    // A transaction in flight when the backup starts, with one row written and one still to come.
    const transaction = database.db.transaction().execute(async (trx) => {
      await sql`insert into backup_probe values (2, 'first half')`.execute(trx);
      inside();
      await gate;
      await sql`insert into backup_probe values (3, 'second half')`.execute(trx);
    });
    await opened;
    let backupDone = false;
    const backup = writeBackup(database, { dataDir, kind: 'manual' }).then((r) => {
      backupDone = true;
      return r;
    });
    await new Promise((r) => setTimeout(r, 300));
    expect(backupDone).toBe(false); // waiting for the transaction, not copying half of it
    release();
    await transaction;
    const result = await backup;
    // Committed after the backup: must not be in it.
    await sql`insert into backup_probe values (4, 'after')`.execute(database.db);

    const manifest = JSON.parse(readArchive(fs.readFileSync(result.file)).get(MANIFEST)!.toString());
    expect(manifest).toMatchObject({ format: 'yeyak-backup', version: 1, kind: 'manual', migrations: expect.arrayContaining(['0001_core.sql', '0010_backups.sql']) });

    const restored = tempDir('restored');
    const summary = await restoreBackup({ file: result.file, dataDir: restored });
    expect(summary).toMatchObject({ businesses: 0, customers: 0 });
    const copy = await openDatabase({ kind: 'pglite', dataDir: restored });
    try {
      const rows = await sql<{ id: number }>`select id from backup_probe order by id`.execute(copy.db);
      expect(rows.rows.map((r) => r.id)).toEqual([1, 2, 3]);
    } finally {
      await copy.close();
    }
  });

  it('takes the place images with it', async () => {
    const image = path.join(dataDir, 'images', 'biz-1', 'img-1.png');
    fs.mkdirSync(path.dirname(image), { recursive: true });
    fs.writeFileSync(image, Buffer.from('png bytes'));
    fs.writeFileSync(`${image}.abc.tmp`, 'half written');
    const result = await writeBackup(database, { dataDir, kind: 'manual', out: path.join(tempDir('out'), 'b.tar.gz') });
    const restored = tempDir('restored-images');
    const summary = await restoreBackup({ file: result.file, dataDir: restored });
    expect(summary.images).toBe(1);
    expect(fs.readFileSync(path.join(restored, 'images', 'biz-1', 'img-1.png'), 'utf8')).toBe('png bytes');
    expect(fs.existsSync(path.join(restored, 'images', 'biz-1', 'img-1.png.abc.tmp'))).toBe(false);
  });

  it('refuses a backup from a newer version and leaves the folder empty', async () => {
    const result = await writeBackup(database, { dataDir, kind: 'manual', out: path.join(tempDir('out'), 'c.tar.gz') });
    const restored = tempDir('restored-newer');
    await expect(restoreBackup({ file: result.file, dataDir: restored, knownMigrations: ['0001_core.sql'] })).rejects.toThrow('더 새로운 yeyak');
    expect(fs.readdirSync(restored)).toEqual([]);
  });

  it('daily: makes today’s backup once, rotates old automatic ones, keeps manual ones, records each run', async () => {
    const now = new Date('2026-03-20T03:00:00Z'); // Friday, 12:00 KST
    const dir = path.join(dataDir, 'backups');
    // 30 older automatic backups, one a day, and a half-written file of a run that died.
    for (let i = 1; i <= 30; i++) fs.writeFileSync(path.join(dir, backupFileName('auto', new Date(now.getTime() - i * 86_400_000))), 'old');
    fs.writeFileSync(path.join(dir, 'yeyak-auto-20260319-000000.tar.gz.1234.partial'), 'dead run');
    const manualBefore = listBackups(dataDir).filter((f) => f.kind === 'manual').map((f) => f.name);

    const service = new BackupService(database, dataDir, { now: () => now });
    const daily = startDailyBackups(service, { firstCheckMs: 60_000 });
    await daily.check();
    await daily.check(); // the same day: nothing more
    await daily.stop();

    const files = listBackups(dataDir);
    const autoNames = files.filter((f) => f.kind === 'auto').map((f) => f.name);
    expect(autoNames[0]).toBe(backupFileName('auto', now));
    // Daily: today and the 6 days before (03-14..03-20); weekly: the newest of W12 (today), W11 (03-15), W10 (03-08), W09 (03-01).
    expect(autoNames).toHaveLength(9);
    expect(autoNames.slice(7)).toEqual([backupFileName('auto', new Date('2026-03-08T03:00:00Z')), backupFileName('auto', new Date('2026-03-01T03:00:00Z'))]);
    expect(files.filter((f) => f.kind === 'manual').map((f) => f.name)).toEqual(manualBefore);
    expect(fs.readdirSync(dir).some((n) => n.endsWith('.partial') || n.startsWith('.staging-'))).toBe(false);
    const last = await latestRun(database.db);
    expect(last).toMatchObject({ kind: 'auto', ok: true, file: path.join(dir, backupFileName('auto', now)), error: null });
    expect(last!.sizeBytes).toBe(fs.statSync(last!.file!).size);
  });

  it('records a failed run with its reason', async () => {
    const service = new BackupService(database, dataDir);
    const existing = path.join(tempDir('exists'), 'taken.tar.gz');
    fs.writeFileSync(existing, 'x');
    await expect(service.run('manual', existing)).rejects.toThrow('이미 있는 파일');
    expect(await latestRun(database.db)).toMatchObject({ kind: 'manual', ok: false, file: null, error: expect.stringContaining('이미 있는 파일') });
    await service.close();
    await expect(service.run('manual')).rejects.toThrow('종료하는 중');
  });
});
