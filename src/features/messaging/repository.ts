import { sql, type Insertable, type Kysely, type Selectable, type Updateable } from 'kysely';
import type { DB, MessagesTable, RecipientStatus } from '../../platform/db/types.ts';

type Db = Kysely<DB>;

export type MessageRow = Selectable<MessagesTable>;

// ---------------------------------------------------------------- drafts

export async function findDraft(db: Db, businessId: string) {
  return db.selectFrom('message_drafts').selectAll().where('business_id', '=', businessId).executeTakeFirst();
}

/** MSG-4: one draft per business; saving replaces it. */
export async function saveDraft(db: Db, businessId: string, content: string, userId: string) {
  return db
    .insertInto('message_drafts')
    .values({ business_id: businessId, content, saved_by: userId, saved_at: sql<Date>`now()` })
    .onConflict((oc) => oc.column('business_id').doUpdateSet({ content, saved_by: userId, saved_at: sql<Date>`now()` }))
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function deleteDraft(db: Db, businessId: string) {
  await db.deleteFrom('message_drafts').where('business_id', '=', businessId).execute();
}

// -------------------------------------------------------------- messages

export async function insertMessage(db: Db, values: Insertable<MessagesTable>) {
  return db.insertInto('messages').values(values).returningAll().executeTakeFirstOrThrow();
}

export async function findMessage(db: Db, businessId: string, id: string) {
  return db.selectFrom('messages').selectAll().where('business_id', '=', businessId).where('id', '=', id).executeTakeFirst();
}

export async function lockMessage(db: Db, id: string) {
  return db.selectFrom('messages').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
}

export async function updateMessage(db: Db, id: string, changes: Omit<Updateable<MessagesTable>, 'id' | 'business_id'>) {
  return db
    .updateTable('messages')
    .set({ ...changes, updated_at: sql<Date>`now()` })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function listMessages(db: Db, businessId: string, limit: number, offset: number) {
  const [items, total] = await Promise.all([
    db.selectFrom('messages').selectAll().where('business_id', '=', businessId).orderBy('created_at', 'desc').orderBy('id').limit(limit).offset(offset).execute(),
    db.selectFrom('messages').select(sql<string>`count(*)`.as('n')).where('business_id', '=', businessId).executeTakeFirstOrThrow(),
  ]);
  return { items, total: Number(total.n) };
}

export type StatusCounts = Record<RecipientStatus, number> & { redeemed: number };

export async function recipientCounts(db: Db, messageIds: readonly string[]): Promise<Map<string, StatusCounts>> {
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
    query.selectAll().orderBy('batch_no').orderBy('name').orderBy('id').limit(limit).offset(offset).execute(),
    query.select(sql<string>`count(*)`.as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items, total: Number(total.n) };
}

// ---------------------------------------------------------------- sending

export interface NewRecipient {
  business_id: string;
  message_id: string;
  customer_id: string;
  name: string;
  phone: string;
  batch_no: number;
  coupon_code: string;
  coupon_expires_at: Date;
  opt_out_token: string;
}

export async function insertRecipients(db: Db, rows: readonly NewRecipient[]) {
  if (rows.length === 0) return;
  await db.insertInto('message_recipients').values([...rows]).execute();
}

export async function insertBatches(db: Db, businessId: string, messageId: string, count: number) {
  if (count === 0) return;
  await db
    .insertInto('message_batches')
    .values(Array.from({ length: count }, (_, i) => ({ business_id: businessId, message_id: messageId, batch_no: i })))
    .execute();
}

/** Claims an unsent batch for one run until `until`, unless another run holds an unexpired lease. */
export async function claimBatch(db: Db, messageId: string, batchNo: number, token: string, until: Date) {
  return db
    .updateTable('message_batches')
    .set({ lease_token: token, lease_until: until })
    .where('message_id', '=', messageId)
    .where('batch_no', '=', batchNo)
    .where('status', '=', 'pending')
    .where((eb) => eb.or([eb('lease_until', 'is', null), eb('lease_until', '<', sql<Date>`now()`)]))
    .returningAll()
    .executeTakeFirst();
}

export async function holdsBatch(db: Db, messageId: string, batchNo: number, token: string) {
  const row = await db
    .selectFrom('message_batches')
    .select('batch_no')
    .where('message_id', '=', messageId)
    .where('batch_no', '=', batchNo)
    .where('status', '=', 'pending')
    .where('lease_token', '=', token)
    .where('lease_until', '>', sql<Date>`now()`)
    .executeTakeFirst();
  return row !== undefined;
}

export async function releaseBatch(db: Db, messageId: string, batchNo: number, token: string) {
  await db.updateTable('message_batches').set({ lease_token: null, lease_until: null }).where('message_id', '=', messageId).where('batch_no', '=', batchNo).where('lease_token', '=', token).execute();
}

export async function setBatchGroup(db: Db, messageId: string, batchNo: number, groupId: string) {
  await db.updateTable('message_batches').set({ provider_group_id: groupId }).where('message_id', '=', messageId).where('batch_no', '=', batchNo).execute();
}

export async function markBatchSent(db: Db, messageId: string, batchNo: number) {
  await db.updateTable('message_batches').set({ status: 'sent', sent_at: sql<Date>`now()`, lease_token: null, lease_until: null }).where('message_id', '=', messageId).where('batch_no', '=', batchNo).execute();
}

export async function countUnsentBatches(db: Db, messageId: string) {
  const row = await db.selectFrom('message_batches').select(sql<string>`count(*)`.as('n')).where('message_id', '=', messageId).where('status', '=', 'pending').executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function batchRecipients(db: Db, messageId: string, batchNo: number) {
  return db
    .selectFrom('message_recipients')
    .select(['id', 'customer_id', 'name', 'phone', 'status', 'provider_message_id', 'coupon_code', 'coupon_expires_at', 'opt_out_token'])
    .where('message_id', '=', messageId)
    .where('batch_no', '=', batchNo)
    .orderBy('id')
    .execute();
}

/** What the provider accepted, recorded per recipient; a status only moves forward. */
export async function recordAccepted(db: Db, rows: readonly { recipientId: string; messageId: string; status: RecipientStatus; statusCode: string; statusMessage: string }[]) {
  for (const row of rows) {
    await db
      .updateTable('message_recipients')
      .set({ provider_message_id: row.messageId, status: row.status, status_code: row.statusCode, status_reason: row.status === 'failed' ? row.statusMessage : null, status_at: sql<Date>`now()` })
      .where('id', '=', row.recipientId)
      .where('status', '=', 'pending')
      .execute();
  }
}

const STATUS_RANK: Record<RecipientStatus, number> = { pending: 0, accepted: 1, sent: 2, delivered: 3, failed: 3 };

export async function applyDeliveryReport(db: Db, businessId: string, report: { messageId: string; status: RecipientStatus; statusCode: string; statusMessage: string }) {
  const lower = (Object.keys(STATUS_RANK) as RecipientStatus[]).filter((s) => STATUS_RANK[s] < STATUS_RANK[report.status]);
  if (lower.length === 0) return 0;
  const result = await db
    .updateTable('message_recipients')
    .set({ status: report.status, status_code: report.statusCode, status_reason: report.status === 'failed' ? report.statusMessage : null, status_at: sql<Date>`now()` })
    .where('provider_message_id', '=', report.messageId)
    .where('business_id', '=', businessId)
    .where('status', 'in', lower)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

export async function findRecipientByOptOutToken(db: Db, token: string) {
  return db.selectFrom('message_recipients').select(['business_id', 'customer_id', 'phone']).where('opt_out_token', '=', token).executeTakeFirst();
}

export async function optOut(db: Db, businessId: string, phone: string, customerId: string | null, now: Date) {
  await db
    .insertInto('marketing_opt_outs')
    .values({ business_id: businessId, phone, via: 'link', opted_out_at: now })
    .onConflict((oc) => oc.columns(['business_id', 'phone']).doNothing())
    .execute();
  // Every customer with this phone: consent belongs to the number that asked.
  await db
    .updateTable('customers')
    .set({ marketing_consent: false, marketing_opted_out_at: now, updated_at: now })
    .where('business_id', '=', businessId)
    .where((eb) => (customerId ? eb.or([eb('phone', '=', phone), eb('id', '=', customerId)]) : eb('phone', '=', phone)))
    .execute();
}

// ------------------------------------------------------------- settings

export async function findProviderSettings(db: Db, businessId: string) {
  return db.selectFrom('message_provider_settings').selectAll().where('business_id', '=', businessId).executeTakeFirst();
}

export async function upsertProviderSettings(db: Db, values: { businessId: string; apiUrl: string; apiKey: string; apiSecret: string; senderPhone: string; optOutPhone: string; kakaoPfId: string | null }) {
  const row = {
    api_url: values.apiUrl,
    api_key: values.apiKey,
    api_secret: values.apiSecret,
    sender_phone: values.senderPhone,
    opt_out_phone: values.optOutPhone,
    kakao_pf_id: values.kakaoPfId,
    updated_at: sql<Date>`now()`,
  };
  await db
    .insertInto('message_provider_settings')
    .values({ business_id: values.businessId, ...row })
    .onConflict((oc) => oc.column('business_id').doUpdateSet(row))
    .execute();
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

/** Of `ids`, the ones that are customers of this business (a direct audience names only those). */
export async function knownCustomerIds(db: Db, businessId: string, ids: readonly string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await db.selectFrom('customers').select('id').where('business_id', '=', businessId).where('id', 'in', [...new Set(ids)]).execute();
  return new Set(rows.map((r) => r.id));
}
