import { comparePoolKeys, poolKeys, sumDemand, type Pool, type PoolDemand, type PoolDraw } from '../../inventory/index.ts';
import { catalogError, type CatalogError, type Result } from './errors.ts';
import { dateTimeKey, modeAllowsPriceMax, type BookingLine, type BookingSchedule, type Price, type Product, type Schedule, type ScheduledProduct } from './model.ts';

/**
 * BOOK-5, BOOK-8: which capacity pools (inventory's keys, see
 * src/features/inventory/domain/pools.ts) a line of a product draws from,
 * and with what capacity: its slot; or its booking schedule's own quantity,
 * its session's, its date's or the period's by the product's inventory mode,
 * plus its price's 최대 예약 수량 when set.
 */

export type PoolResolver = (line: BookingLine) => Result<Pool[]>;

/**
 * A resolver for one product, with its schedules, prices and booking
 * schedules indexed once; availability uses it for every booking schedule.
 */
export function poolResolver(product: Product): PoolResolver {
  if (product.bookingType === 'time_slot') {
    return (line) => {
      if (line.kind !== 'slot') return { ok: false, error: catalogError('BOOKING_LINE_INVALID', { details: { bookingType: product.bookingType, lineKind: line.kind } }) };
      return { ok: true, value: [{ key: poolKeys.slot(product.id, line.startMinute), capacity: product.capacityPerSlot }] };
    };
  }
  const index = indexScheduledProduct(product);
  return (line) => {
    if (line.kind !== 'booking_schedule') return { ok: false, error: catalogError('BOOKING_LINE_INVALID', { details: { bookingType: product.bookingType, lineKind: line.kind } }) };
    const bookingSchedule = index.bookingSchedules.get(line.bookingScheduleId);
    if (!bookingSchedule) return { ok: false, error: catalogError('BOOKING_SCHEDULE_NOT_FOUND', { details: { bookingScheduleId: line.bookingScheduleId } }) };
    const schedule = index.schedules.get(bookingSchedule.scheduleId);
    const price = index.prices.get(bookingSchedule.priceId);
    if (!schedule || !price) return { ok: false, error: catalogError('BOOKING_SCHEDULE_REFERENCE_INVALID', { details: { bookingScheduleId: bookingSchedule.id } }) };
    return poolsOfBookingSchedule(product, bookingSchedule, schedule, price);
  };
}

/** The sorted pools one booked line draws from, each with its capacity. */
export function poolsFor(product: Product, line: BookingLine): Result<Pool[]> {
  return poolResolver(product)(line);
}

interface ScheduledProductIndex {
  schedules: ReadonlyMap<string, Schedule>;
  prices: ReadonlyMap<string, Price>;
  bookingSchedules: ReadonlyMap<string, BookingSchedule>;
}

function indexScheduledProduct(product: ScheduledProduct): ScheduledProductIndex {
  return {
    schedules: new Map(product.schedules.map((s) => [s.id, s])),
    prices: new Map(product.prices.map((p) => [p.id, p])),
    bookingSchedules: new Map(product.bookingSchedules.map((b) => [b.id, b])),
  };
}

function poolsOfBookingSchedule(product: ScheduledProduct, bookingSchedule: BookingSchedule, schedule: Schedule, price: Price): Result<Pool[]> {
  const pools: Pool[] = [];
  const inventory = product.inventory;
  const usage = schedule.usage;
  switch (inventory.mode) {
    case 'per_booking_schedule':
    case 'per_price':
      pools.push({ key: poolKeys.bookingSchedule(product.id, bookingSchedule.id), capacity: bookingSchedule.quantity ?? 0 });
      break;
    case 'per_date_time': {
      if (usage.kind !== 'date_time') return { ok: false, error: modeMismatch(product) };
      const key = dateTimeKey(usage.date, usage.startMinute);
      pools.push({ key: poolKeys.dateTime(product.id, key), capacity: ownQuantity(inventory.quantities, key) });
      break;
    }
    case 'per_date': {
      if (usage.kind === 'period') return { ok: false, error: modeMismatch(product) };
      pools.push({ key: poolKeys.date(product.id, usage.date), capacity: ownQuantity(inventory.quantities, usage.date) });
      break;
    }
    case 'per_period':
      pools.push({ key: poolKeys.period(product.id), capacity: inventory.quantity });
      break;
  }
  if (price.maxQuantity !== null && modeAllowsPriceMax(inventory.mode)) {
    pools.push({ key: poolKeys.priceMax(product.id, price.id), capacity: price.maxQuantity });
  }
  pools.sort((a, b) => comparePoolKeys(a.key, b.key));
  return { ok: true, value: pools };
}

function modeMismatch(product: ScheduledProduct): CatalogError {
  return catalogError('INVENTORY_MODE_NOT_ALLOWED', { details: { bookingType: product.bookingType, mode: product.inventory.mode } });
}

/** A quantity from a per-date(-time) table; an entry never set is 0 (nothing to sell), not unlimited. */
function ownQuantity(quantities: Readonly<Record<string, number>>, key: string): number {
  return Object.hasOwn(quantities, key) ? quantities[key]! : 0;
}

/**
 * Everything one booking (one 예약번호, any number of lines) asks of each
 * pool, summed per pool and sorted by key (the lock order): inventory's
 * `sumDemand` over the pools each line draws from.
 */
export function bookingDemand(product: Product, lines: readonly BookingLine[]): Result<PoolDemand[]> {
  const resolve = poolResolver(product);
  const draws: PoolDraw[] = [];
  for (const line of lines) {
    if (!Number.isSafeInteger(line.quantity) || line.quantity < 1) {
      return { ok: false, error: catalogError('BOOKING_QUANTITY_INVALID', { details: { quantity: line.quantity } }) };
    }
    const pools = resolve(line);
    if (!pools.ok) return pools;
    draws.push({ quantity: line.quantity, pools: pools.value });
  }
  return { ok: true, value: sumDemand(draws) };
}
