import type { Insertable, Kysely, Updateable } from 'kysely';
import type { DB, RefundsTable } from '../../../platform/db/types.ts';

type Db = Kysely<DB>;

export type NewRefund = Omit<Insertable<RefundsTable>, 'id' | 'business_id' | 'created_at' | 'payment_id'>;

export async function insertRefund(db: Db, businessId: string, paymentId: string, values: NewRefund, lines: readonly { lineNo: number; main: number; points: number; couponPlatform: number }[]) {
  const refund = await db
    .insertInto('refunds')
    .values({ ...values, business_id: businessId, payment_id: paymentId })
    .returningAll()
    .executeTakeFirstOrThrow();
  if (lines.length > 0) {
    await db
      .insertInto('refund_allocations')
      .values(lines.map((l) => ({ business_id: businessId, refund_id: refund.id, line_no: l.lineNo, main: l.main, points: l.points, coupon_platform: l.couponPlatform })))
      .execute();
  }
  return refund;
}

export async function lockRefund(db: Db, businessId: string, refundId: string) {
  return db.selectFrom('refunds').selectAll().where('business_id', '=', businessId).where('id', '=', refundId).forUpdate().executeTakeFirst();
}

export async function updateRefund(db: Db, businessId: string, refundId: string, changes: Omit<Updateable<RefundsTable>, 'id' | 'business_id' | 'payment_id'>) {
  await db.updateTable('refunds').set(changes).where('business_id', '=', businessId).where('id', '=', refundId).execute();
}

export async function listRefundsOfPayments(db: Db, businessId: string, paymentIds: readonly string[]) {
  if (paymentIds.length === 0) return [];
  return db.selectFrom('refunds').selectAll().where('business_id', '=', businessId).where('payment_id', 'in', paymentIds).orderBy('created_at').orderBy('id').execute();
}

/** Each refund's lines of a payment, with the refund's status (a failed refund gives nothing back). */
export async function listRefundLines(db: Db, businessId: string, paymentId: string) {
  return listRefundLinesOfPayments(db, businessId, [paymentId]);
}

export async function listRefundLinesOfPayments(db: Db, businessId: string, paymentIds: readonly string[]) {
  if (paymentIds.length === 0) return [];
  return db
    .selectFrom('refund_allocations as a')
    .innerJoin('refunds as r', (j) => j.onRef('r.business_id', '=', 'a.business_id').onRef('r.id', '=', 'a.refund_id'))
    .select(['r.payment_id', 'a.refund_id', 'a.line_no', 'a.main', 'a.points', 'a.coupon_platform', 'r.status', 'r.kind'])
    .where('a.business_id', '=', businessId)
    .where('r.payment_id', 'in', paymentIds)
    .execute();
}

export async function listRefundAllocations(db: Db, businessId: string, refundId: string) {
  return db.selectFrom('refund_allocations').selectAll().where('business_id', '=', businessId).where('refund_id', '=', refundId).orderBy('line_no').execute();
}

/**
 * Refunds to send (requested) or to finish (processing whose attempt is due again: a crash, an unknown outcome).
 * @installation the sweep of every business, by the partial index on open refunds.
 */
export async function listDueRefunds(db: Db, now: Date, limit = 100) {
  return db.selectFrom('refunds').select(['id', 'business_id']).where('status', 'in', ['requested', 'processing']).where('next_attempt_at', '<=', now).orderBy('next_attempt_at').limit(limit).execute();
}

/** Another refund of the payment being sent right now (Toss processes one cancel of a payment at a time). */
export async function otherRefundInFlight(db: Db, businessId: string, paymentId: string, refundId: string, since: Date) {
  const row = await db
    .selectFrom('refunds')
    .select('id')
    .where('business_id', '=', businessId)
    .where('payment_id', '=', paymentId)
    .where('id', '!=', refundId)
    .where('status', '=', 'processing')
    .where('next_attempt_at', '>', since)
    .executeTakeFirst();
  return row !== undefined;
}

export async function refundTransactionKeys(db: Db, businessId: string, paymentId: string): Promise<Set<string>> {
  const rows = await db.selectFrom('refunds').select('transaction_key').where('business_id', '=', businessId).where('payment_id', '=', paymentId).where('transaction_key', 'is not', null).execute();
  return new Set(rows.map((r) => r.transaction_key!));
}
