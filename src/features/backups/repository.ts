import type { PGlite } from '@electric-sql/pglite';
import { sql, type Kysely } from 'kysely';
import type { DB } from '../../platform/db/types.ts';
import type { BackupKind } from './domain/rotation.ts';

// Backups copy the whole installation, every business at once: nothing here is one business's data.

export interface BackupRun {
  kind: BackupKind;
  startedAt: Date;
  finishedAt: Date;
  ok: boolean;
  file: string | null;
  sizeBytes: number | null;
  error: string | null;
}

/** How many past runs are remembered; the page shows the last one. */
const RUNS_KEPT = 100;

/** @installation a backup run is of the whole installation. */
export async function recordRun(db: Kysely<DB>, run: BackupRun): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto('backup_runs')
      .values({ kind: run.kind, started_at: run.startedAt, finished_at: run.finishedAt, ok: run.ok, file: run.file, size_bytes: run.sizeBytes, error: run.error })
      .execute();
    await trx
      .deleteFrom('backup_runs')
      .where('id', 'in', (q) => q.selectFrom('backup_runs').select('id').orderBy('started_at', 'desc').offset(RUNS_KEPT))
      .execute();
  });
}

/** @installation a backup run is of the whole installation. */
export async function latestRun(db: Kysely<DB>, filter: { ok?: boolean } = {}): Promise<BackupRun | null> {
  let query = db.selectFrom('backup_runs').selectAll().orderBy('started_at', 'desc').limit(1);
  if (filter.ok !== undefined) query = query.where('ok', '=', filter.ok);
  const row = await query.executeTakeFirst();
  if (!row) return null;
  return {
    kind: row.kind,
    startedAt: new Date(row.started_at),
    finishedAt: new Date(row.finished_at),
    ok: row.ok,
    file: row.file,
    sizeBytes: row.size_bytes === null ? null : Number(row.size_bytes),
    error: row.error,
  };
}

/**
 * Whether the data directory's schema has the table yet (an offline `npm run backup` does not migrate).
 * @installation a question about the schema, not about a business.
 */
export async function hasRunsTable(db: Kysely<DB>): Promise<boolean> {
  const row = await sql<{ present: boolean }>`select to_regclass('backup_runs') is not null as present`.execute(db);
  return row.rows[0]?.present ?? false;
}

/**
 * What a backup's manifest says about the database it copies.
 * @installation the embedded database as a whole.
 */
export async function databaseVersion(pglite: PGlite): Promise<{ postgres: string; migrations: string[] }> {
  const postgres = (await pglite.query<{ v: string }>("select current_setting('server_version') as v")).rows[0]!.v;
  const migrations = (await pglite.query<{ name: string }>('select name from schema_migrations order by name')).rows.map((r) => r.name);
  return { postgres, migrations };
}

/**
 * Writes the dirty pages out, so a copy of the files replays almost no WAL when opened.
 * @installation the embedded database as a whole.
 */
export async function checkpoint(pglite: PGlite): Promise<void> {
  await pglite.exec('checkpoint');
}

/**
 * What a restored copy holds, read from the copy itself (which also proves it opens).
 * @installation every business of the restored installation.
 */
export async function restoredCounts(pglite: PGlite): Promise<{ businesses: number; customers: number; schedules: number }> {
  return (
    await pglite.query<{ businesses: number; customers: number; schedules: number }>(
      'select (select count(*) from businesses)::int as businesses, (select count(*) from customers)::int as customers, (select count(*) from schedules)::int as schedules',
    )
  ).rows[0]!;
}
