import { sql, type Insertable, type Kysely, type Selectable, type Updateable } from 'kysely';
import type { BookingStatus, BookingsTable, DB } from '../../platform/db/types.ts';
import type { BookingSearch } from './domain/search.ts';

type Db = Kysely<DB>;

export type BookingRow = Selectable<BookingsTable>;

/**
 * 예약번호: short digits from one sequence, unique across businesses (a customer reads it over the phone).
 * @installation one sequence numbers every business's bookings.
 */
export async function nextBookingNumber(db: Db): Promise<string> {
  const { rows } = await sql<{ n: string }>`select nextval('booking_number_seq')::text as n`.execute(db);
  return rows[0]!.n;
}

export async function insertBooking(
  db: Db,
  businessId: string,
  values: Omit<Insertable<BookingsTable>, 'id' | 'business_id' | 'created_at' | 'updated_at' | 'cancelled_by' | 'cancel_reason' | 'refund_percent' | 'cancelled_at' | 'completed_at'> & { request: string; prepaid: boolean },
) {
  return db
    .insertInto('bookings')
    .values({ ...values, business_id: businessId })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function insertBookingLines(
  db: Db,
  businessId: string,
  lines: readonly { booking_id: string; detail_number: string; line_no: number; slot_starts_at: Date | null; booking_schedule_id: string | null; price_name: string; unit_amount: number; quantity: number }[],
) {
  await db
    .insertInto('booking_lines')
    .values(lines.map((line) => ({ ...line, business_id: businessId })))
    .execute();
}

export async function listBookingLines(db: Db, businessId: string, bookingIds: readonly string[]) {
  if (bookingIds.length === 0) return [];
  return db
    .selectFrom('booking_lines')
    .select(['booking_id', 'detail_number', 'line_no', 'slot_starts_at', 'booking_schedule_id', 'price_name', 'unit_amount', 'quantity'])
    .where('business_id', '=', businessId)
    .where('booking_id', 'in', bookingIds)
    .orderBy('booking_id')
    .orderBy('line_no')
    .execute();
}

const bookingListColumns = [
  'b.id',
  'b.business_id',
  'b.booking_number',
  'b.place_id',
  'b.product_id',
  'b.customer_id',
  'b.schedule_id',
  'b.customer_name',
  'b.customer_phone',
  'b.request',
  'b.status',
  'b.usage_starts_at',
  'b.usage_ends_at',
  'b.usage_label',
  'b.total_amount',
  'b.total_quantity',
  'b.cancelled_by',
  'b.cancel_reason',
  'b.refund_percent',
  'b.created_at',
  'b.confirmed_at',
  'b.cancelled_at',
  'b.completed_at',
  'b.updated_at',
  'b.prepaid',
  'p.name as product_name',
  'p.booking_type',
  'p.payment_mode',
  'p.cancellation_policy',
  'pl.name as place_name',
] as const;

function bookingView(db: Db) {
  return db
    .selectFrom('bookings as b')
    .innerJoin('products as p', (j) => j.onRef('p.business_id', '=', 'b.business_id').onRef('p.id', '=', 'b.product_id'))
    .innerJoin('places as pl', (j) => j.onRef('pl.business_id', '=', 'b.business_id').onRef('pl.id', '=', 'b.place_id'));
}

export type BookingViewRow = Awaited<ReturnType<typeof findBookingView>> & object;

export async function findBookingView(db: Db, businessId: string, bookingId: string) {
  return bookingView(db).select(bookingListColumns).where('b.business_id', '=', businessId).where('b.id', '=', bookingId).executeTakeFirst();
}

/**
 * A booking by its number, with what its views show.
 * @installation the customer's own lookup knows only the booking number (unique across businesses); the row names its business.
 */
export async function findBookingViewByNumber(db: Db, bookingNumber: string) {
  return bookingView(db).select(bookingListColumns).where('b.booking_number', '=', bookingNumber).executeTakeFirst();
}

export async function findBookingIdBySchedule(db: Db, businessId: string, scheduleId: string) {
  return db.selectFrom('bookings').select(['id', 'booking_number']).where('business_id', '=', businessId).where('schedule_id', '=', scheduleId).executeTakeFirst();
}

export async function findBookingStatus(db: Db, businessId: string, bookingId: string) {
  const row = await db.selectFrom('bookings').select('status').where('business_id', '=', businessId).where('id', '=', bookingId).executeTakeFirst();
  return row?.status ?? null;
}

/** The booking row, locked for a status change: changes of one booking (partner center, calendar, customer) queue here. */
export async function lockBooking(db: Db, businessId: string, bookingId: string) {
  return db.selectFrom('bookings').selectAll().where('business_id', '=', businessId).where('id', '=', bookingId).forUpdate().executeTakeFirst();
}

export async function updateBooking(db: Db, businessId: string, bookingId: string, changes: Omit<Updateable<BookingsTable>, 'id' | 'business_id'>) {
  await db
    .updateTable('bookings')
    .set({ ...changes, updated_at: sql<Date>`now()` })
    .where('business_id', '=', businessId)
    .where('id', '=', bookingId)
    .execute();
}

export interface BookingFilters {
  from?: Date;
  to?: Date;
  productId?: string;
  status?: BookingStatus;
  /** Digits: booking number or phone digits; otherwise a name. */
  q?: BookingSearch;
  limit: number;
  offset: number;
}

export async function listBookings(db: Db, businessId: string, filters: BookingFilters) {
  let query = bookingView(db).where('b.business_id', '=', businessId);
  if (filters.from) query = query.where('b.usage_starts_at', '>=', filters.from);
  if (filters.to) query = query.where('b.usage_starts_at', '<', filters.to);
  if (filters.productId) query = query.where('b.product_id', '=', filters.productId);
  if (filters.status) query = query.where('b.status', '=', filters.status);
  const q = filters.q;
  if (q?.kind === 'number') {
    query = query.where((eb) => eb.or([eb('b.booking_number', '=', q.value), eb('b.customer_phone', 'like', `%${q.value}%`)]));
  } else if (q?.kind === 'phone') {
    query = query.where('b.customer_phone', 'like', `%${q.value}%`);
  } else if (q?.kind === 'name') {
    query = query.where('b.customer_name', 'ilike', `%${q.value.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
  }
  const [items, total] = await Promise.all([
    query.select(bookingListColumns).orderBy('b.usage_starts_at', 'desc').orderBy('b.id').limit(filters.limit).offset(filters.offset).execute(),
    query.select(sql<string>`count(*)`.as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items, total: Number(total.n) };
}

/** Where a booking lands in the calendar: the product's staff, or the virtual "예약페이지" column. */
export async function findBookingPageStaff(db: Db, businessId: string) {
  return db.selectFrom('staff').select(['id', 'name']).where('business_id', '=', businessId).where('kind', '=', 'booking_page').executeTakeFirstOrThrow();
}

export async function findActiveStaff(db: Db, businessId: string, staffId: string) {
  return db.selectFrom('staff').select(['id', 'name', 'department_id']).where('business_id', '=', businessId).where('id', '=', staffId).where('active', '=', true).executeTakeFirst();
}

export async function findFirstVisibleMemoType(db: Db, businessId: string) {
  return db.selectFrom('memo_types').select('id').where('business_id', '=', businessId).where('visible', '=', true).orderBy('sort_order').orderBy('name').executeTakeFirst();
}

// ------------------------------------------------------------------ holds

export async function insertHold(db: Db, values: { businessId: string; productId: string; lines: string; quantity: number; clientKey: string; expiresAt: Date }) {
  return db
    .insertInto('booking_holds')
    .values({ business_id: values.businessId, product_id: values.productId, lines: values.lines, quantity: values.quantity, client_key: values.clientKey, expires_at: values.expiresAt })
    .returning(['id', 'expires_at'])
    .executeTakeFirstOrThrow();
}

/** What one client holds on a business's booking page right now, and when the first of it is given back. */
export async function heldByClient(db: Db, businessId: string, clientKey: string, now: Date): Promise<{ quantity: number; firstExpiry: Date | null }> {
  const row = await db
    .selectFrom('booking_holds')
    .select((eb) => [eb.fn.coalesce(eb.fn.sum<string>('quantity'), sql<string>`0`).as('quantity'), eb.fn.min('expires_at').as('firstExpiry')])
    .where('business_id', '=', businessId)
    .where('client_key', '=', clientKey)
    .where('expires_at', '>', now)
    .executeTakeFirstOrThrow();
  return { quantity: Number(row.quantity), firstExpiry: row.firstExpiry ? new Date(row.firstExpiry) : null };
}

export async function lockHold(db: Db, businessId: string, holdId: string) {
  return db.selectFrom('booking_holds').selectAll().where('business_id', '=', businessId).where('id', '=', holdId).forUpdate().executeTakeFirst();
}

/** PAY-1: the hold lasts while its customer pays (its claims follow: inventory's extendHoldClaims). */
export async function extendHold(db: Db, businessId: string, holdId: string, until: Date) {
  await db.updateTable('booking_holds').set({ expires_at: until }).where('business_id', '=', businessId).where('id', '=', holdId).execute();
}

/** Deleting a hold deletes its claims (foreign key cascade). */
export async function deleteHold(db: Db, businessId: string, holdId: string) {
  await db.deleteFrom('booking_holds').where('business_id', '=', businessId).where('id', '=', holdId).execute();
}

/**
 * The customer gives a hold back.
 * @installation the booking page names its hold by id only (a random UUID, known only to who took it).
 */
export async function releaseHoldById(db: Db, holdId: string) {
  await db.deleteFrom('booking_holds').where('id', '=', holdId).execute();
}

/** Expired holds count for nothing already; a business's are swept whenever it takes a new one, so the table stays small. */
export async function deleteExpiredHolds(db: Db, businessId: string, now: Date) {
  const result = await db.deleteFrom('booking_holds').where('business_id', '=', businessId).where('expires_at', '<=', now).executeTakeFirst();
  return Number(result.numDeletedRows);
}

// -------------------------------------------------------------- inquiries

export async function insertInquiry(db: Db, values: { businessId: string; placeId: string; productId: string | null; authorName: string; authorPhone: string; body: string }) {
  return db
    .insertInto('booking_inquiries')
    .values({
      business_id: values.businessId,
      place_id: values.placeId,
      product_id: values.productId,
      author_name: values.authorName,
      author_phone: values.authorPhone,
      body: values.body,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

function inquiryView(db: Db) {
  return db
    .selectFrom('booking_inquiries as i')
    .innerJoin('places as pl', (j) => j.onRef('pl.business_id', '=', 'i.business_id').onRef('pl.id', '=', 'i.place_id'))
    .leftJoin('products as p', (j) => j.onRef('p.business_id', '=', 'i.business_id').onRef('p.id', '=', 'i.product_id'))
    .leftJoin('users as u', (j) => j.onRef('u.business_id', '=', 'i.business_id').onRef('u.id', '=', 'i.replied_by'))
    .selectAll('i')
    .select(['pl.name as place_name', 'p.name as product_name', 'u.name as replied_by_name']);
}

export async function listInquiries(db: Db, businessId: string, unansweredOnly: boolean, limit: number, offset: number) {
  let query = inquiryView(db).where('i.business_id', '=', businessId);
  if (unansweredOnly) query = query.where('i.reply', 'is', null);
  return query.orderBy(sql`i.reply is null`, 'desc').orderBy('i.created_at', 'desc').limit(limit).offset(offset).execute();
}

export async function findInquiry(db: Db, businessId: string, id: string) {
  return inquiryView(db).where('i.business_id', '=', businessId).where('i.id', '=', id).executeTakeFirst();
}

export async function replyInquiry(db: Db, businessId: string, id: string, reply: string, userId: string) {
  const result = await db
    .updateTable('booking_inquiries')
    .set({ reply, replied_at: sql<Date>`now()`, replied_by: userId })
    .where('business_id', '=', businessId)
    .where('id', '=', id)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

export async function countUnansweredInquiries(db: Db, businessId: string) {
  const row = await db.selectFrom('booking_inquiries').select(sql<string>`count(*)`.as('n')).where('business_id', '=', businessId).where('reply', 'is', null).executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function bookingCounts(db: Db, businessId: string, dayFrom: Date, dayTo: Date) {
  const row = await db
    .selectFrom('bookings')
    .select([
      sql<string>`count(*) filter (where status = 'pending')`.as('pending'),
      sql<string>`count(*) filter (where usage_starts_at >= ${dayFrom} and usage_starts_at < ${dayTo} and status in ('pending', 'confirmed', 'completed'))`.as('today'),
    ])
    .where('business_id', '=', businessId)
    .executeTakeFirstOrThrow();
  return { pending: Number(row.pending), today: Number(row.today) };
}
