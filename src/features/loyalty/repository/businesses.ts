import type { Kysely } from 'kysely';
import type { DB } from '../../../platform/db/types.ts';

type Db = Kysely<DB>;

export async function findBusiness(db: Db, businessId: string): Promise<{ id: string; name: string } | undefined> {
  return db.selectFrom('businesses').select(['id', 'name']).where('id', '=', businessId).executeTakeFirst();
}

/**
 * The businesses of the installation, oldest first, for the import CLI to choose from.
 * @installation the CLI runs on the machine, for whichever business its operator names.
 */
export async function listBusinesses(db: Db): Promise<{ id: string; name: string }[]> {
  return db.selectFrom('businesses').select(['id', 'name']).orderBy('created_at').orderBy('id').execute();
}

/**
 * The business of the user with this login email, if any.
 * @installation the import CLI prefers the demo business, which it knows by its admin's email.
 */
export async function findBusinessIdByUserEmail(db: Db, email: string): Promise<string | undefined> {
  const row = await db.selectFrom('users').select('business_id').where('email', '=', email).executeTakeFirst();
  return row?.business_id;
}
