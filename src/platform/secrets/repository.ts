import type { Kysely } from 'kysely';
import type { DB } from '../db/types.ts';

/** Installation-wide secrets (not tenant data: they belong to this installation, not to a business). */
export async function insertSecretIfMissing(db: Kysely<DB>, name: string, secret: string): Promise<void> {
  await db.insertInto('installation_secrets').values({ name, secret }).onConflict((oc) => oc.column('name').doNothing()).execute();
}

export async function findSecret(db: Kysely<DB>, name: string): Promise<string | null> {
  const row = await db.selectFrom('installation_secrets').select('secret').where('name', '=', name).executeTakeFirst();
  return row?.secret ?? null;
}
