import { sql, type Kysely, type Selectable } from 'kysely';
import type { DB, PlaceImagesTable, PlacesTable } from '../../platform/db/types.ts';
import type { PlaceColumns } from './domain/place.ts';

type Db = Kysely<DB>;

export type PlaceRow = Selectable<PlacesTable>;
export type PlaceImageRow = Selectable<PlaceImagesTable>;

export async function listPlaces(db: Db, businessId: string) {
  return db.selectFrom('places').selectAll().where('business_id', '=', businessId).orderBy('sort_order').orderBy('created_at').orderBy('id').execute();
}

export async function findPlace(db: Db, businessId: string, id: string, lock?: 'update' | 'keyShare') {
  let query = db.selectFrom('places').selectAll().where('business_id', '=', businessId).where('id', '=', id);
  if (lock === 'update') query = query.forUpdate();
  if (lock === 'keyShare') query = query.forKeyShare();
  return query.executeTakeFirst();
}

/**
 * A place on the public booking page, only when exposed, with its business's name and phone.
 * @installation the booking page knows only the place id; the row names its business for every read after it.
 */
export async function findExposedPlace(db: Db, id: string) {
  return db
    .selectFrom('places')
    .innerJoin('businesses', 'businesses.id', 'places.business_id')
    .selectAll('places')
    .select(['businesses.name as business_name', 'businesses.phone as business_phone'])
    .where('places.id', '=', id)
    .where('places.exposed', '=', true)
    .executeTakeFirst();
}

export async function nextPlaceSortOrder(db: Db, businessId: string): Promise<number> {
  const row = await db
    .selectFrom('places')
    .select(sql<number>`coalesce(max(sort_order), -1) + 1`.as('next'))
    .where('business_id', '=', businessId)
    .executeTakeFirst();
  return Number(row?.next ?? 0);
}

export async function insertPlace(db: Db, businessId: string, values: PlaceColumns) {
  return db
    .insertInto('places')
    .values({ business_id: businessId, ...values })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function updatePlace(db: Db, businessId: string, id: string, changes: Partial<PlaceColumns>) {
  return db
    .updateTable('places')
    .set({ ...changes, updated_at: new Date() })
    .where('business_id', '=', businessId)
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirst();
}

export async function deletePlace(db: Db, businessId: string, id: string) {
  await db.deleteFrom('places').where('business_id', '=', businessId).where('id', '=', id).execute();
}

export async function placeHasProducts(db: Db, businessId: string, placeId: string): Promise<boolean> {
  const row = await db.selectFrom('products').select('id').where('business_id', '=', businessId).where('place_id', '=', placeId).limit(1).executeTakeFirst();
  return row !== undefined;
}

// Images

export async function listImagesOfPlaces(db: Db, businessId: string, placeIds: readonly string[]) {
  if (placeIds.length === 0) return [];
  return db
    .selectFrom('place_images')
    .selectAll()
    .where('business_id', '=', businessId)
    .where('place_id', 'in', placeIds)
    .orderBy('sort_order')
    .orderBy('created_at')
    .orderBy('id')
    .execute();
}

export async function countImages(db: Db, businessId: string, placeId: string): Promise<number> {
  const row = await db
    .selectFrom('place_images')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('business_id', '=', businessId)
    .where('place_id', '=', placeId)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function insertImage(
  db: Db,
  values: { id: string; businessId: string; placeId: string; fileName: string; contentType: string; width: number; height: number; byteSize: number; sortOrder: number },
) {
  return db
    .insertInto('place_images')
    .values({
      id: values.id,
      business_id: values.businessId,
      place_id: values.placeId,
      file_name: values.fileName,
      content_type: values.contentType,
      width: values.width,
      height: values.height,
      byte_size: values.byteSize,
      sort_order: values.sortOrder,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function nextImageSortOrder(db: Db, businessId: string, placeId: string): Promise<number> {
  const row = await db
    .selectFrom('place_images')
    .select(sql<number>`coalesce(max(sort_order), -1) + 1`.as('next'))
    .where('business_id', '=', businessId)
    .where('place_id', '=', placeId)
    .executeTakeFirst();
  return Number(row?.next ?? 0);
}

export async function deleteImage(db: Db, businessId: string, placeId: string, imageId: string) {
  return db
    .deleteFrom('place_images')
    .where('business_id', '=', businessId)
    .where('place_id', '=', placeId)
    .where('id', '=', imageId)
    .returningAll()
    .executeTakeFirst();
}

/**
 * An image as the image route serves it: its file and whether its place is exposed.
 * @installation the image route knows only the image id; the row names its business.
 */
export async function findImageForServing(db: Db, imageId: string) {
  return db
    .selectFrom('place_images')
    .innerJoin('places', (join) => join.onRef('places.business_id', '=', 'place_images.business_id').onRef('places.id', '=', 'place_images.place_id'))
    .select(['place_images.id', 'place_images.business_id', 'place_images.file_name', 'place_images.content_type', 'places.exposed'])
    .where('place_images.id', '=', imageId)
    .executeTakeFirst();
}

// Products shown with places

export async function listProductSummaries(db: Db, businessId: string, placeIds: readonly string[], onlyExposed = false) {
  if (placeIds.length === 0) return [];
  let query = db
    .selectFrom('products')
    .select(['id', 'place_id', 'name', 'description', 'booking_type', 'exposed', 'confirmation_mode', 'payment_mode', 'price_amount', 'sort_order'])
    .where('business_id', '=', businessId)
    .where('place_id', 'in', placeIds);
  if (onlyExposed) query = query.where('exposed', '=', true);
  return query.orderBy('sort_order').orderBy('created_at').orderBy('id').execute();
}

/** Lowest and highest price of each scheduled product (public place page: "30,000원~"). */
export async function priceRanges(db: Db, businessId: string, productIds: readonly string[]) {
  if (productIds.length === 0) return [];
  return db
    .selectFrom('product_prices')
    .select(['product_id', (eb) => eb.fn.min<number>('amount').as('min_amount'), (eb) => eb.fn.max<number>('amount').as('max_amount')])
    .where('business_id', '=', businessId)
    .where('product_id', 'in', productIds)
    .groupBy('product_id')
    .execute();
}

// OPS-1: business hours, holidays, 임시휴무

/** What the place's opening rules need of its business: its category (the holiday default) and its time zone. */
export async function findOpeningContext(db: Db, businessId: string) {
  return db.selectFrom('businesses').select(['service_type', 'time_zone']).where('id', '=', businessId).executeTakeFirstOrThrow();
}

export async function updatePlaceOpening(db: Db, businessId: string, placeId: string, changes: { weekly_hours?: string | null; holidays_closed?: boolean | null }) {
  return db
    .updateTable('places')
    .set({ ...changes, updated_at: new Date() })
    .where('business_id', '=', businessId)
    .where('id', '=', placeId)
    .returningAll()
    .executeTakeFirst();
}

/** The place's holiday overrides (from a date on, when given), in date order. */
export async function listHolidayOverrides(db: Db, businessId: string, placeId: string, fromDate?: string) {
  let query = db.selectFrom('place_holiday_overrides').select(['holiday_date', 'closed']).where('business_id', '=', businessId).where('place_id', '=', placeId);
  if (fromDate) query = query.where('holiday_date', '>=', fromDate);
  return query.orderBy('holiday_date').execute();
}

export async function upsertHolidayOverride(db: Db, businessId: string, placeId: string, date: string, closed: boolean) {
  await db
    .insertInto('place_holiday_overrides')
    .values({ business_id: businessId, place_id: placeId, holiday_date: date, closed })
    .onConflict((oc) => oc.columns(['business_id', 'place_id', 'holiday_date']).doUpdateSet({ closed, created_at: new Date() }))
    .execute();
}

export async function deleteHolidayOverride(db: Db, businessId: string, placeId: string, date: string) {
  await db.deleteFrom('place_holiday_overrides').where('business_id', '=', businessId).where('place_id', '=', placeId).where('holiday_date', '=', date).execute();
}

/** The place's 임시휴무 (those ending on or after a date, when given), in date order. */
export async function listClosures(db: Db, businessId: string, placeId: string, endingFrom?: string) {
  let query = db.selectFrom('place_closures').select(['id', 'starts_on', 'ends_on', 'reason', 'created_at']).where('business_id', '=', businessId).where('place_id', '=', placeId);
  if (endingFrom) query = query.where('ends_on', '>=', endingFrom);
  return query.orderBy('starts_on').orderBy('id').execute();
}

export async function findClosure(db: Db, businessId: string, placeId: string, closureId: string) {
  return db
    .selectFrom('place_closures')
    .select(['id', 'starts_on', 'ends_on', 'reason', 'created_at'])
    .where('business_id', '=', businessId)
    .where('place_id', '=', placeId)
    .where('id', '=', closureId)
    .executeTakeFirst();
}

export async function insertClosure(db: Db, businessId: string, placeId: string, values: { startsOn: string; endsOn: string; reason: string }) {
  return db
    .insertInto('place_closures')
    .values({ business_id: businessId, place_id: placeId, starts_on: values.startsOn, ends_on: values.endsOn, reason: values.reason })
    .returning(['id', 'starts_on', 'ends_on', 'reason', 'created_at'])
    .executeTakeFirstOrThrow();
}

export async function deleteClosure(db: Db, businessId: string, placeId: string, closureId: string): Promise<boolean> {
  const row = await db
    .deleteFrom('place_closures')
    .where('business_id', '=', businessId)
    .where('place_id', '=', placeId)
    .where('id', '=', closureId)
    .returning('id')
    .executeTakeFirst();
  return row !== undefined;
}

/**
 * Live bookings (확정대기, 예약확정) of the place's products whose usage
 * starts in [from, to), in time order, with what the shop needs to reach
 * the customer. Nothing here changes them: the shop decides.
 */
export async function listLiveBookingsOfPlace(db: Db, businessId: string, placeId: string, range: { from: Date; to?: Date | undefined }) {
  let query = db
    .selectFrom('bookings')
    .innerJoin('products', (join) => join.onRef('products.business_id', '=', 'bookings.business_id').onRef('products.id', '=', 'bookings.product_id'))
    .select([
      'bookings.id',
      'bookings.booking_number',
      'bookings.schedule_id',
      'bookings.status',
      'bookings.customer_name',
      'bookings.customer_phone',
      'bookings.usage_starts_at',
      'bookings.usage_ends_at',
      'bookings.usage_label',
      'bookings.product_id',
      'products.name as product_name',
      'products.booking_type',
    ])
    .where('bookings.business_id', '=', businessId)
    .where('bookings.place_id', '=', placeId)
    .where('bookings.status', 'in', ['pending', 'confirmed'])
    .where('bookings.usage_starts_at', '>=', range.from);
  if (range.to) query = query.where('bookings.usage_starts_at', '<', range.to);
  return query.orderBy('bookings.usage_starts_at').orderBy('bookings.id').execute();
}
