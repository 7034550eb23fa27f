import { ensureMigratedPgliteDump } from './db.ts';

/** Runs once before the test files: the migrated PGlite dump every test database starts from (test/db.ts). */
export default async function setup(): Promise<void> {
  await ensureMigratedPgliteDump();
}
