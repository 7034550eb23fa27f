import type { Kysely, Selectable } from 'kysely';
import type { DB, PlacesTable, ProductsTable } from '../../../platform/db/types.ts';
import { loadOpeningRules } from '../../places/index.ts';
import { hasStaffRules, loadStaffTimeRules } from '../../settings/index.ts';
import { epochMinuteOf } from '../domain/calendar.ts';
import { parseCancellationPolicy, type CancellationTier } from '../domain/cancellation-policy.ts';
import type { Inventory, OperatingPeriod, Price, Product, Schedule, ScheduleUsage, WeeklyHours } from '../domain/model.ts';

type Db = Kysely<DB>;

export type ProductRow = Selectable<ProductsTable>;
export type PlaceRow = Pick<Selectable<PlacesTable>, 'id' | 'name' | 'exposed' | 'operating_status' | 'address' | 'phone' | 'booking_notes'>;

export interface LoadedProduct {
  row: ProductRow;
  place: PlaceRow;
  /** The product's rules as the pure catalog reads them (availability, pools, validation). */
  product: Product;
  cancellationPolicy: CancellationTier[];
  timeZone: string;
  businessName: string;
}

/**
 * Reads one product with everything its rules need — operating periods,
 * hidden slots, schedules, prices, booking schedules, stock, and its
 * place's opening rules (OPS-1: hours, holiday overrides, 임시휴무), and the
 * rules of the staff it is assigned to (OPS-2: weekly hours, absences) — into
 * the domain `Product` of ../domain/model.ts. Small indexed reads
 * in one round of parallel queries when not in a transaction; the booking
 * transaction calls it after taking the product lock, so the rules it checks
 * are the ones no edit can change before it commits.
 */
export async function loadProduct(db: Db, businessId: string, productId: string): Promise<LoadedProduct | null> {
  const row = await db
    .selectFrom('products')
    .innerJoin('places', (join) => join.onRef('places.business_id', '=', 'products.business_id').onRef('places.id', '=', 'products.place_id'))
    .innerJoin('businesses', 'businesses.id', 'products.business_id')
    .selectAll('products')
    .select([
      'places.name as place_name',
      'places.exposed as place_exposed',
      'places.operating_status as place_operating_status',
      'places.address as place_address',
      'places.phone as place_phone',
      'places.booking_notes as place_booking_notes',
      'places.weekly_hours as place_weekly_hours',
      'places.holidays_closed as place_holidays_closed',
      'businesses.time_zone as time_zone',
      'businesses.name as business_name',
      'businesses.service_type as service_type',
    ])
    .where('products.business_id', '=', businessId)
    .where('products.id', '=', productId)
    .executeTakeFirst();
  if (!row) return null;
  const {
    place_name,
    place_exposed,
    place_operating_status,
    place_address,
    place_phone,
    place_booking_notes,
    place_weekly_hours,
    place_holidays_closed,
    time_zone,
    business_name,
    service_type,
    ...productRow
  } = row;
  const place: PlaceRow = {
    id: productRow.place_id,
    name: place_name,
    exposed: place_exposed,
    operating_status: place_operating_status,
    address: place_address,
    phone: place_phone,
    booking_notes: place_booking_notes,
  };
  const [rules, opening, staffTime] = await Promise.all([
    productRow.booking_type === 'time_slot' ? loadTimeSlotProduct(db, productRow) : loadScheduledProduct(db, productRow),
    loadOpeningRules(db, businessId, { id: productRow.place_id, weekly_hours: place_weekly_hours, holidays_closed: place_holidays_closed }, service_type),
    productRow.staff_id ? loadStaffTimeRules(db, businessId, productRow.staff_id) : Promise.resolve(null),
  ]);
  return {
    row: productRow,
    place,
    product: { ...rules, opening, ...(staffTime && hasStaffRules(staffTime) ? { staffTime } : {}) },
    cancellationPolicy: parseCancellationPolicy(productRow.cancellation_policy),
    timeZone: time_zone,
    businessName: business_name,
  };
}

/**
 * Which business a product belongs to.
 * @installation the booking page knows only the product id; every read after this one names the business.
 */
export async function findProductBusiness(db: Db, productId: string): Promise<string | null> {
  const row = await db.selectFrom('products').select('business_id').where('id', '=', productId).executeTakeFirst();
  return row?.business_id ?? null;
}

async function loadTimeSlotProduct(db: Db, row: ProductRow): Promise<Product> {
  const [periods, hidden] = await Promise.all([
    db
      .selectFrom('product_operating_periods')
      .select(['id', 'starts_on', 'ends_on', 'weekly_hours', 'booking_opens_at'])
      .where('business_id', '=', row.business_id)
      .where('product_id', '=', row.id)
      .orderBy('starts_on')
      .execute(),
    db
      .selectFrom('product_hidden_slots')
      .select('starts_at')
      .where('business_id', '=', row.business_id)
      .where('product_id', '=', row.id)
      .orderBy('starts_at')
      .execute(),
  ]);
  const operatingPeriods: OperatingPeriod[] = periods.map((p) => ({
    id: p.id,
    from: p.starts_on,
    to: p.ends_on,
    weeklyHours: normaliseWeeklyHours(p.weekly_hours),
    bookingOpensAt: p.booking_opens_at ? epochMinuteOf(p.booking_opens_at) : null,
  }));
  return {
    id: row.id,
    name: row.name,
    bookingType: 'time_slot',
    slotMinutes: row.slot_minutes!,
    capacityPerSlot: row.capacity_per_slot!,
    horizonMonths: row.horizon_months!,
    operatingPeriods,
    hiddenSlotStarts: hidden.map((h) => epochMinuteOf(h.starts_at)),
  };
}

async function loadScheduledProduct(db: Db, row: ProductRow): Promise<Product> {
  const scope = { business_id: row.business_id, product_id: row.id };
  const [schedules, prices, bookingSchedules, stock] = await Promise.all([
    db
      .selectFrom('product_schedules')
      .select(['id', 'usage_date', 'usage_start_minute', 'usage_from', 'usage_to', 'booking_opens_at', 'booking_closes_at'])
      .where('business_id', '=', scope.business_id)
      .where('product_id', '=', scope.product_id)
      .orderBy('usage_date')
      .orderBy('usage_start_minute')
      .orderBy('usage_from')
      .orderBy('id')
      .execute(),
    db
      .selectFrom('product_prices')
      .select(['id', 'name', 'amount', 'bookable_from', 'bookable_to', 'max_quantity'])
      .where('business_id', '=', scope.business_id)
      .where('product_id', '=', scope.product_id)
      .orderBy('sort_order')
      .orderBy('id')
      .execute(),
    db
      .selectFrom('product_booking_schedules')
      .select(['id', 'schedule_id', 'price_id', 'quantity'])
      .where('business_id', '=', scope.business_id)
      .where('product_id', '=', scope.product_id)
      .orderBy('id')
      .execute(),
    row.inventory_mode === 'per_date_time' || row.inventory_mode === 'per_date'
      ? db.selectFrom('product_stock').select(['stock_key', 'quantity']).where('business_id', '=', scope.business_id).where('product_id', '=', scope.product_id).execute()
      : Promise.resolve([]),
  ]);
  const bookingType = row.booking_type as Exclude<ProductRow['booking_type'], 'time_slot'>;
  return {
    id: row.id,
    name: row.name,
    bookingType,
    inventory: inventoryOf(row, stock),
    schedules: schedules.map(
      (s): Schedule => ({
        id: s.id,
        usage: usageOf(bookingType, s),
        bookingOpensAt: epochMinuteOf(s.booking_opens_at),
        bookingClosesAt: epochMinuteOf(s.booking_closes_at),
      }),
    ),
    prices: prices.map(
      (p): Price => ({ id: p.id, name: p.name, amount: p.amount, bookableFrom: p.bookable_from, bookableTo: p.bookable_to, maxQuantity: p.max_quantity }),
    ),
    bookingSchedules: bookingSchedules.map((b) => ({ id: b.id, scheduleId: b.schedule_id, priceId: b.price_id, quantity: b.quantity })),
  };
}

function usageOf(
  bookingType: 'date_time' | 'date' | 'always',
  s: { usage_date: string | null; usage_start_minute: number | null; usage_from: string | null; usage_to: string | null },
): ScheduleUsage {
  if (bookingType === 'always') return { kind: 'period', from: s.usage_from!, to: s.usage_to! };
  if (bookingType === 'date') return { kind: 'date', date: s.usage_date! };
  return { kind: 'date_time', date: s.usage_date!, startMinute: s.usage_start_minute ?? 0 };
}

function inventoryOf(row: ProductRow, stock: readonly { stock_key: string; quantity: number }[]): Inventory {
  switch (row.inventory_mode) {
    case 'per_date_time':
      return { mode: 'per_date_time', quantities: Object.fromEntries(stock.map((s) => [s.stock_key, s.quantity])) };
    case 'per_date':
      return { mode: 'per_date', quantities: Object.fromEntries(stock.map((s) => [s.stock_key, s.quantity])) };
    case 'per_period':
      return { mode: 'per_period', quantity: row.period_quantity ?? 0 };
    case 'per_price':
      return { mode: 'per_price' };
    default:
      return { mode: 'per_booking_schedule' };
  }
}

function normaliseWeeklyHours(value: unknown): WeeklyHours {
  const raw = (typeof value === 'string' ? JSON.parse(value) : value) as Record<string, { openMinute: number; closeMinute: number }[] | undefined>;
  return {
    1: raw['1'] ?? [],
    2: raw['2'] ?? [],
    3: raw['3'] ?? [],
    4: raw['4'] ?? [],
    5: raw['5'] ?? [],
    6: raw['6'] ?? [],
    7: raw['7'] ?? [],
  };
}
