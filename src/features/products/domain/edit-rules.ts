import { AppError, catalogAppError } from '../../../platform/errors/registry.ts';
import { poolKeys, poolKindOf, validateCapacityChange } from '../../inventory/index.ts';
import { dateOfEpochMinute, formatLocalDate, formatLocalTime, localOf, parseLocalDate, parseLocalTime, zoneOf, type Zone } from './calendar.ts';
import type { CatalogError } from './errors.ts';
import { BOOKING_TYPE_LABELS, dateTimeKey, type BookingType, type Product, type ScheduledProduct, type ServiceType, type TimeSlotProduct } from './model.ts';
import { findSlot } from './slots.ts';
import { validateProduct } from './validation.ts';

/**
 * BOOK-2..6: the rules an edit in the partner center must keep, on top of
 * the product rules of validation.ts: settings that belong to the booking
 * type, quantities never below what is booked, booked slots that stay
 * slots. Pure; the use cases read the product and what it has given out and
 * call these before they write.
 */

/**
 * The pure rules, less two states a product passes through while it is set
 * up (a 상시형 product before its one schedule; a 날짜/시간별 or 날짜별 quantity
 * not typed yet, which sells nothing meanwhile), and less the category rule,
 * which binds only at creation (a business that changes category keeps
 * editing the products it has).
 */
export function productErrors(product: Product, business: { serviceType: ServiceType; zone: string }): CatalogError[] {
  return validateProduct(product, business).filter(
    (e) =>
      e.code !== 'BOOKING_TYPE_NOT_ALLOWED' &&
      !(e.code === 'ALWAYS_REQUIRES_ONE_SCHEDULE' && product.bookingType !== 'time_slot' && product.schedules.length === 0) &&
      !(e.code === 'INVENTORY_QUANTITY_MISSING' && e.path?.startsWith('inventory.quantities.')),
  );
}

/** A slot pool whose slot has begun: what it took is history, not a limit on edits. */
export function isPastSlotPool(key: string, nowMinute: number): boolean {
  return poolKindOf(key) === 'slot' && Number(key.slice(key.lastIndexOf(':') + 1)) < nowMinute;
}

/** 시간예약형: every slot a live booking holds from now on must still be a slot after the edit. */
export function assertBookedSlotsRemain(product: TimeSlotProduct, taken: ReadonlyMap<string, number>, zoneName: string, nowMinute: number): void {
  const zone = zoneOf(zoneName);
  for (const [key, quantity] of taken) {
    if (quantity <= 0 || poolKindOf(key) !== 'slot' || isPastSlotPool(key, nowMinute)) continue;
    const start = Number(key.slice(key.lastIndexOf(':') + 1));
    if (!findSlot(product, start, zone)) {
      throw new AppError('PRODUCT_EDIT_IN_USE', {
        message: `예약이 있는 시간(${localSlotLabel(start, zone)})이 운영시간에서 빠지게 되어 바꿀 수 없습니다. 예약을 먼저 옮기거나 취소해 주세요.`,
        details: { startsAt: dateOfEpochMinute(start).toISOString() },
      });
    }
  }
}

/** '12월 5일 10:00' in the business's time zone, for messages. */
function localSlotLabel(start: number, zone: Zone): string {
  const local = localOf(start, zone);
  const [, month, day] = formatLocalDate(local.day).split('-').map(Number);
  return `${month}월 ${day}일 ${formatLocalTime(local.minute)}`;
}

/** A pool's new capacity: never below what it has given out. */
export function assertNotBelowTaken(pool: string, capacity: number, taken: ReadonlyMap<string, number>): void {
  const error = validateCapacityChange(pool, capacity, taken.get(pool) ?? 0);
  if (error) throw catalogAppError(error);
}

/** 시간예약형: a lower capacity per slot, not under what any future slot has booked. */
export function assertSlotCapacityFits(capacityPerSlot: number, taken: ReadonlyMap<string, number>, nowMinute: number): void {
  for (const [pool, quantity] of taken) {
    if (poolKindOf(pool) === 'slot' && !isPastSlotPool(pool, nowMinute)) {
      const error = validateCapacityChange(pool, capacityPerSlot, quantity);
      if (error) throw catalogAppError({ ...error, message: `이미 ${quantity}명이 예약한 시간이 있어 슬롯당 인원을 ${capacityPerSlot}명으로 줄일 수 없습니다.` });
    }
  }
}

export function requireTimeSlot(product: Product): TimeSlotProduct {
  if (product.bookingType !== 'time_slot') throw new AppError('PRODUCT_SETTING_NOT_FOR_TYPE', { message: '운영기간과 슬롯 노출 설정은 시간예약형 상품에만 있습니다.' });
  return product;
}

export function requireScheduled(product: Product): ScheduledProduct {
  if (product.bookingType === 'time_slot') throw new AppError('PRODUCT_SETTING_NOT_FOR_TYPE', { message: '일정·가격·예약 스케줄은 날짜/시간형, 날짜형, 상시형 상품에만 있습니다. 시간예약형은 운영기간을 등록해 주세요.' });
  return product;
}

function settingNotForType(field: string, bookingType: BookingType): never {
  throw new AppError('PRODUCT_SETTING_NOT_FOR_TYPE', {
    message: `${BOOKING_TYPE_LABELS[bookingType]} 상품에는 '${field}' 설정이 없습니다.`,
    details: { field, bookingType },
  });
}

/** The settings of a product form that belong to one booking type only. */
export interface TypeSettings {
  inventoryMode?: unknown;
  periodQuantity?: number | null | undefined;
  slotMinutes?: number | undefined;
  capacityPerSlot?: number | undefined;
  horizonMonths?: number | undefined;
  durationMinutes?: number | null | undefined;
}

/** Refuses settings that belong to another booking type (so nothing a form sends is silently dropped). */
export function assertSettingsFitType(bookingType: BookingType, input: TypeSettings): void {
  if (bookingType === 'time_slot') {
    if (input.inventoryMode !== undefined) settingNotForType('inventoryMode', bookingType);
    if (input.periodQuantity != null) settingNotForType('periodQuantity', bookingType);
  } else {
    for (const field of ['slotMinutes', 'capacityPerSlot', 'horizonMonths'] as const) if (input[field] !== undefined) settingNotForType(field, bookingType);
  }
  if (bookingType !== 'date_time' && input.durationMinutes != null) settingNotForType('durationMinutes', bookingType);
}

export function periodQuantityNotInMode(): never {
  throw new AppError('INVENTORY_QUANTITY_NOT_IN_MODE', { message: '기간 내 수량은 예약수량 관리가 기간 내 수량 관리일 때만 입력할 수 있습니다.', details: { path: 'periodQuantity' } });
}

export function periodQuantityMissing(): never {
  throw new AppError('INVENTORY_QUANTITY_MISSING', { message: '기간 내 수량 관리에서는 기간 내 수량을 입력해 주세요.', details: { path: 'periodQuantity' } });
}

/** A schedule's usage as the API takes and shows it: a date and `HH:mm`, a date, or a period. */
export type UsageInput = { kind: 'date_time'; date: string; startTime: string } | { kind: 'date'; date: string } | { kind: 'period'; from: string; to: string };

/** The usage must be the kind the booking type sells, with real dates in order. */
export function assertUsageKind(product: ScheduledProduct, usage: UsageInput): void {
  const expected = product.bookingType === 'date_time' ? 'date_time' : product.bookingType === 'date' ? 'date' : 'period';
  const dates = usage.kind === 'period' ? [usage.from, usage.to] : [usage.date];
  if (usage.kind !== expected || dates.some((d) => parseLocalDate(d) === null) || (usage.kind === 'period' && usage.from > usage.to)) {
    throw new AppError('PRODUCT_SCHEDULE_USAGE_INVALID', {
      message: `${BOOKING_TYPE_LABELS[product.bookingType]} 상품의 일정은 ${expected === 'date_time' ? '날짜와 시작 시간' : expected === 'date' ? '날짜' : '이용기간(시작일~종료일)'}으로 입력해 주세요.`,
      details: { path: 'usage', expected },
    });
  }
}

/** The start minute of a 날짜/시간형 usage; PRODUCT_SCHEDULE_USAGE_INVALID for a time or date that does not exist. */
export function usageStartMinute(usage: Extract<UsageInput, { kind: 'date_time' }>): number {
  const minute = parseLocalTime(usage.startTime);
  if (minute === null || minute >= 1440 || parseLocalDate(usage.date) === null) {
    throw new AppError('PRODUCT_SCHEDULE_USAGE_INVALID', { details: { path: 'usage', usage } });
  }
  return minute;
}

export function bookingSchedulesOf(product: ScheduledProduct, by: { scheduleId?: string; priceId?: string }) {
  return product.bookingSchedules.filter((b) => (by.scheduleId === undefined || b.scheduleId === by.scheduleId) && (by.priceId === undefined || b.priceId === by.priceId));
}

export type StockMode = 'per_date_time' | 'per_date';

/** The key of a schedule's quantity in 날짜/시간별 ('2026-03-10T14:00') or 날짜별 ('2026-03-10') 관리. */
export function stockKeyOf(usage: ScheduledProduct['schedules'][number]['usage'], mode: StockMode): string {
  if (usage.kind === 'period') throw new AppError('PRODUCT_STOCK_NOT_IN_MODE');
  return mode === 'per_date_time' && usage.kind === 'date_time' ? dateTimeKey(usage.date, usage.startMinute) : usage.date;
}

export function stockPool(productId: string, mode: StockMode, key: string): string {
  return mode === 'per_date_time' ? poolKeys.dateTime(productId, key) : poolKeys.date(productId, key);
}

const DATE_TIME_KEY = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/;

/** A stock key the mode can have: a real date, or a real date and time of day. */
export function isStockKey(key: string, mode: StockMode): boolean {
  if (mode === 'per_date') return parseLocalDate(key) !== null;
  return DATE_TIME_KEY.test(key) && parseLocalDate(key.slice(0, 10)) !== null && (parseLocalTime(key.slice(11)) ?? 1440) < 1440;
}
