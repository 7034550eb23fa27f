import { sql, type Kysely } from 'kysely';
import type { DB } from '../../../platform/db/types.ts';

// The customer rows loyalty reads and keeps its counters on (points, visits, accruals).

type Db = Kysely<DB>;

export async function findCustomer(db: Db, businessId: string, id: string) {
  return db.selectFrom('customers').selectAll().where('business_id', '=', businessId).where('id', '=', id).executeTakeFirst();
}

export async function customerExists(db: Db, businessId: string, id: string): Promise<boolean> {
  const row = await db.selectFrom('customers').select('id').where('business_id', '=', businessId).where('id', '=', id).executeTakeFirst();
  return row !== undefined;
}

/** Locks the customer row for the visit: every change of points and counts of one customer runs one after another. */
export async function lockCustomer(db: Db, businessId: string, id: string) {
  return db.selectFrom('customers').selectAll().where('business_id', '=', businessId).where('id', '=', id).forUpdate().executeTakeFirst();
}

/** The customers with this phone; the POS sends a phone, and the one it means is the most recent visitor. */
export async function findCustomersByPhone(db: Db, businessId: string, phone: string) {
  return db
    .selectFrom('customers')
    .selectAll()
    .where('business_id', '=', businessId)
    .where('phone', '=', phone)
    .orderBy(sql`last_visit_at desc nulls last`)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
}

/**
 * Applies one visit to the customer's points and visit count (the row is
 * locked by the caller). The accrual and visit facts (accrual_count, last
 * visit, …) are recomputed by `refreshCustomerFacts` (repository/facts.ts),
 * which the caller runs first, so the row returned carries them too.
 */
export async function applyVisitToCustomer(
  db: Db,
  businessId: string,
  customerId: string,
  visit: { pointsEarned: number; pointsUsed: number },
) {
  return db
    .updateTable('customers')
    .set((eb) => ({
      points_held: sql<number>`points_held + ${visit.pointsEarned} - ${visit.pointsUsed}`,
      points_accumulated: sql<number>`points_accumulated + ${visit.pointsEarned}`,
      visit_count: sql<number>`visit_count + 1`,
      updated_at: eb.val(sql<Date>`now()`),
    }))
    .where('business_id', '=', businessId)
    .where('id', '=', customerId)
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** Takes one removed visit back out of the customer's points and visit count (the row is locked by the caller; never below 0). */
export async function unapplyVisitFromCustomer(db: Db, businessId: string, customerId: string, visit: { pointsEarned: number; pointsUsed: number }) {
  await db
    .updateTable('customers')
    .set((eb) => ({
      points_held: sql<number>`greatest(0, points_held - ${visit.pointsEarned} + ${visit.pointsUsed})`,
      points_accumulated: sql<number>`greatest(0, points_accumulated - ${visit.pointsEarned})`,
      visit_count: sql<number>`greatest(0, visit_count - 1)`,
      updated_at: eb.val(sql<Date>`now()`),
    }))
    .where('business_id', '=', businessId)
    .where('id', '=', customerId)
    .execute();
}
