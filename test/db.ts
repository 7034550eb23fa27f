import crypto from 'node:crypto';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { openDatabase, type Database } from '../src/platform/db/database.ts';
import { migrate, readMigrations } from '../src/platform/db/migrate.ts';

export type Engine = 'pglite' | 'postgres';

/** The engines integration tests run on: always the embedded one, PostgreSQL too when TEST_DATABASE_URL is set. */
export const engines: Engine[] = process.env.TEST_DATABASE_URL ? ['pglite', 'postgres'] : ['pglite'];

export interface TestDatabase extends Database {
  /** Drops the test's schema (PostgreSQL) and closes the handle. */
  dispose(): Promise<void>;
  schema?: string;
}

/** A migrated, empty database: in-memory PGlite, or a fresh schema of its own on PostgreSQL. */
export async function createTestDatabase(engine: Engine, options: { max?: number } = {}): Promise<TestDatabase> {
  if (engine === 'pglite') {
    const database = await openDatabase({ kind: 'pglite', dataDir: null, loadDataDir: await migratedPgliteDump() });
    // The dump is migrated already; this only confirms it (and would apply a migration it lacked).
    await migrate(database);
    return { ...database, dispose: () => database.close() };
  }
  const url = process.env.TEST_DATABASE_URL;
  if (!url) throw new Error('TEST_DATABASE_URL is not set');
  const schema = `t_${crypto.randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`create schema ${schema}`);
  await admin.end();
  const database = await openDatabase({ kind: 'postgres', url, schema, max: options.max });
  await migrate(database);
  return {
    ...database,
    schema,
    async dispose() {
      await database.close();
      const c = new pg.Client({ connectionString: url });
      await c.connect();
      await c.query(`drop schema if exists ${schema}_jobs cascade`);
      await c.query(`drop schema ${schema} cascade`);
      await c.end();
    },
  };
}

/**
 * Booting PGlite and running every migration takes seconds; loading a dump of
 * an already migrated data directory takes a fraction of that. The dump is a
 * file in the temp directory named by a hash of the migrations and the PGlite
 * version, made once per change of either (test/global-setup.ts makes it
 * before the test files start) and read once per test process.
 */
let dumpInThisProcess: Promise<Blob> | undefined;

export function migratedPgliteDump(): Promise<Blob> {
  dumpInThisProcess ??= readDump();
  return dumpInThisProcess;
}

async function readDump(): Promise<Blob> {
  try {
    return new Blob([fs.readFileSync(await ensureMigratedPgliteDump())]);
  } catch (error) {
    // Removed in between by a run on other migrations (it keeps only its own dump): made again.
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    return new Blob([fs.readFileSync(await ensureMigratedPgliteDump())]);
  }
}

const dumpDir = path.join(os.tmpdir(), 'yeyak-test-pglite');

/** The dump's path, made (and older dumps removed) when missing. */
export async function ensureMigratedPgliteDump(): Promise<string> {
  const file = path.join(dumpDir, `migrated-${dumpKey()}.tar`);
  if (fs.existsSync(file)) return file;
  const database = await openDatabase({ kind: 'pglite', dataDir: null });
  try {
    await migrate(database);
    const dump = await database.pglite!.dumpDataDir('none');
    fs.mkdirSync(dumpDir, { recursive: true });
    // Written aside and renamed, so a test process never reads half a file.
    const partial = `${file}.${process.pid}.partial`;
    fs.writeFileSync(partial, Buffer.from(await dump.arrayBuffer()));
    fs.renameSync(partial, file);
  } finally {
    await database.close();
  }
  for (const name of fs.readdirSync(dumpDir)) {
    if (name.startsWith('migrated-') && name.endsWith('.tar') && path.join(dumpDir, name) !== file) fs.rmSync(path.join(dumpDir, name), { force: true });
  }
  return file;
}

function dumpKey(): string {
  const hash = crypto.createHash('sha256');
  hash.update(`pglite ${pgliteVersion()}\n`);
  for (const { name, text } of readMigrations()) hash.update(`${name}\n${text}\n`);
  return hash.digest('hex').slice(0, 16);
}

/** Its package.json is not among the package's exports: found from the entry point. */
function pgliteVersion(): string {
  let dir = path.dirname(createRequire(import.meta.url).resolve('@electric-sql/pglite'));
  while (!fs.existsSync(path.join(dir, 'package.json'))) dir = path.dirname(dir);
  return JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')).version;
}
