import { sql, type Kysely } from 'kysely';
import type { DB } from '../../../platform/db/types.ts';
import { ANONYMISED_CUSTOMER_NAME } from '../../../shared/labels/consents.ts';
import '../constraints.ts';

type Db = Kysely<DB>;

/**
 * LAW-4: everything the business holds about one customer, read for the
 * export (개인정보 보호법 제35조 열람), and the erasure that anonymises it
 * (제36조 삭제). Both reach into the tables of the features that wrote the
 * rows (schedules, bookings, payments, loyalty, messaging), as the merge of
 * two customers does: erasing a person is one transaction over all of them,
 * and the customer is what every one of those rows points at.
 */

// ---------------------------------------------------------------- export (열람)

/** The business's name, which heads the export (who holds the data). */
export async function findBusinessName(db: Db, businessId: string): Promise<string> {
  const row = await db.selectFrom('businesses').select('name').where('id', '=', businessId).executeTakeFirst();
  return row?.name ?? '';
}

export async function listVisitsOfCustomer(db: Db, businessId: string, customerId: string) {
  return db
    .selectFrom('customer_visits')
    .select(['id', 'visited_at', 'source', 'amount', 'points_earned', 'points_used', 'schedule_id'])
    .where('business_id', '=', businessId)
    .where('customer_id', '=', customerId)
    .orderBy('visited_at')
    .orderBy('id')
    .execute();
}

/** The customer's schedules with their staff, oldest first. */
export async function listSchedulesForExport(db: Db, businessId: string, customerId: string) {
  return db
    .selectFrom('schedules')
    .innerJoin('staff', (j) => j.onRef('staff.id', '=', 'schedules.staff_id').onRef('staff.business_id', '=', 'schedules.business_id'))
    .select(['schedules.id', 'schedules.starts_at', 'schedules.ends_at', 'schedules.status', 'schedules.source', 'schedules.title', 'staff.name as staff_name', 'schedules.created_at'])
    .where('schedules.business_id', '=', businessId)
    .where('schedules.customer_id', '=', customerId)
    .orderBy('schedules.starts_at')
    .orderBy('schedules.id')
    .execute();
}

/** The memos written on the customer's schedules, with their kind. */
export async function listScheduleMemosOfCustomer(db: Db, businessId: string, customerId: string) {
  return db
    .selectFrom('schedule_memos as m')
    .innerJoin('schedules as s', (j) => j.onRef('s.id', '=', 'm.schedule_id').onRef('s.business_id', '=', 'm.business_id'))
    .innerJoin('memo_types as t', (j) => j.onRef('t.id', '=', 'm.memo_type_id').onRef('t.business_id', '=', 'm.business_id'))
    .select(['m.id', 'm.schedule_id', 't.name as memo_type', 'm.body', 'm.created_at'])
    .where('m.business_id', '=', businessId)
    .where('s.customer_id', '=', customerId)
    .orderBy('m.created_at')
    .orderBy('m.id')
    .execute();
}

/** The customer's bookings of the booking page, with the product's name. */
export async function listBookingsOfCustomer(db: Db, businessId: string, customerId: string) {
  return db
    .selectFrom('bookings as b')
    .innerJoin('products as p', (j) => j.onRef('p.id', '=', 'b.product_id').onRef('p.business_id', '=', 'b.business_id'))
    .select([
      'b.id',
      'b.booking_number',
      'p.name as product_name',
      'b.schedule_id',
      'b.customer_name',
      'b.customer_phone',
      'b.request',
      'b.status',
      'b.usage_label',
      'b.usage_starts_at',
      'b.usage_ends_at',
      'b.total_amount',
      'b.total_quantity',
      'b.cancelled_by',
      'b.cancel_reason',
      'b.created_at',
      'b.confirmed_at',
      'b.cancelled_at',
      'b.completed_at',
    ])
    .where('b.business_id', '=', businessId)
    .where('b.customer_id', '=', customerId)
    .orderBy('b.created_at')
    .orderBy('b.id')
    .execute();
}

export async function listBookingLinesOf(db: Db, businessId: string, bookingIds: readonly string[]) {
  if (bookingIds.length === 0) return [];
  return db
    .selectFrom('booking_lines')
    .select(['booking_id', 'line_no', 'detail_number', 'price_name', 'unit_amount', 'quantity', 'slot_starts_at'])
    .where('business_id', '=', businessId)
    .where('booking_id', 'in', bookingIds)
    .orderBy('booking_id')
    .orderBy('line_no')
    .execute();
}

/** The payments that made the customer's bookings (PAY-1): amounts and dates, the records 전자상거래법 keeps. */
export async function listPaymentsOfBookings(db: Db, businessId: string, bookingIds: readonly string[]) {
  if (bookingIds.length === 0) return [];
  return db
    .selectFrom('payments')
    .select([
      'id',
      'booking_id',
      'order_id',
      'order_name',
      'customer_name',
      'customer_phone',
      'status',
      'amount_gross',
      'coupon_business',
      'coupon_platform',
      'points',
      'amount_pg',
      'method_label',
      'paid_at',
      'created_at',
    ])
    .where('business_id', '=', businessId)
    .where('booking_id', 'in', bookingIds)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
}

export async function listRefundsOfPayments(db: Db, businessId: string, paymentIds: readonly string[]) {
  if (paymentIds.length === 0) return [];
  return db
    .selectFrom('refunds')
    .select(['id', 'payment_id', 'kind', 'status', 'amount_pg', 'points', 'coupon_platform', 'refund_percent', 'created_at', 'done_at'])
    .where('business_id', '=', businessId)
    .where('payment_id', 'in', paymentIds)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
}

/** The coupon messages the customer received (MSG-11), each with its coupon and whether it was used. */
export async function listMessagesReceived(db: Db, businessId: string, customerId: string) {
  return db
    .selectFrom('message_recipients as r')
    .innerJoin('messages as m', (j) => j.onRef('m.id', '=', 'r.message_id').onRef('m.business_id', '=', 'r.business_id'))
    .select([
      'r.id',
      'm.title',
      'm.channel',
      'm.advertising',
      'r.name',
      'r.phone',
      'r.status',
      'r.status_at',
      'r.coupon_code',
      'r.coupon_expires_at',
      'r.coupon_redeemed_at',
      'm.send_at',
    ])
    .where('r.business_id', '=', businessId)
    .where('r.customer_id', '=', customerId)
    .orderBy('m.send_at')
    .orderBy('r.id')
    .execute();
}

/** The notices sent (or to be sent) to the customer (NOTI-1 … NOTI-4, LAW-3). */
export async function listNoticesOfCustomer(db: Db, businessId: string, customerId: string) {
  return db
    .selectFrom('customer_notices')
    .select(['id', 'event', 'name', 'phone', 'channel', 'status', 'status_reason', 'text', 'send_at', 'sent_at', 'created_at'])
    .where('business_id', '=', businessId)
    .where('customer_id', '=', customerId)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
}

/** Booking inquiries left under the customer's name and phone (they carry no customer id). */
export async function listInquiriesOfPerson(db: Db, businessId: string, person: { name: string; phone: string }) {
  return db
    .selectFrom('booking_inquiries')
    .select(['id', 'author_name', 'author_phone', 'body', 'reply', 'replied_at', 'created_at'])
    .where('business_id', '=', businessId)
    .where('author_name', '=', person.name)
    .where('author_phone', '=', person.phone)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
}

export async function findErasure(db: Db, businessId: string, customerId: string) {
  return db
    .selectFrom('customer_erasures as e')
    .leftJoin('users as u', (j) => j.onRef('u.id', '=', 'e.requested_by').onRef('u.business_id', '=', 'e.business_id'))
    .select(['e.id', 'e.reason', 'e.cleared', 'e.created_at', 'u.name as requested_by_name'])
    .where('e.business_id', '=', businessId)
    .where('e.customer_id', '=', customerId)
    .executeTakeFirst();
}

// ---------------------------------------------------------------- erasure (삭제)

/** Schedules and booking-page bookings still to come: an erasure waits until they are over or cancelled. */
export async function countUpcomingOfCustomer(db: Db, businessId: string, customerId: string, now: Date): Promise<number> {
  const schedules = await db
    .selectFrom('schedules')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('business_id', '=', businessId)
    .where('customer_id', '=', customerId)
    .where('status', 'in', ['pending', 'confirmed'])
    .where('ends_at', '>', now)
    .executeTakeFirstOrThrow();
  const bookings = await db
    .selectFrom('bookings')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('business_id', '=', businessId)
    .where('customer_id', '=', customerId)
    .where('status', 'in', ['pending', 'confirmed'])
    .where('usage_ends_at', '>', now)
    .executeTakeFirstOrThrow();
  return Number(schedules.n) + Number(bookings.n);
}

/** The customer row itself: the person goes, the row (its id, loyalty counts) stays. */
export async function anonymiseCustomerRow(db: Db, businessId: string, customerId: string, now: Date) {
  await db
    .updateTable('customers')
    .set({
      name: ANONYMISED_CUSTOMER_NAME,
      phone: sql<string>`'anonymised:' || id::text`,
      memo: '',
      grade: null,
      tags: [],
      marketing_consent: false,
      marketing_consent_at: null,
      night_ad_consent: false,
      anonymised_at: now,
      updated_at: now,
    })
    .where('business_id', '=', businessId)
    .where('id', '=', customerId)
    .execute();
}

/**
 * The booking's own copy of who booked and what they asked for. The
 * booking's number, dates, lines and amounts stay: they are the record of a
 * contract and its payment, which 전자상거래법 keeps for 5 years.
 */
export async function anonymiseBookings(db: Db, businessId: string, customerId: string): Promise<number> {
  const rows = await db
    .updateTable('bookings')
    .set({ customer_name: ANONYMISED_CUSTOMER_NAME, customer_phone: '', request: '', updated_at: sql<Date>`now()` })
    .where('business_id', '=', businessId)
    .where('customer_id', '=', customerId)
    .returning('id')
    .execute();
  return rows.length;
}

/** Memos on the customer's schedules are free text about the person: deleted. */
export async function deleteScheduleMemosOfCustomer(db: Db, businessId: string, customerId: string): Promise<number> {
  const rows = await db
    .deleteFrom('schedule_memos')
    .where('business_id', '=', businessId)
    .where('schedule_id', 'in', (eb) => eb.selectFrom('schedules').select('id').where('business_id', '=', businessId).where('customer_id', '=', customerId))
    .returning('id')
    .execute();
  return rows.length;
}

/**
 * The name in the schedules' history (a merge records both names) and in
 * the shop's alerts about them (a booking alert starts with the name).
 */
export async function scrubNameFromScheduleTrail(db: Db, businessId: string, customerId: string, name: string) {
  const ofCustomer = db.selectFrom('schedules').select('id').where('business_id', '=', businessId).where('customer_id', '=', customerId);
  await db
    .updateTable('schedule_history')
    .set({ changes: sql<string>`changes - 'customer'` })
    .where('business_id', '=', businessId)
    .where('schedule_id', 'in', ofCustomer)
    .where(sql<boolean>`(changes -> 'customer') is not null`)
    .execute();
  if (name === '') return;
  await db
    .updateTable('notifications')
    .set({
      title: sql<string>`replace(title, ${name}, ${ANONYMISED_CUSTOMER_NAME})`,
      body: sql<string>`replace(body, ${name}, ${ANONYMISED_CUSTOMER_NAME})`,
    })
    .where('business_id', '=', businessId)
    .where('schedule_id', 'in', ofCustomer)
    .execute();
}

/**
 * Coupon messages received: the recipient's name and phone go, the coupon
 * (its code, expiry and use) stays. One not yet sent is failed instead, so
 * nothing is ever sent to the empty number.
 */
export async function anonymiseMessageRecipients(db: Db, businessId: string, customerId: string, reason: string): Promise<number> {
  await db
    .updateTable('message_recipients')
    .set({ status: 'failed', status_reason: reason, status_at: sql<Date>`now()` })
    .where('business_id', '=', businessId)
    .where('customer_id', '=', customerId)
    .where('status', '=', 'pending')
    .execute();
  const rows = await db
    .updateTable('message_recipients')
    .set({ name: ANONYMISED_CUSTOMER_NAME, phone: '' })
    .where('business_id', '=', businessId)
    .where('customer_id', '=', customerId)
    .returning('id')
    .execute();
  return rows.length;
}

/**
 * Notices to the customer: the name, phone, text and template values go
 * (they hold the name and the booking), the event, channel, status and
 * dates stay. A notice not yet sent is cancelled with the reason.
 */
export async function anonymiseNotices(db: Db, businessId: string, customerId: string, reason: string): Promise<number> {
  await db
    .updateTable('customer_notices')
    .set({ status: 'cancelled', status_reason: reason, status_at: sql<Date>`now()` })
    .where('business_id', '=', businessId)
    .where('customer_id', '=', customerId)
    .where('status', '=', 'pending')
    .execute();
  const rows = await db
    .updateTable('customer_notices')
    .set({ name: ANONYMISED_CUSTOMER_NAME, phone: '', text: null, variables: '{}' })
    .where('business_id', '=', businessId)
    .where('customer_id', '=', customerId)
    .returning('id')
    .execute();
  return rows.length;
}

/** Inquiries left under the person's name and phone: author and question go, the shop's reply stays. */
export async function anonymiseInquiries(db: Db, businessId: string, person: { name: string; phone: string }): Promise<number> {
  const rows = await db
    .updateTable('booking_inquiries')
    .set({ author_name: ANONYMISED_CUSTOMER_NAME, author_phone: '', body: '' })
    .where('business_id', '=', businessId)
    .where('author_name', '=', person.name)
    .where('author_phone', '=', person.phone)
    .returning('id')
    .execute();
  return rows.length;
}

export async function insertErasure(
  db: Db,
  businessId: string,
  values: { customerId: string; requestedBy: string; reason: string; cleared: Record<string, number>; at: Date },
) {
  await db
    .insertInto('customer_erasures')
    .values({ business_id: businessId, customer_id: values.customerId, requested_by: values.requestedBy, reason: values.reason, cleared: JSON.stringify(values.cleared), created_at: values.at })
    .execute();
}
