import { sql, type Kysely } from 'kysely';
import type { DB, RecipientStatus } from '../../../platform/db/types.ts';
import './constraints.ts';

type Db = Kysely<DB>;

/**
 * MSG-8, MSG-11: the recipients a dispatch fixes, the batches they go out
 * in, and what the provider says of each.
 */

export interface NewRecipient {
  message_id: string;
  customer_id: string;
  name: string;
  phone: string;
  batch_no: number;
  coupon_code: string;
  coupon_expires_at: Date;
  opt_out_token: string;
}

export async function insertRecipients(db: Db, businessId: string, rows: readonly NewRecipient[]) {
  if (rows.length === 0) return;
  await db
    .insertInto('message_recipients')
    .values(rows.map((row) => ({ ...row, business_id: businessId })))
    .execute();
}

export async function insertBatches(db: Db, businessId: string, messageId: string, count: number) {
  if (count === 0) return;
  await db
    .insertInto('message_batches')
    .values(Array.from({ length: count }, (_, i) => ({ business_id: businessId, message_id: messageId, batch_no: i })))
    .execute();
}

export async function findBatch(db: Db, businessId: string, messageId: string, batchNo: number) {
  return db.selectFrom('message_batches').selectAll().where('business_id', '=', businessId).where('message_id', '=', messageId).where('batch_no', '=', batchNo).executeTakeFirst();
}

/** Claims an unsent batch for one run until `until`, unless another run holds an unexpired lease. */
export async function claimBatch(db: Db, businessId: string, messageId: string, batchNo: number, token: string, until: Date) {
  return db
    .updateTable('message_batches')
    .set({ lease_token: token, lease_until: until })
    .where('business_id', '=', businessId)
    .where('message_id', '=', messageId)
    .where('batch_no', '=', batchNo)
    .where('status', '=', 'pending')
    .where((eb) => eb.or([eb('lease_until', 'is', null), eb('lease_until', '<', sql<Date>`now()`)]))
    .returningAll()
    .executeTakeFirst();
}

export async function holdsBatch(db: Db, businessId: string, messageId: string, batchNo: number, token: string) {
  const row = await db
    .selectFrom('message_batches')
    .select('batch_no')
    .where('business_id', '=', businessId)
    .where('message_id', '=', messageId)
    .where('batch_no', '=', batchNo)
    .where('status', '=', 'pending')
    .where('lease_token', '=', token)
    .where('lease_until', '>', sql<Date>`now()`)
    .executeTakeFirst();
  return row !== undefined;
}

export async function releaseBatch(db: Db, businessId: string, messageId: string, batchNo: number, token: string) {
  await db
    .updateTable('message_batches')
    .set({ lease_token: null, lease_until: null })
    .where('business_id', '=', businessId)
    .where('message_id', '=', messageId)
    .where('batch_no', '=', batchNo)
    .where('lease_token', '=', token)
    .execute();
}

export async function setBatchGroup(db: Db, businessId: string, messageId: string, batchNo: number, groupId: string) {
  await db.updateTable('message_batches').set({ provider_group_id: groupId }).where('business_id', '=', businessId).where('message_id', '=', messageId).where('batch_no', '=', batchNo).execute();
}

export async function markBatchSent(db: Db, businessId: string, messageId: string, batchNo: number) {
  await db
    .updateTable('message_batches')
    .set({ status: 'sent', sent_at: sql<Date>`now()`, lease_token: null, lease_until: null })
    .where('business_id', '=', businessId)
    .where('message_id', '=', messageId)
    .where('batch_no', '=', batchNo)
    .execute();
}

export async function countUnsentBatches(db: Db, businessId: string, messageId: string) {
  const row = await db
    .selectFrom('message_batches')
    .select(sql<string>`count(*)`.as('n'))
    .where('business_id', '=', businessId)
    .where('message_id', '=', messageId)
    .where('status', '=', 'pending')
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function batchRecipients(db: Db, businessId: string, messageId: string, batchNo: number) {
  return db
    .selectFrom('message_recipients')
    .select(['id', 'customer_id', 'name', 'phone', 'status', 'provider_message_id', 'coupon_code', 'coupon_expires_at', 'opt_out_token'])
    .where('business_id', '=', businessId)
    .where('message_id', '=', messageId)
    .where('batch_no', '=', batchNo)
    .orderBy('id')
    .execute();
}

/** What the provider accepted, recorded per recipient; a status only moves forward. Returns the customers of the recipients changed. */
export async function recordAccepted(db: Db, businessId: string, rows: readonly { recipientId: string; messageId: string; status: RecipientStatus; statusCode: string; statusMessage: string }[]): Promise<string[]> {
  const customerIds: string[] = [];
  for (const row of rows) {
    const changed = await db
      .updateTable('message_recipients')
      .set({ provider_message_id: row.messageId, status: row.status, status_code: row.statusCode, status_reason: row.status === 'failed' ? row.statusMessage : null, status_at: sql<Date>`now()` })
      .where('business_id', '=', businessId)
      .where('id', '=', row.recipientId)
      .where('status', '=', 'pending')
      .returning('customer_id')
      .executeTakeFirst();
    if (changed?.customer_id) customerIds.push(changed.customer_id);
  }
  return customerIds;
}

/** A batch given up: its recipients not yet handed to the provider fail with the reason. */
export async function failPendingRecipients(db: Db, businessId: string, messageId: string, batchNo: number, reason: string, at: Date) {
  await db
    .updateTable('message_recipients')
    .set({ status: 'failed', status_reason: reason, status_at: at })
    .where('business_id', '=', businessId)
    .where('message_id', '=', messageId)
    .where('batch_no', '=', batchNo)
    .where('status', '=', 'pending')
    .execute();
}

const STATUS_RANK: Record<RecipientStatus, number> = { pending: 0, accepted: 1, sent: 2, delivered: 3, failed: 3 };

/** A provider's report on one message; returns the recipients it moved forward (with their customers). */
export async function applyDeliveryReport(db: Db, businessId: string, report: { messageId: string; status: RecipientStatus; statusCode: string; statusMessage: string }) {
  const lower = (Object.keys(STATUS_RANK) as RecipientStatus[]).filter((s) => STATUS_RANK[s] < STATUS_RANK[report.status]);
  if (lower.length === 0) return [];
  return db
    .updateTable('message_recipients')
    .set({ status: report.status, status_code: report.statusCode, status_reason: report.status === 'failed' ? report.statusMessage : null, status_at: sql<Date>`now()` })
    .where('provider_message_id', '=', report.messageId)
    .where('business_id', '=', businessId)
    .where('status', 'in', lower)
    .returning(['id', 'customer_id'])
    .execute();
}
