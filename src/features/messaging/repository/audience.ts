import { sql, type Kysely, type SelectQueryBuilder, type SqlBool } from 'kysely';
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
 */

/** A group's members, as a subquery of customer ids (the loyalty feature provides it). */
export type GroupMembers = (db: Db, businessId: string, group: 'regular' | 'prospective' | 'first') => SelectQueryBuilder<DB, 'customers', { id: string }>;

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
      query = query.where('c.id', 'in', groupMembers(db, businessId, audience.group));
      break;
  }
  const visited = windows.visitedWithin;
  const received = windows.receivedWithin;
  const reason = sql<ExclusionReason | null>`case
    when c.phone !~ ${MOBILE} then 'invalid_phone'
    when c.marketing_opted_out_at is not null or exists (select 1 from marketing_opt_outs o where o.business_id = c.business_id and o.phone = c.phone) then 'opted_out'
    when not c.marketing_consent then 'no_consent'
    ${visited ? sql`when not exists (select 1 from customer_visits v where v.business_id = c.business_id and v.customer_id = c.id and v.visited_at >= ${visited.from} and v.visited_at < ${visited.to}) then 'visitor_restriction'` : sql``}
    ${received ? sql`when exists (select 1 from message_recipients r where r.business_id = c.business_id and r.customer_id = c.id and r.status in ('accepted', 'sent', 'delivered') and r.status_at >= ${received.from} and r.status_at < ${received.to}) then 'duplicate_prevention'` : sql``}
    else null end`;
  return query.select(['c.id', 'c.name', 'c.phone', reason.as('reason')]);
}

export interface AudienceSummary {
  recipients: number;
  excluded: { total: number; byReason: Record<ExclusionReason, number> };
}

export async function summarizeAudience(db: Db, businessId: string, audience: Audience, windows: ResolvedWindows, groupMembers: GroupMembers): Promise<AudienceSummary> {
  const candidates = candidatesQuery(db, businessId, audience, windows, groupMembers).as('k');
  const rows = await db.selectFrom(candidates).select(['k.reason', sql<string>`count(*)`.as('n')]).groupBy('k.reason').execute();
  const byReason = Object.fromEntries(EXCLUSION_REASONS.map((r) => [r, 0])) as Record<ExclusionReason, number>;
  let recipients = 0;
  for (const row of rows) {
    if (row.reason === null) recipients = Number(row.n);
    else byReason[row.reason] = Number(row.n);
  }
  return { recipients, excluded: { total: Object.values(byReason).reduce((a, b) => a + b, 0), byReason } };
}

export async function sampleExcluded(db: Db, businessId: string, audience: Audience, windows: ResolvedWindows, groupMembers: GroupMembers, limit: number) {
  const candidates = candidatesQuery(db, businessId, audience, windows, groupMembers).as('k');
  return db.selectFrom(candidates).selectAll().where('k.reason', 'is not', null).orderBy('k.name').orderBy('k.id').limit(limit).execute();
}

export async function sampleRecipient(db: Db, businessId: string, audience: Audience, windows: ResolvedWindows, groupMembers: GroupMembers) {
  const candidates = candidatesQuery(db, businessId, audience, windows, groupMembers).as('k');
  return db.selectFrom(candidates).selectAll().where('k.reason', 'is', null).orderBy('k.name').orderBy('k.id').limit(1).executeTakeFirst();
}

/** Every candidate with its reason, in id order: what the dispatch fixes as recipients. */
export async function listCandidates(db: Db, businessId: string, audience: Audience, windows: ResolvedWindows, groupMembers: GroupMembers) {
  return candidatesQuery(db, businessId, audience, windows, groupMembers).orderBy('c.id').execute();
}
