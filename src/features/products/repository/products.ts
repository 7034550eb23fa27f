import { sql, type Insertable, type Kysely, type Updateable } from 'kysely';
import type { DB, ProductsTable } from '../../../platform/db/types.ts';
import '../constraints.ts';

type Db = Kysely<DB>;

/** Bookings that still hold what they booked; cancelled and rejected ones gave it back. */
const LIVE_BOOKING_STATUSES = ['pending', 'confirmed', 'completed'] as const;

// Products

export async function listProducts(db: Db, businessId: string, placeId: string | undefined) {
  let query = db
    .selectFrom('products')
    .innerJoin('places', (join) => join.onRef('places.business_id', '=', 'products.business_id').onRef('places.id', '=', 'products.place_id'))
    .selectAll('products')
    .select('places.name as place_name')
    .where('products.business_id', '=', businessId);
  if (placeId) query = query.where('products.place_id', '=', placeId);
  return query.orderBy('places.sort_order').orderBy('products.sort_order').orderBy('products.created_at').orderBy('products.id').execute();
}

/** A product of one place of the business (a booking-page inquiry may name one). */
export async function findProductAtPlace(db: Db, businessId: string, placeId: string, productId: string) {
  return db.selectFrom('products').select(['id']).where('business_id', '=', businessId).where('id', '=', productId).where('place_id', '=', placeId).executeTakeFirst();
}

export async function nextProductSortOrder(db: Db, businessId: string, placeId: string): Promise<number> {
  const row = await db
    .selectFrom('products')
    .select(sql<number>`coalesce(max(sort_order), -1) + 1`.as('next'))
    .where('business_id', '=', businessId)
    .where('place_id', '=', placeId)
    .executeTakeFirst();
  return Number(row?.next ?? 0);
}

export async function insertProduct(db: Db, businessId: string, values: Omit<Insertable<ProductsTable>, 'business_id'>) {
  return db
    .insertInto('products')
    .values({ ...values, business_id: businessId })
    .returning('id')
    .executeTakeFirstOrThrow();
}

/** Every write to a product's rules or quantities moves its version on (the booking page and other editors see a change). */
export async function updateProduct(db: Db, businessId: string, id: string, changes: Updateable<ProductsTable>) {
  await db
    .updateTable('products')
    .set({ ...changes, version: sql<number>`version + 1`, updated_at: new Date() })
    .where('business_id', '=', businessId)
    .where('id', '=', id)
    .execute();
}

/** Column changes of an edit; the edit itself moves the version on once (updateProduct). */
export async function setProductColumns(db: Db, businessId: string, id: string, changes: Updateable<ProductsTable>) {
  const set = Object.fromEntries(Object.entries(changes).filter(([, v]) => v !== undefined));
  if (Object.keys(set).length === 0) return;
  await db.updateTable('products').set(set).where('business_id', '=', businessId).where('id', '=', id).execute();
}

export async function deleteProduct(db: Db, businessId: string, id: string) {
  await db.deleteFrom('products').where('business_id', '=', businessId).where('id', '=', id).execute();
}

export async function productHasBookings(db: Db, businessId: string, productId: string): Promise<boolean> {
  const row = await db.selectFrom('bookings').select('id').where('business_id', '=', businessId).where('product_id', '=', productId).limit(1).executeTakeFirst();
  return row !== undefined;
}

// 운영기간 and hidden slots (시간예약형)

export async function insertOperatingPeriod(
  db: Db,
  values: { businessId: string; productId: string; startsOn: string; endsOn: string; weeklyHours: unknown; bookingOpensAt: Date | null },
) {
  return db
    .insertInto('product_operating_periods')
    .values({
      business_id: values.businessId,
      product_id: values.productId,
      starts_on: values.startsOn,
      ends_on: values.endsOn,
      weekly_hours: JSON.stringify(values.weeklyHours),
      booking_opens_at: values.bookingOpensAt,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
}

export async function updateOperatingPeriod(
  db: Db,
  businessId: string,
  productId: string,
  id: string,
  changes: { startsOn?: string; endsOn?: string; weeklyHours?: unknown; bookingOpensAt?: Date | null },
) {
  return db
    .updateTable('product_operating_periods')
    .set({
      starts_on: changes.startsOn,
      ends_on: changes.endsOn,
      weekly_hours: changes.weeklyHours === undefined ? undefined : JSON.stringify(changes.weeklyHours),
      booking_opens_at: changes.bookingOpensAt,
    })
    .where('business_id', '=', businessId)
    .where('product_id', '=', productId)
    .where('id', '=', id)
    .returning('id')
    .executeTakeFirst();
}

export async function deleteOperatingPeriod(db: Db, businessId: string, productId: string, id: string) {
  return db
    .deleteFrom('product_operating_periods')
    .where('business_id', '=', businessId)
    .where('product_id', '=', productId)
    .where('id', '=', id)
    .returning('id')
    .executeTakeFirst();
}

export async function hideSlot(db: Db, businessId: string, productId: string, startsAt: Date) {
  await db
    .insertInto('product_hidden_slots')
    .values({ business_id: businessId, product_id: productId, starts_at: startsAt })
    .onConflict((oc) => oc.doNothing())
    .execute();
}

export async function showSlot(db: Db, businessId: string, productId: string, startsAt: Date) {
  await db.deleteFrom('product_hidden_slots').where('business_id', '=', businessId).where('product_id', '=', productId).where('starts_at', '=', startsAt).execute();
}

// 일정, 가격, 예약 스케줄, 수량 (날짜/시간형, 날짜형, 상시형)

export interface ScheduleValues {
  usage_date: string | null;
  usage_start_minute: number | null;
  usage_from: string | null;
  usage_to: string | null;
  booking_opens_at: Date;
  booking_closes_at: Date;
}

export async function insertSchedule(db: Db, businessId: string, productId: string, values: ScheduleValues) {
  return db
    .insertInto('product_schedules')
    .values({ business_id: businessId, product_id: productId, ...values })
    .returning('id')
    .executeTakeFirstOrThrow();
}

export async function updateSchedule(db: Db, businessId: string, productId: string, id: string, changes: Partial<ScheduleValues>) {
  return db
    .updateTable('product_schedules')
    .set(changes)
    .where('business_id', '=', businessId)
    .where('product_id', '=', productId)
    .where('id', '=', id)
    .returning('id')
    .executeTakeFirst();
}

export async function deleteSchedule(db: Db, businessId: string, productId: string, id: string) {
  return db
    .deleteFrom('product_schedules')
    .where('business_id', '=', businessId)
    .where('product_id', '=', productId)
    .where('id', '=', id)
    .returning('id')
    .executeTakeFirst();
}

export interface PriceValues {
  name: string;
  amount: number;
  bookable_from: string;
  bookable_to: string;
  max_quantity: number | null;
}

export async function nextPriceSortOrder(db: Db, businessId: string, productId: string): Promise<number> {
  const row = await db
    .selectFrom('product_prices')
    .select(sql<number>`coalesce(max(sort_order), -1) + 1`.as('next'))
    .where('business_id', '=', businessId)
    .where('product_id', '=', productId)
    .executeTakeFirst();
  return Number(row?.next ?? 0);
}

export async function insertPrice(db: Db, businessId: string, productId: string, values: PriceValues & { sort_order: number }) {
  return db
    .insertInto('product_prices')
    .values({ business_id: businessId, product_id: productId, ...values })
    .returning('id')
    .executeTakeFirstOrThrow();
}

export async function updatePrice(db: Db, businessId: string, productId: string, id: string, changes: Partial<PriceValues> & { sort_order?: number }) {
  return db
    .updateTable('product_prices')
    .set(changes)
    .where('business_id', '=', businessId)
    .where('product_id', '=', productId)
    .where('id', '=', id)
    .returning('id')
    .executeTakeFirst();
}

export async function deletePrice(db: Db, businessId: string, productId: string, id: string) {
  return db
    .deleteFrom('product_prices')
    .where('business_id', '=', businessId)
    .where('product_id', '=', productId)
    .where('id', '=', id)
    .returning('id')
    .executeTakeFirst();
}

export async function insertBookingSchedules(
  db: Db,
  businessId: string,
  productId: string,
  pairs: readonly { scheduleId: string; priceId: string; quantity: number | null }[],
) {
  if (pairs.length === 0) return [];
  return db
    .insertInto('product_booking_schedules')
    .values(pairs.map((p) => ({ business_id: businessId, product_id: productId, schedule_id: p.scheduleId, price_id: p.priceId, quantity: p.quantity })))
    .returning(['id', 'schedule_id', 'price_id', 'quantity'])
    .execute();
}

export async function updateBookingScheduleQuantity(db: Db, businessId: string, productId: string, id: string, quantity: number | null) {
  return db
    .updateTable('product_booking_schedules')
    .set({ quantity })
    .where('business_id', '=', businessId)
    .where('product_id', '=', productId)
    .where('id', '=', id)
    .returning('id')
    .executeTakeFirst();
}

/** Switching to or from a mode that counts per booking schedule: quantities become 0 (nothing to sell until set) or go away. */
export async function resetBookingScheduleQuantities(db: Db, businessId: string, productId: string, quantity: 0 | null) {
  await db
    .updateTable('product_booking_schedules')
    .set({ quantity })
    .where('business_id', '=', businessId)
    .where('product_id', '=', productId)
    .execute();
}

export async function deleteBookingSchedule(db: Db, businessId: string, productId: string, id: string) {
  return db
    .deleteFrom('product_booking_schedules')
    .where('business_id', '=', businessId)
    .where('product_id', '=', productId)
    .where('id', '=', id)
    .returning('id')
    .executeTakeFirst();
}

export async function upsertStock(db: Db, businessId: string, productId: string, entries: readonly { key: string; quantity: number }[]) {
  if (entries.length === 0) return;
  await db
    .insertInto('product_stock')
    .values(entries.map((e) => ({ business_id: businessId, product_id: productId, stock_key: e.key, quantity: e.quantity })))
    .onConflict((oc) => oc.columns(['business_id', 'product_id', 'stock_key']).doUpdateSet((eb) => ({ quantity: eb.ref('excluded.quantity') })))
    .execute();
}

// What bookings hold on to

/** Booking schedules (of the given ids) that a live booking has a line on. */
export async function bookingSchedulesInUse(db: Db, businessId: string, bookingScheduleIds: readonly string[]): Promise<Set<string>> {
  if (bookingScheduleIds.length === 0) return new Set();
  const rows = await db
    .selectFrom('booking_lines')
    .innerJoin('bookings', (join) => join.onRef('bookings.business_id', '=', 'booking_lines.business_id').onRef('bookings.id', '=', 'booking_lines.booking_id'))
    .select('booking_lines.booking_schedule_id')
    .distinct()
    .where('booking_lines.business_id', '=', businessId)
    .where('booking_lines.booking_schedule_id', 'in', bookingScheduleIds)
    .where('bookings.status', 'in', LIVE_BOOKING_STATUSES)
    .execute();
  return new Set(rows.map((r) => r.booking_schedule_id!));
}
