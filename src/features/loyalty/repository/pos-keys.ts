import { sql, type Kysely } from 'kysely';
import type { DB } from '../../../platform/db/types.ts';

type Db = Kysely<DB>;

export async function listPosKeys(db: Db, businessId: string) {
  return db.selectFrom('pos_api_keys').selectAll().where('business_id', '=', businessId).where('revoked_at', 'is', null).orderBy('created_at').orderBy('id').execute();
}

export async function insertPosKey(db: Db, values: { businessId: string; name: string; keyHash: string; keyPrefix: string }) {
  return db
    .insertInto('pos_api_keys')
    .values({ business_id: values.businessId, name: values.name, key_hash: values.keyHash, key_prefix: values.keyPrefix })
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** A revoked key stays as a row (its name explains old visits) but never authenticates again. */
export async function revokePosKey(db: Db, businessId: string, id: string) {
  return db
    .updateTable('pos_api_keys')
    .set({ revoked_at: sql<Date>`now()` })
    .where('business_id', '=', businessId)
    .where('id', '=', id)
    .where('revoked_at', 'is', null)
    .returning('id')
    .executeTakeFirst();
}

/**
 * The business a live key belongs to, with its time zone.
 * @installation a POS authenticates with its key alone; the key says which business it is.
 */
export async function findPosKeyByHash(db: Db, keyHash: string) {
  return db
    .selectFrom('pos_api_keys')
    .innerJoin('businesses', 'businesses.id', 'pos_api_keys.business_id')
    .select(['pos_api_keys.id', 'pos_api_keys.business_id', 'pos_api_keys.last_used_at', 'businesses.time_zone'])
    .where('pos_api_keys.key_hash', '=', keyHash)
    .where('pos_api_keys.revoked_at', 'is', null)
    .executeTakeFirst();
}

/** At most one write a minute per key, so a busy POS does not queue on its own key row. */
export async function touchPosKey(db: Db, businessId: string, id: string) {
  await db
    .updateTable('pos_api_keys')
    .set({ last_used_at: sql<Date>`now()` })
    .where('business_id', '=', businessId)
    .where('id', '=', id)
    .where((eb) => eb.or([eb('last_used_at', 'is', null), eb('last_used_at', '<', sql<Date>`now() - interval '1 minute'`)]))
    .execute();
}
