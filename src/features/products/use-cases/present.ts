import { poolKeys } from '../../inventory/index.ts';
import { publicProductUrl } from '../../places/index.ts';
import { parseCancellationPolicy } from '../domain/cancellation-policy.ts';
import { dateOfEpochMinute, formatLocalTime } from '../domain/calendar.ts';
import type { UsageInput } from '../domain/edit-rules.ts';
import { BOOKING_TYPE_LABELS, type OpeningHours, type ScheduledProduct } from '../domain/model.ts';
import type { LoadedProduct } from '../repository/product-store.ts';

/** How the partner center's product screens show a product (the reply schemas are in ../routes.ts). */

export type WeeklyHoursInput = Partial<Record<'1' | '2' | '3' | '4' | '5' | '6' | '7', OpeningHours[]>>;

export function weeklyHoursJson(input: WeeklyHoursInput) {
  return Object.fromEntries((['1', '2', '3', '4', '5', '6', '7'] as const).map((d) => [d, input[d] ?? []]));
}

export function presentUsage(usage: ScheduledProduct['schedules'][number]['usage']): UsageInput {
  if (usage.kind === 'date_time') return { kind: 'date_time', date: usage.date, startTime: formatLocalTime(usage.startMinute) };
  if (usage.kind === 'date') return { kind: 'date', date: usage.date };
  return { kind: 'period', from: usage.from, to: usage.to };
}

export const iso = (minute: number) => dateOfEpochMinute(minute).toISOString();

export function presentProductRow(row: LoadedProduct['row'], placeName: string) {
  return {
    id: row.id,
    placeId: row.place_id,
    placeName,
    name: row.name,
    description: row.description,
    bookingType: row.booking_type,
    bookingTypeLabel: BOOKING_TYPE_LABELS[row.booking_type],
    confirmationMode: row.confirmation_mode,
    paymentMode: row.payment_mode,
    priceAmount: row.price_amount,
    exposed: row.exposed,
    departmentId: row.department_id,
    staffId: row.staff_id,
    slotMinutes: row.slot_minutes,
    capacityPerSlot: row.capacity_per_slot,
    horizonMonths: row.horizon_months,
    durationMinutes: row.duration_minutes,
    inventoryMode: row.inventory_mode,
    periodQuantity: row.period_quantity,
    maxQuantityPerBooking: row.max_quantity_per_booking,
    cancellationPolicy: parseCancellationPolicy(row.cancellation_policy),
    sortOrder: row.sort_order,
    version: row.version,
    publicUrl: publicProductUrl(row.id),
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}

/** A product with everything it sells, and what each quantity has given out (`taken`, by pool). */
export function presentDetail(loaded: LoadedProduct, taken: ReadonlyMap<string, number>) {
  const product = loaded.product;
  const base = presentProductRow(loaded.row, loaded.place.name);
  if (product.bookingType === 'time_slot') {
    return {
      ...base,
      operatingPeriods: product.operatingPeriods.map((p) => ({
        id: p.id,
        startsOn: p.from,
        endsOn: p.to,
        weeklyHours: weeklyHoursJson(p.weeklyHours as WeeklyHoursInput),
        bookingOpensAt: p.bookingOpensAt === null ? null : iso(p.bookingOpensAt),
      })),
      hiddenSlots: product.hiddenSlotStarts.map(iso),
      schedules: [],
      prices: [],
      bookingSchedules: [],
      stock: [],
    };
  }
  const inventory = product.inventory;
  const stock = inventory.mode === 'per_date_time' || inventory.mode === 'per_date' ? Object.entries(inventory.quantities).sort(([a], [b]) => (a < b ? -1 : 1)) : [];
  const stockPool = (key: string) => (inventory.mode === 'per_date_time' ? poolKeys.dateTime(product.id, key) : poolKeys.date(product.id, key));
  return {
    ...base,
    operatingPeriods: [],
    hiddenSlots: [],
    schedules: product.schedules.map((s) => ({ id: s.id, usage: presentUsage(s.usage), bookingOpensAt: iso(s.bookingOpensAt), bookingClosesAt: iso(s.bookingClosesAt) })),
    prices: product.prices.map((p) => ({
      id: p.id,
      name: p.name,
      amount: p.amount,
      bookableFrom: p.bookableFrom,
      bookableTo: p.bookableTo,
      maxQuantity: p.maxQuantity,
      taken: taken.get(poolKeys.priceMax(product.id, p.id)) ?? 0,
    })),
    bookingSchedules: product.bookingSchedules.map((b) => ({
      id: b.id,
      scheduleId: b.scheduleId,
      priceId: b.priceId,
      quantity: b.quantity,
      taken: taken.get(poolKeys.bookingSchedule(product.id, b.id)) ?? 0,
    })),
    stock: stock.map(([key, quantity]) => ({ key, quantity, taken: taken.get(stockPool(key)) ?? 0 })),
  };
}

export type ProductDetail = ReturnType<typeof presentDetail>;
