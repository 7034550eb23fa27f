import { sql, type Kysely } from 'kysely';
import type { DB } from '../../../platform/db/types.ts';
import '../constraints.ts';

/** Naver bookings as the inbound sync sees them: the events received, the booking ↔ schedule map, the sync's memo (NAVER-4..6). */

type Db = Kysely<DB>;

/** Records an event id; false when it was recorded before (a duplicate delivery). */
export async function recordEventOnce(
  db: Db,
  values: { businessId: string; eventId: string; bookingId: string; type: string; revision: number; outcome: 'created' | 'updated' | 'stale' },
): Promise<boolean> {
  const row = await db
    .insertInto('naver_inbound_events')
    .values({ business_id: values.businessId, event_id: values.eventId, booking_id: values.bookingId, type: values.type, revision: values.revision, outcome: values.outcome })
    .onConflict((oc) => oc.columns(['business_id', 'event_id']).doNothing())
    .returning('event_id')
    .executeTakeFirst();
  return row !== undefined;
}

export async function eventSeen(db: Db, businessId: string, eventId: string) {
  const row = await db
    .selectFrom('naver_inbound_events')
    .select('outcome')
    .where('business_id', '=', businessId)
    .where('event_id', '=', eventId)
    .executeTakeFirst();
  return row?.outcome ?? null;
}

/**
 * Serialises all work on one booking until the transaction ends, on PostgreSQL
 * across processes; concurrent first events of a booking then cannot both
 * create a schedule.
 */
export async function lockBooking(db: Db, businessId: string, bookingId: string) {
  await sql`select pg_advisory_xact_lock(hashtextextended(${businessId + ':naver:' + bookingId}, 0))`.execute(db);
}

export async function findBooking(db: Db, businessId: string, bookingId: string) {
  return db
    .selectFrom('naver_bookings as b')
    .innerJoin('schedules as s', (j) => j.onRef('s.business_id', '=', 'b.business_id').onRef('s.id', '=', 'b.schedule_id'))
    .select(['b.booking_id', 'b.schedule_id', 'b.revision', 'b.product_id', 's.status', 's.version', 's.department_id', 's.starts_at', 's.ends_at'])
    .where('b.business_id', '=', businessId)
    .where('b.booking_id', '=', bookingId)
    .executeTakeFirst();
}

export async function findBookingBySchedule(db: Db, businessId: string, scheduleId: string) {
  return db
    .selectFrom('naver_bookings')
    .select(['booking_id', 'product_id', 'revision'])
    .where('business_id', '=', businessId)
    .where('schedule_id', '=', scheduleId)
    .executeTakeFirst();
}

export async function insertBooking(db: Db, values: { businessId: string; bookingId: string; scheduleId: string; revision: number; productId: string }) {
  await db
    .insertInto('naver_bookings')
    .values({ business_id: values.businessId, booking_id: values.bookingId, schedule_id: values.scheduleId, revision: values.revision, product_id: values.productId })
    .execute();
}

export async function updateBookingRevision(db: Db, values: { businessId: string; bookingId: string; revision: number; productId: string }) {
  await db
    .updateTable('naver_bookings')
    .set({ revision: values.revision, product_id: values.productId, updated_at: sql<Date>`now()` })
    .where('business_id', '=', values.businessId)
    .where('booking_id', '=', values.bookingId)
    .execute();
}

export async function setBookingProduct(db: Db, businessId: string, scheduleId: string, productId: string) {
  await db
    .updateTable('naver_bookings')
    .set({ product_id: productId, updated_at: sql<Date>`now()` })
    .where('business_id', '=', businessId)
    .where('schedule_id', '=', scheduleId)
    .execute();
}

export async function findNaverStaff(db: Db, businessId: string) {
  return db.selectFrom('staff').select(['id', 'name']).where('business_id', '=', businessId).where('kind', '=', 'naver').executeTakeFirstOrThrow();
}

/** The memo that holds a booking's options and requests: written by the sync (no author), one per schedule. */
export async function findSyncMemo(db: Db, businessId: string, scheduleId: string) {
  return db
    .selectFrom('schedule_memos')
    .select(['id', 'body', 'memo_type_id'])
    .where('business_id', '=', businessId)
    .where('schedule_id', '=', scheduleId)
    .where('created_by', 'is', null)
    .orderBy('created_at')
    .executeTakeFirst();
}

export async function updateMemoBody(db: Db, businessId: string, memoId: string, body: string) {
  await db.updateTable('schedule_memos').set({ body }).where('business_id', '=', businessId).where('id', '=', memoId).execute();
}

export async function findFirstVisibleMemoType(db: Db, businessId: string) {
  return db
    .selectFrom('memo_types')
    .select(['id', 'name'])
    .where('business_id', '=', businessId)
    .where('visible', '=', true)
    .orderBy('sort_order')
    .orderBy('name')
    .executeTakeFirst();
}
