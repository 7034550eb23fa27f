import { sql, type Insertable, type Kysely, type Selectable, type Updateable } from 'kysely';
import type { DB, MessagesTable, RecipientStatus } from '../../../platform/db/types.ts';
import './constraints.ts';

type Db = Kysely<DB>;

export type MessageRow = Selectable<MessagesTable>;

export async function insertMessage(db: Db, businessId: string, values: Omit<Insertable<MessagesTable>, 'business_id'>) {
  return db
    .insertInto('messages')
    .values({ ...values, business_id: businessId })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function findMessage(db: Db, businessId: string, id: string) {
  return db.selectFrom('messages').selectAll().where('business_id', '=', businessId).where('id', '=', id).executeTakeFirst();
}

export async function lockMessage(db: Db, businessId: string, id: string) {
  return db.selectFrom('messages').selectAll().where('business_id', '=', businessId).where('id', '=', id).forUpdate().executeTakeFirst();
}

/**
 * The business a message belongs to, for a job queued before job payloads
 * carried the business id.
 * @installation a job's message by its id alone: the business is what it looks up.
 */
export async function findMessageBusinessId(db: Db, id: string): Promise<string | undefined> {
  const row = await db.selectFrom('messages').select('business_id').where('id', '=', id).executeTakeFirst();
  return row?.business_id;
}

export async function updateMessage(db: Db, businessId: string, id: string, changes: Omit<Updateable<MessagesTable>, 'id' | 'business_id'>) {
  return db
    .updateTable('messages')
    .set({ ...changes, updated_at: sql<Date>`now()` })
    .where('business_id', '=', businessId)
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** Why a message in progress is where it is, shown on it; not an edit (no version, no updated_at). */
export async function setMessageStatusReason(db: Db, businessId: string, id: string, reason: string) {
  await db.updateTable('messages').set({ status_reason: reason }).where('business_id', '=', businessId).where('id', '=', id).execute();
}

export async function listMessages(db: Db, businessId: string, limit: number, offset: number) {
  const [items, total] = await Promise.all([
    db.selectFrom('messages').selectAll().where('business_id', '=', businessId).orderBy('created_at', 'desc').orderBy('id').limit(limit).offset(offset).execute(),
    db.selectFrom('messages').select(sql<string>`count(*)`.as('n')).where('business_id', '=', businessId).executeTakeFirstOrThrow(),
  ]);
  return { items, total: Number(total.n) };
}

export type StatusCounts = Record<RecipientStatus, number> & { redeemed: number };

export async function recipientCounts(db: Db, businessId: string, messageIds: readonly string[]): Promise<Map<string, StatusCounts>> {
  const result = new Map<string, StatusCounts>();
  if (messageIds.length === 0) return result;
  const rows = await db
    .selectFrom('message_recipients')
    .select([
      'message_id',
      sql<string>`count(*) filter (where status = 'pending')`.as('pending'),
      sql<string>`count(*) filter (where status = 'accepted')`.as('accepted'),
      sql<string>`count(*) filter (where status = 'sent')`.as('sent'),
      sql<string>`count(*) filter (where status = 'delivered')`.as('delivered'),
      sql<string>`count(*) filter (where status = 'failed')`.as('failed'),
      sql<string>`count(*) filter (where coupon_redeemed_at is not null)`.as('redeemed'),
    ])
    .where('business_id', '=', businessId)
    .where('message_id', 'in', messageIds)
    .groupBy('message_id')
    .execute();
  for (const r of rows) {
    result.set(r.message_id, {
      pending: Number(r.pending),
      accepted: Number(r.accepted),
      sent: Number(r.sent),
      delivered: Number(r.delivered),
      failed: Number(r.failed),
      redeemed: Number(r.redeemed),
    });
  }
  return result;
}

export async function listRecipients(db: Db, businessId: string, messageId: string, status: RecipientStatus | undefined, limit: number, offset: number) {
  let query = db.selectFrom('message_recipients').where('business_id', '=', businessId).where('message_id', '=', messageId);
  if (status) query = query.where('status', '=', status);
  const [items, total] = await Promise.all([
    query
      .selectAll()
      // The product's SMS/LMS in place of a 브랜드 메시지 Kakao did not deliver (apply-reports.ts): its status shows beside the recipient's.
      .select((eb) => [
        eb.selectFrom('customer_notices as f').select('f.status').whereRef('f.id', '=', 'message_recipients.fallback_notice_id').where('f.business_id', '=', businessId).as('fallback_status'),
        eb.selectFrom('customer_notices as f').select('f.channel').whereRef('f.id', '=', 'message_recipients.fallback_notice_id').where('f.business_id', '=', businessId).as('fallback_channel'),
      ])
      .orderBy('batch_no')
      .orderBy('name')
      .orderBy('id')
      .limit(limit)
      .offset(offset)
      .execute(),
    query.select(sql<string>`count(*)`.as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items, total: Number(total.n) };
}

/** Of `ids`, the ones that are customers of this business (a direct audience names only those). */
export async function knownCustomerIds(db: Db, businessId: string, ids: readonly string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await db.selectFrom('customers').select('id').where('business_id', '=', businessId).where('id', 'in', [...new Set(ids)]).execute();
  return new Set(rows.map((r) => r.id));
}

/** What a text says of its sender, and the zone that decides the quiet hours and coupon days. */
export async function findBusinessProfile(db: Db, businessId: string) {
  return db.selectFrom('businesses').select(['name', 'phone', 'time_zone', 'service_type']).where('id', '=', businessId).executeTakeFirstOrThrow();
}

// --------------------------------------------------------------- report

export async function performanceFigures(db: Db, businessId: string, messageId: string, range: { from: Date; to: Date }, zone: string) {
  const visits = await db
    .selectFrom('message_recipients as r')
    .innerJoin('customer_visits as v', (j) => j.onRef('v.business_id', '=', 'r.business_id').onRef('v.customer_id', '=', 'r.customer_id'))
    .select([sql<string>`to_char(v.visited_at at time zone ${zone}, 'YYYY-MM-DD')`.as('day'), sql<string>`count(distinct r.customer_id)`.as('n')])
    .where('r.business_id', '=', businessId)
    .where('r.message_id', '=', messageId)
    .where('r.status', 'in', ['accepted', 'sent', 'delivered'])
    .where('v.points_earned', '>', 0)
    .where('v.visited_at', '>=', range.from)
    .where('v.visited_at', '<', range.to)
    .groupBy('day')
    .execute();
  const visitedTotal = await db
    .selectFrom('message_recipients as r')
    .select(sql<string>`count(*)`.as('n'))
    .where('r.business_id', '=', businessId)
    .where('r.message_id', '=', messageId)
    .where('r.status', 'in', ['accepted', 'sent', 'delivered'])
    .where((eb) =>
      eb.exists(
        eb
          .selectFrom('customer_visits as v')
          .select('v.id')
          .whereRef('v.business_id', '=', 'r.business_id')
          .whereRef('v.customer_id', '=', 'r.customer_id')
          .where('v.points_earned', '>', 0)
          .where('v.visited_at', '>=', range.from)
          .where('v.visited_at', '<', range.to),
      ),
    )
    .executeTakeFirstOrThrow();
  const coupons = await db
    .selectFrom('message_recipients')
    .select([sql<string>`to_char(coupon_redeemed_at at time zone ${zone}, 'YYYY-MM-DD')`.as('day'), sql<string>`count(*)`.as('n')])
    .where('business_id', '=', businessId)
    .where('message_id', '=', messageId)
    .where('coupon_redeemed_at', 'is not', null)
    .groupBy('day')
    .execute();
  return { visitsByDay: visits, visited: Number(visitedTotal.n), couponsByDay: coupons };
}
