import { sql, type Kysely, type RawBuilder, type SelectQueryBuilder, type SqlBool } from 'kysely';
import type { DB } from '../../../platform/db/types.ts';
import { PROSPECTIVE_MIN_ACCRUALS, REGULAR_MIN_ACCRUALS, regularWindowStart, type CustomerGroup } from '../domain/groups.ts';

/**
 * MSG-2 customer groups in SQL, for audiences, counts and the customer JSON.
 * The rule is the pure one of `domain/groups.ts` (`groupsOf`, and
 * `groupsFromFacts` for the facts): the property tests
 * (groups.property.test.ts, facts.property.test.ts) hold them together.
 *
 * Each group is answered from the customer row's accrual facts (migration
 * 0020, kept by `refreshCustomerFacts` with every visit), a range scan each:
 * - 단골 (`regular`): third_recent_accrual_at >= regularWindowStart(now, zone);
 * - 예비 단골 (`prospective`): accrual_count >= 2, and not 단골;
 * - 첫 적립 (`first`): accrual_count = 1.
 * That holds for customers whose accruals are all at or before `now`, which
 * is every customer when `now` is the present: a visit is never stored
 * later than the moment it is recorded (POS times ahead are refused or read
 * as now, a schedule's visit is at its start but never after now, imports
 * write no visits). For a `now` in the past, the few customers with an
 * accrual after it (last_accrual_at > now, its own index) are answered from
 * their visits, with the rule as `groupsFromCounts` states it.
 */

type Db = Kysely<DB>;

/** The group of customer `c` counted from its visits up to `now`: only for customers with an accrual after `now`. */
function groupFromHistory(c: string, start: Date, now: Date): RawBuilder<CustomerGroup | null> {
  return sql<CustomerGroup | null>`(select case
      when count(*) filter (where v.visited_at >= ${start}) >= ${REGULAR_MIN_ACCRUALS}::int then 'regular'
      when count(*) >= ${PROSPECTIVE_MIN_ACCRUALS}::int then 'prospective'
      when count(*) = 1 then 'first' end
    from customer_visits v
    where v.business_id = ${sql.ref(`${c}.business_id`)} and v.customer_id = ${sql.ref(`${c}.id`)} and v.points_earned > 0 and v.visited_at <= ${now})`;
}

/**
 * Whether the customer row `customer` (a table name or alias of customers) is
 * one of the business's and in the group at `now`, as a condition for a `where`. The window start is
 * the pure module's, computed here, so the planner sees constants.
 */
export function groupMemberCondition(customer: string, businessId: string, group: CustomerGroup, now: Date, zone: string): RawBuilder<SqlBool> {
  const col = (name: string) => sql.ref(`${customer}.${name}`);
  const start = regularWindowStart(now, zone);
  const late = sql`${col('last_accrual_at')} > ${now} and ${groupFromHistory(customer, start, now)} = ${group}`;
  const member = (() => {
    switch (group) {
      case 'regular':
        return sql`(${col('third_recent_accrual_at')} >= ${start} and ${col('last_accrual_at')} <= ${now}) or (${late})`;
      case 'prospective':
        return sql`(${col('accrual_count')} >= ${PROSPECTIVE_MIN_ACCRUALS}::int and ${col('last_accrual_at')} <= ${now}
          and (${col('third_recent_accrual_at')} is null or ${col('third_recent_accrual_at')} < ${start})) or (${late})`;
      case 'first':
        return sql`(${col('accrual_count')} = 1 and ${col('last_accrual_at')} <= ${now}) or (${late})`;
    }
  })();
  return sql<SqlBool>`(${col('business_id')} = ${businessId} and (${member}))`;
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
  return db.selectFrom('customers').select('customers.id').where('customers.business_id', '=', businessId).where(groupMemberCondition('customers', businessId, group, now, zone));
}

/** How many customers each group holds now (GET /api/customer-groups), in one pass over the customers with accruals. */
export async function countGroups(db: Db, businessId: string, now: Date, zone: string): Promise<Record<CustomerGroup, number>> {
  const count = (group: CustomerGroup) => sql<string>`count(*) filter (where ${groupMemberCondition('c', businessId, group, now, zone)})`;
  const row = await db
    .selectFrom('customers as c')
    .select([count('regular').as('regular'), count('prospective').as('prospective'), count('first').as('first')])
    .where('c.business_id', '=', businessId)
    .where('c.accrual_count', '>', 0)
    .executeTakeFirstOrThrow();
  return { regular: Number(row.regular ?? 0), prospective: Number(row.prospective ?? 0), first: Number(row.first ?? 0) };
}

/** The accrual instants of these customers (only for those the facts cannot answer: an accrual after the instant asked about). */
export async function accrualInstantsOf(db: Db, businessId: string, customerIds: readonly string[]): Promise<Map<string, Date[]>> {
  const instants = new Map<string, Date[]>();
  if (customerIds.length === 0) return instants;
  const rows = await db
    .selectFrom('customer_visits')
    .select(['customer_id', 'visited_at'])
    .where('business_id', '=', businessId)
    .where('customer_id', 'in', customerIds)
    .where('points_earned', '>', 0)
    .execute();
  for (const r of rows) instants.set(r.customer_id, [...(instants.get(r.customer_id) ?? []), r.visited_at]);
  return instants;
}
