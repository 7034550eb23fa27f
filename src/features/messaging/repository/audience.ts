import { sql, type Expression, type Kysely, type SqlBool } from 'kysely';
import type { DB } from '../../../platform/db/types.ts';
import { EXCLUSION_REASONS, type ExclusionReason } from '../../../shared/labels/messaging.ts';
import type { Audience, Range, ResolvedWindows } from '../domain/audience.ts';

type Db = Kysely<DB>;

/**
 * MSG-5, MSG-6: the audience's candidates and the reason each is excluded,
 * as one SQL statement: no valid mobile number, opted out, no marketing
 * consent, not a recent visitor (발송 대상 제한), received a message recently
 * (중복 발송 방지), in the order of the pure `exclusionReason`
 * (domain/exclusion.ts, which a test holds this to), so the count, the
 * excluded list and the recipients written at send time agree.
 *
 * Issue 14: the groups and both send settings read the facts the loyalty
 * feature keeps on the customer row from the history (migration 0020:
 * third_recent_accrual_at, last_visit_at, last_message_at), so a group is a
 * range scan of customers and a setting a comparison, not a walk over
 * visits and recipients. "A visit in [from, to)" is "the last visit is in
 * it" whenever the last visit is before `to`; only a customer whose last
 * visit is at or after `to` (a custom range in the past) is asked of its
 * visits, and the same for the last message received.
 */

/** Whether customer row `c` is in a group (the loyalty feature provides the condition). */
export type GroupMembers = (customer: 'c', businessId: string, group: 'regular' | 'prospective' | 'first') => Expression<SqlBool>;

/** Mobile numbers: SMS and 알림톡 reach 010/011/016/017/018/019 only. */
const MOBILE = '^01[016789][0-9]{7,8}$';

/**
 * The candidates of an audience with the reason each is excluded (null =
 * receives), as one query: callers count it, sample it, or fix the
 * recipients from it.
 */
export function candidatesQuery(db: Db, businessId: string, audience: Audience, windows: ResolvedWindows, groupMembers: GroupMembers) {
  let query = db.selectFrom('customers as c').where('c.business_id', '=', businessId);
  switch (audience.kind) {
    case 'direct':
      query = query.where('c.id', 'in', audience.customerIds.length > 0 ? audience.customerIds : ['00000000-0000-0000-0000-000000000000']);
      break;
    case 'filter': {
      const range = (column: 'c.points_held' | 'c.points_accumulated' | 'c.visit_count' | 'c.no_show_count', r: Range | undefined) => {
        if (r?.min !== undefined) query = query.where(column, '>=', r.min);
        if (r?.max !== undefined) query = query.where(column, '<=', r.max);
      };
      range('c.points_held', audience.pointsHeld);
      range('c.points_accumulated', audience.pointsAccumulated);
      range('c.visit_count', audience.visitCount);
      range('c.no_show_count', audience.noShowCount);
      if (audience.grades && audience.grades.length > 0) query = query.where('c.grade', 'in', audience.grades);
      if (audience.tags && audience.tags.length > 0) query = query.where(sql<SqlBool>`c.tags && ${sql.val(audience.tags)}::text[]`);
      break;
    }
    case 'group':
      query = query.where(groupMembers('c', businessId, audience.group));
      break;
  }
  const visited = windows.visitedWithin;
  const received = windows.receivedWithin;
  const visitIn = (w: { from: Date; to: Date }) =>
    sql`exists (select 1 from customer_visits v where v.business_id = c.business_id and v.customer_id = c.id and v.visited_at >= ${w.from} and v.visited_at < ${w.to})`;
  const receivedIn = (w: { from: Date; to: Date }) =>
    sql`exists (select 1 from message_recipients r where r.business_id = c.business_id and r.customer_id = c.id and r.status in ('accepted', 'sent', 'delivered') and r.status_at >= ${w.from} and r.status_at < ${w.to})`;
  const reason = sql<ExclusionReason | null>`case
    when c.phone !~ ${MOBILE} then 'invalid_phone'
    when c.marketing_opted_out_at is not null or exists (select 1 from marketing_opt_outs o where o.business_id = c.business_id and o.phone = c.phone) then 'opted_out'
    when not c.marketing_consent then 'no_consent'
    ${visited ? sql`when c.last_visit_at is null or c.last_visit_at < ${visited.from} or (c.last_visit_at >= ${visited.to} and not ${visitIn(visited)}) then 'visitor_restriction'` : sql``}
    ${received ? sql`when c.last_message_at >= ${received.from} and (c.last_message_at < ${received.to} or ${receivedIn(received)}) then 'duplicate_prevention'` : sql``}
    else null end`;
  return query.select(['c.id', 'c.name', 'c.phone', reason.as('reason')]);
}

/**
 * Runs an audience statement with PostgreSQL's JIT compilation off. The
 * planner's cost of these statements (a range of customers with a CASE of
 * subqueries) is above the JIT thresholds from a few ten thousand customers
 * on, and compiling took 470 of 540 ms at 100,000 customers (bench/audience.ts,
 * docs/performance.md) for a statement that runs in 40. In a caller's
 * transaction the setting stays off until it ends; PGlite has no JIT, and
 * takes the setting all the same.
 */
async function withoutJit<T>(db: Db, run: (db: Db) => Promise<T>): Promise<T> {
  if (db.isTransaction) {
    await sql`select set_config('jit', 'off', true)`.execute(db);
    return run(db);
  }
  return db.transaction().execute(async (trx) => {
    await sql`select set_config('jit', 'off', true)`.execute(trx);
    return run(trx);
  });
}

export interface AudienceSummary {
  recipients: number;
  excluded: { total: number; byReason: Record<ExclusionReason, number> };
}

export async function summarizeAudience(db: Db, businessId: string, audience: Audience, windows: ResolvedWindows, groupMembers: GroupMembers): Promise<AudienceSummary> {
  // One aggregate with a count per reason (a GROUP BY on the CASE is estimated as thousands of groups and
  // sorted); `offset 0` keeps the subquery whole, so the CASE is evaluated once per candidate, not once per count.
  const row = await withoutJit(db, (db) => {
    const candidates = candidatesQuery(db, businessId, audience, windows, groupMembers).offset(0).as('k');
    return db
      .selectFrom(candidates)
      .select([
        sql<string>`count(*) filter (where k.reason is null)`.as('recipients'),
        ...EXCLUSION_REASONS.map((r) => sql<string>`count(*) filter (where k.reason = ${r})`.as(r)),
      ])
      .executeTakeFirstOrThrow();
  });
  const counts = row as Record<string, string | number>;
  const byReason = Object.fromEntries(EXCLUSION_REASONS.map((r) => [r, Number(counts[r] ?? 0)])) as Record<ExclusionReason, number>;
  return { recipients: Number(counts.recipients ?? 0), excluded: { total: Object.values(byReason).reduce((a, b) => a + b, 0), byReason } };
}

export async function sampleExcluded(db: Db, businessId: string, audience: Audience, windows: ResolvedWindows, groupMembers: GroupMembers, limit: number) {
  return withoutJit(db, (db) => {
    const candidates = candidatesQuery(db, businessId, audience, windows, groupMembers).as('k');
    return db.selectFrom(candidates).selectAll().where('k.reason', 'is not', null).orderBy('k.name').orderBy('k.id').limit(limit).execute();
  });
}

export async function sampleRecipient(db: Db, businessId: string, audience: Audience, windows: ResolvedWindows, groupMembers: GroupMembers) {
  return withoutJit(db, (db) => {
    const candidates = candidatesQuery(db, businessId, audience, windows, groupMembers).as('k');
    return db.selectFrom(candidates).selectAll().where('k.reason', 'is', null).orderBy('k.name').orderBy('k.id').limit(1).executeTakeFirst();
  });
}

/** Every candidate with its reason, in id order: what the dispatch fixes as recipients. */
export async function listCandidates(db: Db, businessId: string, audience: Audience, windows: ResolvedWindows, groupMembers: GroupMembers) {
  return withoutJit(db, (db) => candidatesQuery(db, businessId, audience, windows, groupMembers).orderBy('c.id').execute());
}
