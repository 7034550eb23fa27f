import { sql, type Kysely, type SelectQueryBuilder } from 'kysely';
import type { DB } from '../../../platform/db/types.ts';
import { PROSPECTIVE_MIN_ACCRUALS, REGULAR_MIN_ACCRUALS, regularWindowStart, type CustomerGroup } from '../domain/groups.ts';

/**
 * MSG-2 customer groups in SQL, for audiences, counts and the customer JSON.
 * The rule is the pure one of `domain/groups.ts` (`groupsOf`), and the
 * property test (groups.property.test.ts) holds the two together:
 *
 * - 단골 (`regular`): 3 or more accruals (visits with points_earned > 0) from
 *   `regularWindowStart(now, zone)` (3 calendar months back in the business's
 *   zone) up to now;
 * - 예비 단골 (`prospective`): 2 or more accruals ever, and not 단골;
 * - 첫 적립 (`first`): exactly one accrual ever.
 *
 * "Ever" reads `customers.accrual_count`, which the visit use cases keep in
 * the same transaction as the visit they count. The pure rule counts only
 * accruals up to `now`; the row counts all, which is the same because a
 * visit is never stored later than the moment it is recorded.
 */

type Db = Kysely<DB>;

/**
 * Customers with 3 or more accruals in [window start, now]: one pass over the
 * partial accrual index. The window start is the pure module's, computed
 * here, so the planner sees a constant and the rule lives in one place.
 */
function regularIds(db: Db, businessId: string, now: Date, zone: string) {
  return db
    .selectFrom('customer_visits')
    .select('customer_visits.customer_id')
    .where('customer_visits.business_id', '=', businessId)
    .where('customer_visits.points_earned', '>', 0)
    .where('customer_visits.visited_at', '>=', regularWindowStart(now, zone))
    .where('customer_visits.visited_at', '<=', now)
    .groupBy('customer_visits.customer_id')
    .having((eb) => eb.fn.countAll(), '>=', REGULAR_MIN_ACCRUALS);
}

/**
 * The ids of a group's members as a select of `customers.id`, so callers can
 * write `where('customers.id', 'in', groupMemberQuery(…))` or count it.
 * `zone` is the business's time zone: it decides where "3 months back" falls.
 */
export function groupMemberQuery(
  db: Db,
  businessId: string,
  group: CustomerGroup,
  now: Date,
  zone: string,
): SelectQueryBuilder<DB, 'customers', { id: string }> {
  const base = db.selectFrom('customers').select('customers.id').where('customers.business_id', '=', businessId);
  switch (group) {
    case 'regular':
      return base.where('customers.id', 'in', regularIds(db, businessId, now, zone));
    case 'prospective':
      return base
        .where('customers.accrual_count', '>=', PROSPECTIVE_MIN_ACCRUALS)
        .where('customers.id', 'not in', regularIds(db, businessId, now, zone));
    case 'first':
      return base.where('customers.accrual_count', '=', 1);
  }
}

/** How many customers each group holds now (GET /api/customer-groups). */
export async function countGroups(db: Db, businessId: string, now: Date, zone: string): Promise<Record<CustomerGroup, number>> {
  const row = await db
    .selectNoFrom((eb) => [
      eb.selectFrom(groupMemberQuery(db, businessId, 'regular', now, zone).as('r')).select(eb.fn.countAll<string>().as('n')).as('regular'),
      eb.selectFrom(groupMemberQuery(db, businessId, 'prospective', now, zone).as('p')).select(eb.fn.countAll<string>().as('n')).as('prospective'),
      eb.selectFrom(groupMemberQuery(db, businessId, 'first', now, zone).as('f')).select(eb.fn.countAll<string>().as('n')).as('first'),
    ])
    .executeTakeFirstOrThrow();
  return { regular: Number(row.regular ?? 0), prospective: Number(row.prospective ?? 0), first: Number(row.first ?? 0) };
}

/** How many accruals each of these customers has in the 단골 window of `now`, in one grouped read; customers without any are absent. */
export async function countRecentAccruals(db: Db, businessId: string, customerIds: readonly string[], now: Date, zone: string): Promise<Map<string, number>> {
  const counts = new Map<string, number>();
  if (customerIds.length === 0) return counts;
  const rows = await db
    .selectFrom('customer_visits')
    .select(['customer_id', sql<string>`count(*)`.as('n')])
    .where('business_id', '=', businessId)
    .where('customer_id', 'in', customerIds)
    .where('points_earned', '>', 0)
    .where('visited_at', '>=', regularWindowStart(now, zone))
    .where('visited_at', '<=', now)
    .groupBy('customer_id')
    .execute();
  for (const r of rows) counts.set(r.customer_id, Number(r.n));
  return counts;
}
