import type { Kysely, Selectable } from 'kysely';
import type { CustomerVisitsTable, DB } from '../../../platform/db/types.ts';

type Db = Kysely<DB>;

export type CustomerVisit = Selectable<CustomerVisitsTable>;

export async function findVisitByPosId(db: Db, businessId: string, posVisitId: string) {
  return db.selectFrom('customer_visits').selectAll().where('business_id', '=', businessId).where('pos_visit_id', '=', posVisitId).executeTakeFirst();
}

export async function findVisitBySchedule(db: Db, businessId: string, scheduleId: string) {
  return db.selectFrom('customer_visits').selectAll().where('business_id', '=', businessId).where('schedule_id', '=', scheduleId).executeTakeFirst();
}

/**
 * A POS visit, unless its `posVisitId` is recorded already (undefined then):
 * a retry racing this one under another customer's lock meets the unique
 * index, which waits for the other transaction and yields to it.
 */
export async function insertPosVisit(
  db: Db,
  values: { businessId: string; customerId: string; visitedAt: Date; posVisitId: string; amount: number; pointsEarned: number; pointsUsed: number },
) {
  return db
    .insertInto('customer_visits')
    .values({
      business_id: values.businessId,
      customer_id: values.customerId,
      visited_at: values.visitedAt,
      source: 'pos',
      pos_visit_id: values.posVisitId,
      amount: values.amount,
      points_earned: values.pointsEarned,
      points_used: values.pointsUsed,
    })
    .onConflict((oc) => oc.columns(['business_id', 'pos_visit_id']).where('pos_visit_id', 'is not', null).doNothing())
    .returningAll()
    .executeTakeFirst();
}

/** A completed schedule's visit: no amount, no points. */
export async function insertScheduleVisit(db: Db, values: { businessId: string; customerId: string; visitedAt: Date; scheduleId: string }) {
  return db
    .insertInto('customer_visits')
    .values({ business_id: values.businessId, customer_id: values.customerId, visited_at: values.visitedAt, source: 'schedule', schedule_id: values.scheduleId })
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** Deletes one visit (a reversed 완료), returning it; undefined when it is gone already. */
export async function deleteVisit(db: Db, businessId: string, id: string) {
  return db.deleteFrom('customer_visits').where('business_id', '=', businessId).where('id', '=', id).returningAll().executeTakeFirst();
}

export async function listVisitsOfCustomer(db: Db, businessId: string, customerId: string, page: { limit: number; offset: number }) {
  const base = db.selectFrom('customer_visits').where('business_id', '=', businessId).where('customer_id', '=', customerId);
  const rows = await base.selectAll().orderBy('visited_at', 'desc').orderBy('id', 'desc').limit(page.limit).offset(page.offset).execute();
  const { total } = await base.select((eb) => eb.fn.countAll<string>().as('total')).executeTakeFirstOrThrow();
  return { rows, total: Number(total) };
}
