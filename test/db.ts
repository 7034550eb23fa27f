import crypto from 'node:crypto';
import pg from 'pg';
import { openDatabase, type Database } from '../src/platform/db/database.ts';
import { migrate } from '../src/platform/db/migrate.ts';

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
    const database = await openDatabase({ kind: 'pglite', dataDir: null });
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
