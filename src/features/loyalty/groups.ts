import { sql, type Kysely, type SelectQueryBuilder } from 'kysely';
import type { DB } from '../../platform/db/types.ts';
import { PROSPECTIVE_MIN_ACCRUALS, REGULAR_MIN_ACCRUALS, regularWindowStart, type CustomerGroup } from '../messaging/index.ts';

export { CUSTOMER_GROUPS, type CustomerGroup } from '../messaging/domain/groups.ts';

/**
 * MSG-2 customer groups in SQL, for audiences, counts and the customer JSON.
 * The rule is the pure one of `messaging/domain/groups.ts` (`groupsOf`), and
 * the property test (groups.property.test.ts) holds the two together:
 *
 * - 단골 (`regular`): 3 or more accruals (visits with points_earned > 0) from
 *   `regularWindowStart(now, zone)` (3 calendar months back in the business's
 *   zone) up to now;
 * - 예비 단골 (`prospective`): 2 or more accruals ever, and not 단골;
 * - 첫 적립 (`first`): exactly one accrual ever.
 *
 * "Ever" reads `customers.accrual_count`, which the loyalty service keeps in
 * the same transaction as the visit it counts. The pure rule counts only
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

/** The groups of one customer from the two numbers that decide them; the same rule as the SQL above. */
export function groupsFromCounts(accrualCount: number, recentAccruals: number): CustomerGroup[] {
  if (recentAccruals >= REGULAR_MIN_ACCRUALS) return ['regular'];
  if (accrualCount >= PROSPECTIVE_MIN_ACCRUALS) return ['prospective'];
  if (accrualCount === 1) return ['first'];
  return [];
}

/** The groups of the given customers (the customer JSON), in one grouped read of their recent accruals. */
export async function groupsOfCustomers(
  db: Db,
  businessId: string,
  customers: readonly { id: string; accrual_count: number }[],
  now: Date,
  zone: string,
): Promise<Map<string, CustomerGroup[]>> {
  const result = new Map<string, CustomerGroup[]>();
  const withAccruals = customers.filter((c) => c.accrual_count > 0);
  const recent = new Map<string, number>();
  if (withAccruals.length > 0) {
    const rows = await db
      .selectFrom('customer_visits')
      .select(['customer_id', sql<string>`count(*)`.as('n')])
      .where('business_id', '=', businessId)
      .where('customer_id', 'in', withAccruals.map((c) => c.id))
      .where('points_earned', '>', 0)
      .where('visited_at', '>=', regularWindowStart(now, zone))
      .where('visited_at', '<=', now)
      .groupBy('customer_id')
      .execute();
    for (const r of rows) recent.set(r.customer_id, Number(r.n));
  }
  for (const c of customers) result.set(c.id, groupsFromCounts(c.accrual_count, recent.get(c.id) ?? 0));
  return result;
}
