import { sql, type Kysely } from 'kysely';
import type { DB } from '../../../platform/db/types.ts';
import '../constraints.ts';

/** A business's Naver connection and the Naver products linked to its departments (NAVER-1..3). */

type Db = Kysely<DB>;

export async function findConnection(db: Db, businessId: string) {
  return db.selectFrom('naver_connections').selectAll().where('business_id', '=', businessId).executeTakeFirst();
}

export async function upsertConnection(
  db: Db,
  values: { businessId: string; enabled: boolean; secret: string; outboundUrl: string | null; memoTypeId: string | null },
) {
  return db
    .insertInto('naver_connections')
    .values({ business_id: values.businessId, enabled: values.enabled, secret: values.secret, outbound_url: values.outboundUrl, memo_type_id: values.memoTypeId })
    .onConflict((oc) =>
      oc.column('business_id').doUpdateSet({
        enabled: values.enabled,
        secret: values.secret,
        outbound_url: values.outboundUrl,
        memo_type_id: values.memoTypeId,
        updated_at: sql<Date>`now()`,
      }),
    )
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function findBusinessForNaver(db: Db, businessId: string) {
  return db.selectFrom('businesses').select(['id', 'service_type', 'departments_enabled', 'time_zone']).where('id', '=', businessId).executeTakeFirst();
}

export async function listLinkedProducts(db: Db, businessId: string) {
  return db
    .selectFrom('departments')
    .select(['id', 'name', 'naver_product_id'])
    .where('business_id', '=', businessId)
    .where('naver_product_id', 'is not', null)
    .orderBy('sort_order')
    .orderBy('name')
    .execute();
}

export async function setDepartmentProduct(db: Db, businessId: string, departmentId: string, productId: string) {
  return db
    .updateTable('departments')
    .set({ naver_product_id: productId })
    .where('business_id', '=', businessId)
    .where('id', '=', departmentId)
    .returning('id')
    .executeTakeFirst();
}

export async function clearProductLink(db: Db, businessId: string, productId: string) {
  return db
    .updateTable('departments')
    .set({ naver_product_id: null })
    .where('business_id', '=', businessId)
    .where('naver_product_id', '=', productId)
    .returning('id')
    .executeTakeFirst();
}

export async function setConnectionMemoType(db: Db, businessId: string, memoTypeId: string | null) {
  await db.updateTable('naver_connections').set({ memo_type_id: memoTypeId, updated_at: sql<Date>`now()` }).where('business_id', '=', businessId).execute();
}

export async function findDepartmentProduct(db: Db, businessId: string, departmentId: string) {
  return db.selectFrom('departments').select(['id', 'naver_product_id']).where('business_id', '=', businessId).where('id', '=', departmentId).executeTakeFirst();
}

