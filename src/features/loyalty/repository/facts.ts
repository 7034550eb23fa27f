import { sql, type Kysely } from 'kysely';
import type { DB } from '../../../platform/db/types.ts';

/**
 * Issue 14, audience at scale: the per-customer facts the groups and the
 * send settings read, kept on the customer row (migration 0020) and always
 * recomputed from the history, never incremented:
 *
 * - accrual_count, first_accrual_at, last_accrual_at, third_recent_accrual_at
 *   (the 3rd most recent accrual's visited_at, null with fewer than 3) from
 *   the customer's visits with points_earned > 0;
 * - last_visit_at from all its visits (발송 대상 제한);
 * - last_message_at: the latest status_at of its coupon messages in status
 *   accepted, sent or delivered (중복 발송 방지 counts exactly those).
 *
 * Every writer of that history calls `refreshCustomerFacts` in its own
 * transaction after its write: a visit (POS, a completed schedule, a used
 * booking, its reversal), a recipient's status (accepted at the provider, a
 * delivery report), a merge (the survivor; the merged customer is deleted
 * with its row). Imports and anonymisation change neither table, so no facts.
 */

type Db = Kysely<DB>;

/** The facts' columns, as the property test and the repair compare them. */
export const FACT_COLUMNS = ['accrual_count', 'first_accrual_at', 'last_accrual_at', 'third_recent_accrual_at', 'last_visit_at', 'last_message_at'] as const;

export type CustomerFacts = {
  customer_id: string;
  accrual_count: number;
  first_accrual_at: Date | null;
  last_accrual_at: Date | null;
  third_recent_accrual_at: Date | null;
  last_visit_at: Date | null;
  last_message_at: Date | null;
};

/** The facts of these customers as the history says, one grouped read per table (ids absent from the business are absent). */
function recomputed(businessId: string, customerIds: readonly string[] | null) {
  const only = (column: string) => (customerIds === null ? sql`` : sql`and ${sql.ref(column)} = any(${sql.val([...customerIds])}::uuid[])`);
  return sql`
    select k.id as customer_id,
      coalesce(a.n, 0)::int as accrual_count, a.first_at as first_accrual_at, a.last_at as last_accrual_at, a.third_at as third_recent_accrual_at,
      v.last_at as last_visit_at, r.last_at as last_message_at
    from customers k
    left join (
      select customer_id, count(*) as n, min(visited_at) as first_at, max(visited_at) as last_at,
        (array_agg(visited_at order by visited_at desc))[3] as third_at
      from customer_visits where business_id = ${businessId} and points_earned > 0 ${only('customer_id')}
      group by customer_id
    ) a on a.customer_id = k.id
    left join (
      select customer_id, max(visited_at) as last_at
      from customer_visits where business_id = ${businessId} ${only('customer_id')}
      group by customer_id
    ) v on v.customer_id = k.id
    left join (
      select customer_id, max(status_at) as last_at
      from message_recipients where business_id = ${businessId} and status in ('accepted', 'sent', 'delivered') ${only('customer_id')}
      group by customer_id
    ) r on r.customer_id = k.id
    where k.business_id = ${businessId} ${only('k.id')}`;
}

/**
 * Recomputes the facts of these customers from their history, in the
 * caller's transaction, after its write. The customer rows are locked first
 * (in id order, so two writers never wait on each other in a cycle) and the
 * recompute is a statement of its own: on PostgreSQL (READ COMMITTED) each
 * statement sees what was committed when it began, so of two transactions
 * changing one customer's history, the one that takes the lock second
 * recomputes after the first committed and sees both changes; a single
 * upsert would read its snapshot before waiting and could write stale facts.
 * Returns the customers whose facts changed.
 */
export async function refreshCustomerFacts(trx: Db, businessId: string, customerIds: readonly string[]): Promise<string[]> {
  const ids = [...new Set(customerIds)].sort();
  if (ids.length === 0) return [];
  await trx.selectFrom('customers').select('id').where('business_id', '=', businessId).where('id', 'in', ids).orderBy('id').forUpdate().execute();
  return writeFacts(trx, businessId, ids);
}

async function writeFacts(db: Db, businessId: string, ids: readonly string[] | null): Promise<string[]> {
  const { rows } = await sql<{ id: string }>`
    update customers c set
      accrual_count = f.accrual_count, first_accrual_at = f.first_accrual_at, last_accrual_at = f.last_accrual_at,
      third_recent_accrual_at = f.third_recent_accrual_at, last_visit_at = f.last_visit_at, last_message_at = f.last_message_at
    from (${recomputed(businessId, ids)}) f
    where c.business_id = ${businessId} and c.id = f.customer_id
      and (c.accrual_count, c.first_accrual_at, c.last_accrual_at, c.third_recent_accrual_at, c.last_visit_at, c.last_message_at)
        is distinct from (f.accrual_count, f.first_accrual_at, f.last_accrual_at, f.third_recent_accrual_at, f.last_visit_at, f.last_message_at)
    returning c.id`.execute(db);
  return rows.map((r) => r.id);
}

/** The next `limit` customer ids of the business after `after`, in id order: the repair walks the business with them. */
export async function customerIdsAfter(db: Db, businessId: string, after: string | null, limit: number): Promise<string[]> {
  let query = db.selectFrom('customers').select('id').where('business_id', '=', businessId);
  if (after !== null) query = query.where('id', '>', after);
  const rows = await query.orderBy('id').limit(limit).execute();
  return rows.map((r) => r.id);
}

/** The facts as stored, for these customers (all of the business when null). */
export async function storedFacts(db: Db, businessId: string, customerIds: readonly string[] | null = null): Promise<CustomerFacts[]> {
  let query = db
    .selectFrom('customers')
    .select(['id as customer_id', ...FACT_COLUMNS])
    .where('business_id', '=', businessId);
  if (customerIds !== null) query = query.where('id', 'in', customerIds.length > 0 ? [...customerIds] : ['00000000-0000-0000-0000-000000000000']);
  return query.orderBy('id').execute();
}

/** The facts as the history says, for these customers (all of the business when null): the oracle of the tests and the repair's check. */
export async function factsFromHistory(db: Db, businessId: string, customerIds: readonly string[] | null = null): Promise<CustomerFacts[]> {
  const { rows } = await sql<CustomerFacts>`select * from (${recomputed(businessId, customerIds)}) f order by f.customer_id`.execute(db);
  return rows;
}

/** How many customers of the business have stored facts that differ from their history (0 unless something wrote history without refreshing). */
export async function countStaleFacts(db: Db, businessId: string): Promise<number> {
  const { rows } = await sql<{ n: string }>`
    select count(*) as n from customers c join (${recomputed(businessId, null)}) f on f.customer_id = c.id
    where c.business_id = ${businessId}
      and (c.accrual_count, c.first_accrual_at, c.last_accrual_at, c.third_recent_accrual_at, c.last_visit_at, c.last_message_at)
        is distinct from (f.accrual_count, f.first_accrual_at, f.last_accrual_at, f.third_recent_accrual_at, f.last_visit_at, f.last_message_at)`.execute(db);
  return Number(rows[0]!.n);
}
