import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import type { Database } from './database.ts';

const migrationsDir = path.join(path.dirname(fileURLToPath(import.meta.url)), 'migrations');

export interface Migration {
  name: string;
  text: string;
}

/** migrations/*.sql in the order they apply. */
export function readMigrations(): Migration[] {
  return fs
    .readdirSync(migrationsDir)
    .filter((f) => f.endsWith('.sql'))
    .sort()
    .map((name) => ({ name, text: fs.readFileSync(path.join(migrationsDir, name), 'utf8') }));
}

/**
 * Applies migrations/*.sql in name order, each in its own transaction, and
 * records them in schema_migrations. On PostgreSQL an advisory lock keeps two
 * processes starting at once from applying the same file twice.
 */
export async function migrate(database: Database): Promise<string[]> {
  const migrations = readMigrations();
  const applied: string[] = [];
  const { pglite } = database;
  if (pglite) {
    // PGlite runs multi-statement text only through exec(); one process owns it, so no lock.
    await pglite.exec('create table if not exists schema_migrations (name text primary key, applied_at timestamptz not null default now())');
    const done = new Set((await pglite.query<{ name: string }>('select name from schema_migrations')).rows.map((r) => r.name));
    for (const { name, text } of migrations) {
      if (done.has(name)) continue;
      await pglite.transaction(async (tx) => {
        await tx.exec(text);
        await tx.query('insert into schema_migrations (name) values ($1)', [name]);
      });
      applied.push(name);
    }
    return applied;
  }
  await database.db.connection().execute(async (conn) => {
    await sql`create table if not exists schema_migrations (name text primary key, applied_at timestamptz not null default now())`.execute(conn);
    await sql`select pg_advisory_lock(7333001)`.execute(conn);
    try {
      const done = new Set((await conn.selectFrom('schema_migrations').select('name').execute()).map((r) => r.name));
      for (const { name, text } of migrations) {
        if (done.has(name)) continue;
        await conn.transaction().execute(async (trx) => {
          // Without parameters pg uses the simple query protocol, which takes many statements.
          await sql.raw(text).execute(trx);
          await trx.insertInto('schema_migrations').values({ name }).execute();
        });
        applied.push(name);
      }
    } finally {
      await sql`select pg_advisory_unlock(7333001)`.execute(conn);
    }
  });
  return applied;
}
