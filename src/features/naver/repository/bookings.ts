import { sql, type Expression, type Kysely } from 'kysely';
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

/**
 * Serialises all work on one booking until the transaction ends, on PostgreSQL
 * across processes; concurrent first events of a booking then cannot both
 * create a schedule.
 */
export async function lockBooking(db: Db, businessId: string, bookingId: string) {
  await sql`select pg_advisory_xact_lock(hashtextextended(${businessId + ':naver:' + bookingId}, 0))`.execute(db);
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

/**
 * Everything one delivery needs to decide and apply, in one statement, read
 * after the booking's lock so it is as current as the transaction can see:
 * whether the event was seen, the booking as last applied, the business's
 * zone, its 네이버예약 staff, the department linked to the event's product,
 * the fallback memo type, and the ids of the users to alert (`recipients`, a
 * query of the auth feature embedded here). Nothing of it is kept between
 * deliveries, so a change of any of it applies to the next event.
 */
export async function findDeliveryFacts(
  db: Db,
  businessId: string,
  keys: { eventId: string; bookingId: string; productId: string },
  recipients: Expression<{ id: string }>,
) {
  return db
    .selectFrom('businesses as bz')
    .leftJoin('departments as d', (j) => j.onRef('d.business_id', '=', 'bz.id').on('d.naver_product_id', '=', keys.productId))
    .leftJoin(
      (eb) =>
        eb
          .selectFrom('naver_bookings as b')
          .innerJoin('schedules as s', (j) => j.onRef('s.business_id', '=', 'b.business_id').onRef('s.id', '=', 'b.schedule_id'))
          .select(['b.business_id', 'b.booking_id', 'b.schedule_id', 'b.revision', 'b.product_id', 's.status', 's.version', 's.department_id', 's.starts_at', 's.ends_at'])
          .where('b.business_id', '=', businessId)
          .where('b.booking_id', '=', keys.bookingId)
          .as('k'),
      (j) => j.onRef('k.business_id', '=', 'bz.id'),
    )
    .select((eb) => [
      'bz.time_zone',
      eb
        .selectFrom('naver_inbound_events as e')
        .select('e.outcome')
        .where('e.business_id', '=', businessId)
        .where('e.event_id', '=', keys.eventId)
        .as('seen'),
      eb.selectFrom('staff').select('staff.id').where('staff.business_id', '=', businessId).where('staff.kind', '=', 'naver').as('naver_staff_id'),
      'd.id as department_id',
      'd.name as department_name',
      eb
        .selectFrom('memo_types as mt')
        .select('mt.id')
        .where('mt.business_id', '=', businessId)
        .where('mt.visible', '=', true)
        .orderBy('mt.sort_order')
        .orderBy('mt.name')
        .limit(1)
        .as('first_visible_memo_type_id'),
      sql<string[]>`array(${recipients})::text[]`.as('recipients'),
      'k.schedule_id as known_schedule_id',
      'k.revision as known_revision',
      'k.product_id as known_product_id',
      'k.status as known_status',
      'k.version as known_version',
      'k.department_id as known_department_id',
      'k.starts_at as known_starts_at',
      'k.ends_at as known_ends_at',
    ])
    .where('bz.id', '=', businessId)
    .executeTakeFirst();
}

/** A new booking's map row and the event that made it, in one statement. */
export async function insertBookingWithEvent(
  db: Db,
  values: { businessId: string; bookingId: string; scheduleId: string; revision: number; productId: string; eventId: string; type: string },
) {
  await db
    .with('b', (w) =>
      w
        .insertInto('naver_bookings')
        .values({ business_id: values.businessId, booking_id: values.bookingId, schedule_id: values.scheduleId, revision: values.revision, product_id: values.productId }),
    )
    .insertInto('naver_inbound_events')
    .values({ business_id: values.businessId, event_id: values.eventId, booking_id: values.bookingId, type: values.type, revision: values.revision, outcome: 'created' })
    .onConflict((oc) => oc.columns(['business_id', 'event_id']).doNothing())
    .execute();
}
