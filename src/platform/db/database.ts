import fs from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { btree_gist } from '@electric-sql/pglite/contrib/btree_gist';
import { Kysely, PGliteDialect, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import type { DB } from './types.ts';

export type Listener = (payload: string) => void;

/**
 * SQL `date` values (usage dates, operating periods) are wall-calendar days
 * in the business's time zone. Both drivers would turn them into a JS Date
 * at the server's local midnight, which shifts the day in any other zone, so
 * they stay 'YYYY-MM-DD' strings.
 */
const DATE_OID = 1082;
const keepDateText = (value: string) => value;
pg.types.setTypeParser(DATE_OID, keepDateText);

/**
 * One handle on the database, whichever engine is behind it: PGlite embedded
 * in this process (one connection, data under a directory or in memory) or a
 * PostgreSQL server through a pool. Both speak the same SQL and run the same
 * migrations; `listen` gives LISTEN/NOTIFY on both so live pushes work with
 * several server processes on PostgreSQL.
 */
export interface Database {
  db: Kysely<DB>;
  kind: 'pglite' | 'postgres';
  listen(channel: string, listener: Listener): Promise<() => Promise<void>>;
  close(): Promise<void>;
  /** The underlying PGlite instance (embedded only), for pg-boss's adapter and raw benchmarks. */
  pglite?: PGlite;
  /** The underlying pool (PostgreSQL only). */
  pool?: pg.Pool;
}

export type DatabaseOptions =
  | {
      kind: 'pglite';
      dataDir: string | null;
      /** Starts from this dump of a data directory (PGlite's dumpDataDir), e.g. a migrated copy shared by tests. */
      loadDataDir?: Blob;
    }
  | { kind: 'postgres'; url: string; schema?: string; max?: number };

export async function openDatabase(options: DatabaseOptions): Promise<Database> {
  return options.kind === 'pglite' ? openPglite(options.dataDir, options.loadDataDir) : openPostgres(options);
}

async function openPglite(dataDir: string | null, loadDataDir?: Blob): Promise<Database> {
  if (dataDir) fs.mkdirSync(dataDir, { recursive: true });
  const pglite = await PGlite.create({
    dataDir: dataDir ? path.join(dataDir, 'pgdata') : undefined,
    loadDataDir,
    extensions: { btree_gist },
    parsers: { [DATE_OID]: keepDateText },
  });
  const db = new Kysely<DB>({ dialect: new PGliteDialect({ pglite }) });
  return {
    db,
    kind: 'pglite',
    pglite,
    async listen(channel, listener) {
      const unlisten = await pglite.listen(channel, listener);
      return async () => {
        if (!pglite.closed) await unlisten();
      };
    },
    async close() {
      await db.destroy();
      // Kysely closes PGlite only if it ran a query; migrate() alone talks to PGlite directly.
      if (!pglite.closed) await pglite.close();
    },
  };
}

async function openPostgres(options: { url: string; schema?: string; max?: number }): Promise<Database> {
  const searchPath = options.schema ? `-c search_path=${options.schema},public` : undefined;
  const pool = new pg.Pool({ connectionString: options.url, max: options.max ?? 10, options: searchPath });
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
  const listeners = new Map<string, Set<Listener>>();
  let client: pg.Client | null = null;

  async function ensureClient(): Promise<pg.Client> {
    if (client) return client;
    const c = new pg.Client({ connectionString: options.url, options: searchPath });
    await c.connect();
    c.on('notification', (msg) => {
      for (const l of listeners.get(msg.channel) ?? []) l(msg.payload ?? '');
    });
    c.on('error', () => {
      // A dropped LISTEN connection is re-opened on the next listen(); pushes
      // are a convenience (clients refetch on reconnect), so nothing is lost.
      client = null;
    });
    client = c;
    return c;
  }

  return {
    db,
    kind: 'postgres',
    pool,
    async listen(channel, listener) {
      const c = await ensureClient();
      let set = listeners.get(channel);
      if (!set) {
        set = new Set();
        listeners.set(channel, set);
        await c.query(`listen ${pg.escapeIdentifier(channel)}`);
      }
      set.add(listener);
      return async () => {
        set.delete(listener);
      };
    },
    async close() {
      if (client) await client.end().catch(() => undefined);
      await db.destroy();
    },
  };
}

/** One round trip to the database (`select 1`), for readiness checks. */
export async function pingDatabase(db: Kysely<DB>): Promise<void> {
  await sql`select 1 as one`.execute(db);
}

/** Sends a NOTIFY that is delivered when (and only if) the surrounding transaction commits. */
export async function notifyChannel(db: Kysely<DB>, channel: string, payload: string): Promise<void> {
  await sql`select pg_notify(${channel}, ${payload})`.execute(db);
}

/**
 * PGlite keeps its files in one directory and cannot share it between
 * processes. The lock file holds the owner's pid; a second process refuses
 * to start while that pid is alive, and takes over a stale lock.
 */
export function lockDataDir(dataDir: string): () => void {
  fs.mkdirSync(dataDir, { recursive: true });
  const lockPath = path.join(dataDir, 'yeyak.lock');
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      fs.writeFileSync(lockPath, String(process.pid), { flag: 'wx' });
      let released = false;
      return () => {
        if (released) return;
        released = true;
        try {
          if (fs.readFileSync(lockPath, 'utf8') === String(process.pid)) fs.unlinkSync(lockPath);
        } catch {
          // already gone
        }
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const owner = Number(fs.readFileSync(lockPath, 'utf8'));
      if (owner && owner !== process.pid && isAlive(owner)) {
        throw new DataDirLockedError(dataDir, owner);
      }
      fs.unlinkSync(lockPath);
    }
  }
  throw new DataDirLockedError(dataDir, 0);
}

export class DataDirLockedError extends Error {
  constructor(dataDir: string, pid: number) {
    super(
      `데이터 폴더 ${dataDir} 를 다른 yeyak 프로세스(pid ${pid})가 사용 중입니다. ` +
        '내장 데이터베이스는 한 프로세스만 열 수 있습니다. 그 프로세스를 종료하거나, 다른 YEYAK_DATA_DIR 을 쓰거나, ' +
        '여러 프로세스가 필요하면 DATABASE_URL 로 PostgreSQL 을 사용하세요.',
    );
    this.name = 'DataDirLockedError';
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
