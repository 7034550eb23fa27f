import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import { btree_gist } from '@electric-sql/pglite/contrib/btree_gist';
import type { Database } from '../../platform/db/database.ts';
import { readArchive, writeArchive, type ArchiveEntry } from './archive.ts';
import { backupFileName, type BackupKind } from './domain/rotation.ts';
import { checkpoint, databaseVersion, restoredCounts } from './repository.ts';

/**
 * A backup of the embedded database (PGlite) and the files beside it.
 *
 * What is consistent, and why (read from @electric-sql/pglite 0.5 src/base.ts
 * and src/pglite.ts):
 * - PGlite is one PostgreSQL backend in this process. Every `query`, `exec`
 *   and `transaction` takes its transaction mutex first, and a transaction
 *   holds it from BEGIN to COMMIT (Kysely's PGlite dialect uses
 *   `pglite.transaction`, pg-boss's adapter runs its BEGIN … COMMIT blocks
 *   as one `exec`). `runExclusive` and `dumpDataDir` take only the query
 *   mutex, so on their own they can run between two statements of an open
 *   transaction; that copy would still recover like a power cut, but not be
 *   a clean point. So the copy runs inside `_runExclusiveTransaction`: it
 *   waits for the open transaction to end, and no statement starts until it
 *   is done.
 * - Inside, `dumpDataDir('none')` reads every file of PGDATA synchronously
 *   through the same file system PostgreSQL writes to. Nothing can write in
 *   between (one thread), so the copy is the data directory at one instant
 *   with no transaction open: every commit before it is in it (its WAL was
 *   written at commit; PGlite turns fsync off, not the write), nothing after.
 * - A CHECKPOINT just before writes the dirty pages out, so opening the copy
 *   replays almost no WAL. Consistency does not depend on it: PostgreSQL
 *   recovers a copy taken at any instant from its WAL.
 * - Place images (`<dataDir>/images`) are written before their row commits
 *   and removed after it is deleted, so they are hard-linked (instant, no
 *   copy) inside the same exclusive section: every image row in the copy has
 *   its file. The resized cache (`image-cache`) is made again on demand.
 * - The database stalls for the copy only (0.1–0.2 s for a fresh install's
 *   44 MB); compression and writing the file happen afterwards, unlocked.
 *
 * A logical dump (pg_dump) would not stall, but PGlite ships no pg_dump in
 * this package and a dump would have to be restored statement by statement;
 * the file copy restores exactly, pg-boss's queue included.
 */

export const MANIFEST = 'yeyak-backup.json';
const PGDATA_ENTRY = 'pgdata.tar';
const FORMAT = 'yeyak-backup';
const FORMAT_VERSION = 1;

export interface Manifest {
  format: typeof FORMAT;
  version: number;
  kind: BackupKind;
  createdAt: string;
  postgres: string;
  migrations: string[];
  images: number;
}

export interface BackupResult {
  file: string;
  sizeBytes: number;
  createdAt: Date;
  kind: BackupKind;
}

const migrationsDir = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'platform', 'db', 'migrations');

export const backupsDir = (dataDir: string) => path.join(dataDir, 'backups');

/** The next free name for a backup made now in `dir`. */
function freePath(dir: string, kind: BackupKind, at: Date): string {
  for (let seq = 0; ; seq++) {
    const candidate = path.join(dir, backupFileName(kind, at, seq));
    if (!fs.existsSync(candidate)) return candidate;
  }
}

/** Hard-links (or, across file systems, copies) every file under `from` into `to`; returns the relative paths. */
function linkTree(from: string, to: string, base = ''): string[] {
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(path.join(from, base), { withFileTypes: true });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  const linked: string[] = [];
  for (const entry of entries) {
    const relative = path.posix.join(base, entry.name);
    if (entry.isDirectory()) {
      linked.push(...linkTree(from, to, relative));
    } else if (entry.isFile() && !entry.name.endsWith('.tmp')) {
      const target = path.join(to, relative);
      fs.mkdirSync(path.dirname(target), { recursive: true });
      try {
        fs.linkSync(path.join(from, relative), target);
      } catch {
        fs.copyFileSync(path.join(from, relative), target);
      }
      linked.push(relative);
    }
  }
  return linked;
}

/** Writes a backup of a running (or just opened) embedded database. `out` defaults to `<dataDir>/backups/yeyak-<kind>-<KST time>.tar.gz`. */
export async function writeBackup(database: Database, options: { dataDir: string; kind: BackupKind; out?: string; now?: Date }): Promise<BackupResult> {
  const { pglite } = database;
  if (!pglite) throw new Error('내장 데이터베이스(PGlite)만 이 방법으로 백업합니다. PostgreSQL 은 pg_dump 를 쓰세요 (docs/operations.md).');
  const createdAt = options.now ?? new Date();
  const dir = backupsDir(options.dataDir);
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  let target: string;
  if (options.out) {
    target = path.resolve(options.out);
    if (fs.existsSync(target)) throw new Error(`이미 있는 파일입니다: ${target} (덮어쓰지 않습니다)`);
    fs.mkdirSync(path.dirname(target), { recursive: true });
  } else {
    target = freePath(dir, options.kind, createdAt);
  }

  const { postgres, migrations } = await databaseVersion(pglite);
  await checkpoint(pglite);

  // Same file system as the images, so hard links work; removed in finally.
  const staging = fs.mkdtempSync(path.join(dir, '.staging-'));
  try {
    const { pgdata, images } = await pglite._runExclusiveTransaction(async () => {
      const dump = await pglite.dumpDataDir('none');
      const linked = linkTree(path.join(options.dataDir, 'images'), path.join(staging, 'images'));
      return { pgdata: dump, images: linked };
    });
    const pgdataBytes = new Uint8Array(await pgdata.arrayBuffer());
    const manifest: Manifest = { format: FORMAT, version: FORMAT_VERSION, kind: options.kind, createdAt: createdAt.toISOString(), postgres, migrations, images: images.length };
    async function* entries(): AsyncGenerator<ArchiveEntry> {
      yield { name: MANIFEST, data: Buffer.from(JSON.stringify(manifest, null, 2)), mtime: createdAt };
      yield { name: PGDATA_ENTRY, data: pgdataBytes, mtime: createdAt };
      for (const relative of images) {
        const file = path.join(staging, 'images', relative);
        yield { name: `images/${relative}`, data: await fs.promises.readFile(file), mtime: (await fs.promises.stat(file)).mtime };
      }
    }
    const sizeBytes = await writeArchive(target, entries());
    return { file: target, sizeBytes, createdAt, kind: options.kind };
  } finally {
    fs.rmSync(staging, { recursive: true, force: true });
  }
}

/** Left by a run that died (a kill during the copy): `.partial` files and staging folders. Only the lock holder calls this. */
export function removeLeftovers(dataDir: string): void {
  const dir = backupsDir(dataDir);
  if (!fs.existsSync(dir)) return;
  for (const name of fs.readdirSync(dir)) {
    if (name.startsWith('.staging-') || name.endsWith('.partial')) fs.rmSync(path.join(dir, name), { recursive: true, force: true });
  }
}

/**
 * Why a directory cannot take a restore, or null when it can: only an empty
 * (or missing) directory does, so a restore never mixes two databases; a
 * stale lock file of a dead process does not count.
 */
export function restoreTargetProblem(dataDir: string, isAlive: (pid: number) => boolean): string | null {
  let names: string[];
  try {
    names = fs.readdirSync(dataDir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    if ((error as NodeJS.ErrnoException).code === 'ENOTDIR') return `${dataDir} 는 폴더가 아닙니다.`;
    throw error;
  }
  if (names.includes('yeyak.lock')) {
    const owner = Number(fs.readFileSync(path.join(dataDir, 'yeyak.lock'), 'utf8'));
    if (owner && owner !== process.pid && isAlive(owner)) {
      return `데이터 폴더 ${dataDir} 를 실행 중인 yeyak 프로세스(pid ${owner})가 사용하고 있어 복원할 수 없습니다. 그 프로세스를 종료하고, 비어 있는 새 폴더에 복원하세요.`;
    }
  }
  const others = names.filter((n) => n !== 'yeyak.lock');
  if (others.length) {
    return (
      `데이터 폴더 ${dataDir} 가 비어 있지 않습니다 (${others.slice(0, 5).join(', ')}${others.length > 5 ? ' …' : ''}). ` +
      '복원은 기존 데이터를 덮어쓰지 않도록 빈 폴더에만 합니다. 새 폴더를 지정하세요 (--data-dir 또는 YEYAK_DATA_DIR).'
    );
  }
  return null;
}

export interface RestoreResult {
  manifest: Manifest;
  businesses: number;
  customers: number;
  schedules: number;
  images: number;
}

/**
 * Brings a backup back into an empty data directory the caller has locked:
 * PGlite loads the copied PGDATA (running crash recovery, which also proves
 * the copy opens), then the images are written. On failure everything
 * written is removed again, so the directory is as empty as before.
 */
export async function restoreBackup(options: { file: string; dataDir: string; knownMigrations?: string[] }): Promise<RestoreResult> {
  const known = options.knownMigrations ?? fs.readdirSync(migrationsDir).filter((f) => f.endsWith('.sql'));
  const files = readArchive(await fs.promises.readFile(options.file));
  const manifestBytes = files.get(MANIFEST);
  const pgdata = files.get(PGDATA_ENTRY);
  if (!manifestBytes || !pgdata) throw new Error(`${options.file} 는 yeyak 백업 파일이 아닙니다 (${MANIFEST} 또는 ${PGDATA_ENTRY} 가 없습니다).`);
  const manifest = JSON.parse(manifestBytes.toString('utf8')) as Manifest;
  if (manifest.format !== FORMAT || manifest.version > FORMAT_VERSION) throw new Error(`${options.file} 는 이 버전의 yeyak 이 읽을 수 없는 백업 형식입니다.`);
  const unknown = manifest.migrations.filter((m) => !known.includes(m));
  if (unknown.length) {
    throw new Error(`이 백업은 더 새로운 yeyak 에서 만들어졌습니다 (모르는 마이그레이션: ${unknown.join(', ')}). 그 버전의 yeyak 으로 복원하세요.`);
  }

  const written = [path.join(options.dataDir, 'pgdata'), path.join(options.dataDir, 'images')];
  try {
    const pglite = await PGlite.create({
      dataDir: path.join(options.dataDir, 'pgdata'),
      extensions: { btree_gist },
      // A Blob without a name or type is read as an uncompressed tar.
      loadDataDir: new Blob([new Uint8Array(pgdata)]),
    });
    let counts: { businesses: number; customers: number; schedules: number };
    try {
      counts = await restoredCounts(pglite);
      await checkpoint(pglite);
    } finally {
      await pglite.close();
    }
    let images = 0;
    for (const [name, data] of files) {
      if (!name.startsWith('images/')) continue;
      const target = path.join(options.dataDir, ...name.split('/'));
      // Never outside the data directory, whatever the archive says.
      if (!target.startsWith(path.join(options.dataDir, 'images') + path.sep)) throw new Error(`백업 파일에 잘못된 경로가 있습니다: ${name}`);
      fs.mkdirSync(path.dirname(target), { recursive: true });
      fs.writeFileSync(target, data, { flag: 'wx' });
      images++;
    }
    return { manifest, ...counts, images };
  } catch (error) {
    for (const p of written) fs.rmSync(p, { recursive: true, force: true });
    throw error;
  }
}
