import { sql, type Kysely } from 'kysely';
import type { DB } from '../../../platform/db/types.ts';
import './constraints.ts';

type Db = Kysely<DB>;

export async function listTags(db: Db, businessId: string, onlyId?: string) {
  let q = db
    .selectFrom('customer_tags')
    .selectAll('customer_tags')
    .select((eb) =>
      eb
        .selectFrom('customers')
        .select(eb.fn.countAll<string>().as('n'))
        .whereRef('customers.business_id', '=', 'customer_tags.business_id')
        .where(sql<boolean>`customers.tags @> array[customer_tags.name]`)
        .as('customer_count'),
    )
    .where('customer_tags.business_id', '=', businessId);
  if (onlyId) q = q.where('customer_tags.id', '=', onlyId);
  return q.orderBy('customer_tags.name').execute();
}

export async function findTag(db: Db, businessId: string, id: string, lock = false) {
  const q = db.selectFrom('customer_tags').selectAll().where('business_id', '=', businessId).where('id', '=', id);
  return (lock ? q.forUpdate() : q).executeTakeFirst();
}

export async function insertTag(db: Db, values: { businessId: string; name: string }) {
  return db.insertInto('customer_tags').values({ business_id: values.businessId, name: values.name }).returningAll().executeTakeFirstOrThrow();
}

export async function renameTag(db: Db, businessId: string, id: string, name: string) {
  return db.updateTable('customer_tags').set({ name }).where('business_id', '=', businessId).where('id', '=', id).returningAll().executeTakeFirst();
}

/**
 * Renames a tag in every customer's tags; a customer who already carries the
 * new name keeps it once (array_remove, then append only when missing).
 */
export async function renameTagOnCustomers(db: Db, businessId: string, from: string, to: string) {
  await db
    .updateTable('customers')
    .set({
      tags: sql<string[]>`case when tags @> array[${to}]::text[] then array_remove(tags, ${from}) else array_replace(tags, ${from}, ${to}) end`,
      updated_at: sql<Date>`now()`,
    })
    .where('business_id', '=', businessId)
    .where(sql<boolean>`tags @> array[${from}]::text[]`)
    .execute();
}

export async function removeTagFromCustomers(db: Db, businessId: string, name: string) {
  await db
    .updateTable('customers')
    .set({ tags: sql<string[]>`array_remove(tags, ${name})`, updated_at: sql<Date>`now()` })
    .where('business_id', '=', businessId)
    .where(sql<boolean>`tags @> array[${name}]::text[]`)
    .execute();
}

export async function deleteTag(db: Db, businessId: string, id: string) {
  await db.deleteFrom('customer_tags').where('business_id', '=', businessId).where('id', '=', id).execute();
}

/** Adds tags the business does not have yet (the CSV import names them). */
export async function ensureTags(db: Db, businessId: string, names: string[]) {
  if (names.length === 0) return;
  await db
    .insertInto('customer_tags')
    .values(names.map((name) => ({ business_id: businessId, name })))
    .onConflict((oc) => oc.constraint('customer_tags_name_key').doNothing())
    .execute();
}
