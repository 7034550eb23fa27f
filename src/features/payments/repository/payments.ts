import { sql, type Insertable, type Kysely, type Updateable } from 'kysely';
import type { DB, PaymentsTable } from '../../../platform/db/types.ts';

type Db = Kysely<DB>;

export type NewPayment = Omit<Insertable<PaymentsTable>, 'business_id' | 'created_at' | 'updated_at' | 'checkout'> & { checkout: string };

export async function insertPayment(db: Db, businessId: string, values: NewPayment) {
  return db
    .insertInto('payments')
    .values({ ...values, business_id: businessId })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export interface AllocationValues {
  lineNo: number;
  gross: number;
  couponBusiness: number;
  couponPlatform: number;
  points: number;
  main: number;
}

export async function insertAllocations(db: Db, businessId: string, paymentId: string, lines: readonly AllocationValues[]) {
  if (lines.length === 0) return;
  await db
    .insertInto('payment_allocations')
    .values(
      lines.map((l) => ({
        business_id: businessId,
        payment_id: paymentId,
        line_no: l.lineNo,
        gross: l.gross,
        coupon_business: l.couponBusiness,
        coupon_platform: l.couponPlatform,
        points: l.points,
        main: l.main,
      })),
    )
    .execute();
}

export async function listAllocationsOfPayments(db: Db, businessId: string, paymentIds: readonly string[]) {
  if (paymentIds.length === 0) return [];
  return db.selectFrom('payment_allocations').selectAll().where('business_id', '=', businessId).where('payment_id', 'in', paymentIds).orderBy('payment_id').orderBy('line_no').execute();
}

export async function listAllocations(db: Db, businessId: string, paymentId: string) {
  return db.selectFrom('payment_allocations').selectAll().where('business_id', '=', businessId).where('payment_id', '=', paymentId).orderBy('line_no').execute();
}

/** The booking's 예약상세번호 on each allocation, once the booking is written. */
export async function setAllocationDetailNumbers(db: Db, businessId: string, paymentId: string, lines: readonly { lineNo: number; detailNumber: string }[]) {
  for (const line of lines) {
    await db
      .updateTable('payment_allocations')
      .set({ detail_number: line.detailNumber })
      .where('business_id', '=', businessId)
      .where('payment_id', '=', paymentId)
      .where('line_no', '=', line.lineNo)
      .execute();
  }
}

/**
 * The payment of a checkout, locked: every confirm, reconciliation and webhook of one order queues here.
 * @installation the booking page's return names its order only (a random id the server made); the row names its business.
 */
export async function lockPaymentByOrderId(db: Db, orderId: string) {
  return db.selectFrom('payments').selectAll().where('order_id', '=', orderId).forUpdate().executeTakeFirst();
}

/** @installation the booking page's return names its order only (a random id the server made); the row names its business. */
export async function findPaymentByOrderId(db: Db, orderId: string) {
  return db.selectFrom('payments').selectAll().where('order_id', '=', orderId).executeTakeFirst();
}

export async function lockPayment(db: Db, businessId: string, paymentId: string) {
  return db.selectFrom('payments').selectAll().where('business_id', '=', businessId).where('id', '=', paymentId).forUpdate().executeTakeFirst();
}

export async function findPayment(db: Db, businessId: string, paymentId: string) {
  return db.selectFrom('payments').selectAll().where('business_id', '=', businessId).where('id', '=', paymentId).executeTakeFirst();
}

export async function findPaymentByKey(db: Db, businessId: string, paymentKey: string) {
  return db.selectFrom('payments').selectAll().where('business_id', '=', businessId).where('payment_key', '=', paymentKey).executeTakeFirst();
}

export async function findPaymentOfBooking(db: Db, businessId: string, bookingId: string) {
  return db.selectFrom('payments').selectAll().where('business_id', '=', businessId).where('booking_id', '=', bookingId).executeTakeFirst();
}

export async function lockPaymentOfBooking(db: Db, businessId: string, bookingId: string) {
  return db.selectFrom('payments').selectAll().where('business_id', '=', businessId).where('booking_id', '=', bookingId).forUpdate().executeTakeFirst();
}

export async function listPaymentsOfBookings(db: Db, businessId: string, bookingIds: readonly string[]) {
  if (bookingIds.length === 0) return [];
  return db.selectFrom('payments').selectAll().where('business_id', '=', businessId).where('booking_id', 'in', bookingIds).execute();
}

export async function updatePayment(db: Db, businessId: string, paymentId: string, changes: Omit<Updateable<PaymentsTable>, 'id' | 'business_id'>) {
  await db
    .updateTable('payments')
    .set({ ...changes, updated_at: sql<Date>`now()` })
    .where('business_id', '=', businessId)
    .where('id', '=', paymentId)
    .execute();
}

/** A provider fact, stored once (the dedupe key says which fact it is). */
export async function insertPaymentEvent(
  db: Db,
  businessId: string,
  event: { paymentId: string | null; source: 'confirm' | 'lookup' | 'webhook' | 'cancel'; dedupeKey: string; providerStatus: string | null; body: unknown },
) {
  await db
    .insertInto('payment_events')
    .values({
      business_id: businessId,
      payment_id: event.paymentId,
      source: event.source,
      dedupe_key: event.dedupeKey,
      provider_status: event.providerStatus,
      body: JSON.stringify(event.body ?? null),
    })
    .onConflict((oc) => oc.column('dedupe_key').doNothing())
    .execute();
}

/**
 * What the sweep looks at: confirms left unfinished (a crash, a lost reply) and checkouts whose time is over.
 * @installation the sweep of every business, by the partial index on open payments.
 */
export async function listOpenPayments(db: Db, now: Date, staleConfirmBefore: Date, limit = 100) {
  return db
    .selectFrom('payments')
    .select(['id', 'business_id', 'status'])
    .where((eb) =>
      eb.or([
        eb.and([eb('status', '=', 'confirming'), eb('confirm_started_at', '<', staleConfirmBefore)]),
        eb.and([eb('status', '=', 'pending'), eb('expires_at', '<=', now)]),
      ]),
    )
    .orderBy('updated_at')
    .limit(limit)
    .execute();
}

export async function countPayments(db: Db, businessId: string) {
  const row = await db.selectFrom('payments').select(sql<string>`count(*)`.as('n')).where('business_id', '=', businessId).executeTakeFirstOrThrow();
  return Number(row.n);
}

/** The business's first product paid at booking (the demo's). */
export async function findPrepaidProductId(db: Db, businessId: string) {
  const row = await db.selectFrom('products').select('id').where('business_id', '=', businessId).where('payment_mode', '=', 'prepaid').orderBy('sort_order').executeTakeFirst();
  return row?.id ?? null;
}
