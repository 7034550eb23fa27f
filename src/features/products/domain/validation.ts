import {
  formatLocalDate,
  formatLocalTime,
  localDayOf,
  localOf,
  parseLocalDate,
  zoneOf,
  type EpochMinute,
  type Zone,
} from './calendar.ts';
import { catalogError, type CatalogError } from './errors.ts';
import {
  BOOKING_TYPE_LABELS,
  INVENTORY_MODE_LABELS,
  INVENTORY_QUANTITY_MAX,
  ISO_WEEKDAYS,
  PRICE_AMOUNT_MAX,
  SERVICE_TYPE_LABELS,
  SLOT_CAPACITY_MAX,
  SLOT_HORIZON_MONTHS_MAX,
  SLOT_MINUTES_MAX,
  SLOT_MINUTES_MIN,
  SLOT_MINUTES_STEP,
  USAGE_KIND_BY_BOOKING_TYPE,
  WEEKDAY_LABELS,
  allowedBookingTypes,
  allowedInventoryModes,
  dateTimeKey,
  modeAllowsPriceMax,
  quantityOnBookingSchedule,
  type BookingType,
  type InventoryMode,
  type Price,
  type Product,
  type Schedule,
  type ScheduledBookingType,
  type ScheduledProduct,
  type ServiceType,
  type TimeSlotProduct,
} from './model.ts';
import { priceWindowOf } from './availability.ts';
import { findSlot } from './slots.ts';

/**
 * BOOK-2..5: the rules a product must satisfy before it is saved. Each
 * validator returns every problem it finds (an empty list = valid), with a
 * code, a Korean message and the path of the offending field, so the
 * partner center can mark all of them at once.
 */

export interface ValidationContext {
  serviceType: ServiceType;
  /** The business's IANA time zone: it decides which calendar days windows share. */
  zone: string;
}

export function validateProduct(product: Product, context: ValidationContext): CatalogError[] {
  const errors: CatalogError[] = [];
  const typeError = validateBookingType(context.serviceType, product.bookingType);
  if (typeError) errors.push(typeError);
  if (product.bookingType === 'time_slot') errors.push(...validateTimeSlotProduct(product));
  else errors.push(...validateScheduledProduct(product, context.zone));
  return errors;
}

/** BOOK-2: the business category limits the booking types (table in model.ts). */
export function validateBookingType(serviceType: ServiceType, bookingType: BookingType): CatalogError | null {
  if (allowedBookingTypes(serviceType).includes(bookingType)) return null;
  const allowed = allowedBookingTypes(serviceType).map((t) => BOOKING_TYPE_LABELS[t]).join(', ');
  return catalogError('BOOKING_TYPE_NOT_ALLOWED', {
    message: `${SERVICE_TYPE_LABELS[serviceType]} 업체는 ${BOOKING_TYPE_LABELS[bookingType]} 상품을 만들 수 없습니다. 선택 가능한 예약 유형: ${allowed}`,
    path: 'bookingType',
    details: { serviceType, bookingType },
  });
}

/** BOOK-5: the inventory modes each booking type offers. */
export function validateInventoryMode(bookingType: ScheduledBookingType, mode: InventoryMode): CatalogError | null {
  if (allowedInventoryModes(bookingType).includes(mode)) return null;
  const allowed = allowedInventoryModes(bookingType).map((m) => INVENTORY_MODE_LABELS[m]).join(', ');
  return catalogError('INVENTORY_MODE_NOT_ALLOWED', {
    message: `${BOOKING_TYPE_LABELS[bookingType]} 상품에서는 ${INVENTORY_MODE_LABELS[mode]}를 선택할 수 없습니다. 선택 가능: ${allowed}`,
    path: 'inventory.mode',
    details: { bookingType, mode },
  });
}

// ---------------------------------------------------------------- 시간예약형

export function validateTimeSlotProduct(product: TimeSlotProduct): CatalogError[] {
  const errors: CatalogError[] = [];
  const slotMinutes = product.slotMinutes;
  const slotLengthValid =
    Number.isSafeInteger(slotMinutes) && slotMinutes >= SLOT_MINUTES_MIN && slotMinutes <= SLOT_MINUTES_MAX && slotMinutes % SLOT_MINUTES_STEP === 0;
  if (!slotLengthValid) {
    errors.push(catalogError('SLOT_LENGTH_INVALID', { path: 'slotMinutes', details: { slotMinutes } }));
  }
  if (!isIntegerIn(product.capacityPerSlot, 1, SLOT_CAPACITY_MAX)) {
    errors.push(catalogError('SLOT_CAPACITY_INVALID', { path: 'capacityPerSlot', details: { capacityPerSlot: product.capacityPerSlot, max: SLOT_CAPACITY_MAX } }));
  }
  if (!isIntegerIn(product.horizonMonths, 1, SLOT_HORIZON_MONTHS_MAX)) {
    errors.push(catalogError('SLOT_HORIZON_INVALID', { path: 'horizonMonths', details: { horizonMonths: product.horizonMonths } }));
  }

  const spans: { index: number; from: number; to: number }[] = [];
  product.operatingPeriods.forEach((period, index) => {
    const path = `operatingPeriods[${index}]`;
    const from = parseLocalDate(period.from);
    const to = parseLocalDate(period.to);
    if (from === null || to === null || from > to) {
      errors.push(catalogError('OPERATING_PERIOD_INVALID', { path, details: { from: period.from, to: period.to } }));
    } else {
      spans.push({ index, from, to });
    }
    if (period.bookingOpensAt !== null && !Number.isSafeInteger(period.bookingOpensAt)) {
      errors.push(catalogError('OPERATING_PERIOD_INVALID', { message: '예약시작 일시가 올바르지 않습니다.', path: `${path}.bookingOpensAt` }));
    }
    // A period with no open weekday offers no slot but still blocks every period it overlaps.
    if (ISO_WEEKDAYS.every((weekday) => period.weeklyHours[weekday].length === 0)) {
      errors.push(catalogError('OPENING_HOURS_INVALID', { message: '운영하는 요일을 하나 이상 정하세요.', path: `${path}.weeklyHours` }));
    }
    for (const weekday of ISO_WEEKDAYS) {
      const ranges = [...period.weeklyHours[weekday]].sort((a, b) => a.openMinute - b.openMinute);
      let previousClose = -1;
      for (const range of ranges) {
        const hoursPath = `${path}.weeklyHours.${weekday}`;
        const label = `${WEEKDAY_LABELS[weekday]}요일 ${formatLocalTime(range.openMinute)}~${formatLocalTime(range.closeMinute)}`;
        const wellFormed =
          Number.isSafeInteger(range.openMinute) && Number.isSafeInteger(range.closeMinute) && range.openMinute >= 0 && range.openMinute < range.closeMinute && range.closeMinute <= 1440;
        if (!wellFormed || range.openMinute < previousClose) {
          errors.push(
            catalogError('OPENING_HOURS_INVALID', {
              message: `${label} 운영시간이 올바르지 않습니다. 시작은 종료보다 빨라야 하고, 같은 요일의 시간대끼리 겹치면 안 됩니다.`,
              path: hoursPath,
              details: { weekday, openMinute: range.openMinute, closeMinute: range.closeMinute },
            }),
          );
          continue;
        }
        previousClose = range.closeMinute;
        const length = range.closeMinute - range.openMinute;
        if (slotLengthValid && length % slotMinutes !== 0) {
          errors.push(
            catalogError('SLOT_LENGTH_DOES_NOT_DIVIDE_HOURS', {
              message: `${label} 운영시간(${length}분)이 슬롯 길이 ${slotMinutes}분으로 나누어떨어지지 않아 마지막 ${length % slotMinutes}분이 남습니다. 운영시간이나 슬롯 길이를 조정해 주세요.`,
              path: hoursPath,
              details: { weekday, openMinute: range.openMinute, closeMinute: range.closeMinute, slotMinutes },
            }),
          );
        }
      }
    }
  });
  spans.sort((a, b) => a.from - b.from);
  for (let i = 1; i < spans.length; i++) {
    const before = spans[i - 1]!;
    const after = spans[i]!;
    if (after.from <= before.to) {
      errors.push(
        catalogError('OPERATING_PERIODS_OVERLAP', {
          message: `운영기간이 서로 겹칩니다: ${formatLocalDate(before.from)}~${formatLocalDate(before.to)}, ${formatLocalDate(after.from)}~${formatLocalDate(after.to)}`,
          path: `operatingPeriods[${after.index}]`,
          details: { periods: [product.operatingPeriods[before.index]!.id, product.operatingPeriods[after.index]!.id] },
        }),
      );
    }
  }
  return errors;
}

/** A single slot can be switched to 노출 OFF only where the product has a slot. */
export function validateHiddenSlot(product: TimeSlotProduct, startMinute: EpochMinute, zone: string): CatalogError | null {
  if (Number.isSafeInteger(startMinute) && findSlot(product, startMinute, zoneOf(zone))) return null;
  return catalogError('HIDDEN_SLOT_NOT_A_SLOT', { path: 'hiddenSlotStarts', details: { startMinute } });
}

// ---------------------------------------------------- 날짜/시간형, 날짜형, 상시형

export function validateScheduledProduct(product: ScheduledProduct, zoneName: string): CatalogError[] {
  const zone = zoneOf(zoneName);
  const errors: CatalogError[] = [];
  const mode = product.inventory.mode;
  const modeError = validateInventoryMode(product.bookingType, mode);
  if (modeError) errors.push(modeError);

  if (product.bookingType === 'always' && product.schedules.length !== 1) {
    errors.push(catalogError('ALWAYS_REQUIRES_ONE_SCHEDULE', { path: 'schedules', details: { count: product.schedules.length } }));
  }

  const validSchedules = new Map<string, Schedule>();
  product.schedules.forEach((schedule, index) => {
    const scheduleErrors = validateSchedule(product.bookingType, schedule, `schedules[${index}]`);
    errors.push(...scheduleErrors);
    if (scheduleErrors.length === 0) validSchedules.set(schedule.id, schedule);
  });

  const validPrices = new Map<string, Price>();
  product.prices.forEach((price, index) => {
    const priceErrors = validatePrice(price, mode, `prices[${index}]`);
    errors.push(...priceErrors);
    if (!priceErrors.some((e) => e.code === 'PRICE_PERIOD_INVALID')) validPrices.set(price.id, price);
  });

  const scheduleIds = new Set(product.schedules.map((s) => s.id));
  const priceIds = new Set(product.prices.map((p) => p.id));
  const pairs = new Set<string>();
  const usedDateTimes = new Set<string>();
  const usedDates = new Set<string>();
  product.bookingSchedules.forEach((bookingSchedule, index) => {
    const path = `bookingSchedules[${index}]`;
    if (!scheduleIds.has(bookingSchedule.scheduleId) || !priceIds.has(bookingSchedule.priceId)) {
      errors.push(catalogError('BOOKING_SCHEDULE_REFERENCE_INVALID', { path, details: { scheduleId: bookingSchedule.scheduleId, priceId: bookingSchedule.priceId } }));
      return;
    }
    const pair = `${bookingSchedule.scheduleId}\u0000${bookingSchedule.priceId}`;
    if (pairs.has(pair)) errors.push(catalogError('BOOKING_SCHEDULE_DUPLICATE', { path, details: { scheduleId: bookingSchedule.scheduleId, priceId: bookingSchedule.priceId } }));
    pairs.add(pair);

    const schedule = validSchedules.get(bookingSchedule.scheduleId);
    const price = validPrices.get(bookingSchedule.priceId);
    if (schedule && price) {
      const overlap = validateBookingScheduleOverlap(schedule, price, zone);
      if (overlap) errors.push({ ...overlap, path });
    }
    if (schedule) {
      const usage = schedule.usage;
      if (usage.kind === 'date_time') usedDateTimes.add(dateTimeKey(usage.date, usage.startMinute));
      if (usage.kind !== 'period') usedDates.add(usage.date);
    }

    if (quantityOnBookingSchedule(mode)) {
      if (bookingSchedule.quantity === null) errors.push(catalogError('INVENTORY_QUANTITY_MISSING', { path: `${path}.quantity` }));
      else if (!isIntegerIn(bookingSchedule.quantity, 0, INVENTORY_QUANTITY_MAX)) errors.push(quantityInvalid(`${path}.quantity`, bookingSchedule.quantity));
    } else if (bookingSchedule.quantity !== null) {
      errors.push(catalogError('INVENTORY_QUANTITY_NOT_IN_MODE', { path: `${path}.quantity`, details: { mode } }));
    }
  });

  const inventory = product.inventory;
  if (inventory.mode === 'per_date_time' || inventory.mode === 'per_date') {
    for (const [key, quantity] of Object.entries(inventory.quantities)) {
      if (!isIntegerIn(quantity, 0, INVENTORY_QUANTITY_MAX)) errors.push(quantityInvalid(`inventory.quantities.${key}`, quantity));
    }
    const used = inventory.mode === 'per_date_time' ? usedDateTimes : usedDates;
    for (const key of [...used].sort()) {
      if (!Object.hasOwn(inventory.quantities, key)) {
        errors.push(
          catalogError('INVENTORY_QUANTITY_MISSING', {
            message: `${key.replace('T', ' ')}의 예약가능 수량을 입력해 주세요.`,
            path: `inventory.quantities.${key}`,
          }),
        );
      }
    }
  } else if (inventory.mode === 'per_period' && !isIntegerIn(inventory.quantity, 0, INVENTORY_QUANTITY_MAX)) {
    errors.push(quantityInvalid('inventory.quantity', inventory.quantity));
  }
  return errors;
}

function validateSchedule(bookingType: ScheduledBookingType, schedule: Schedule, path: string): CatalogError[] {
  const errors: CatalogError[] = [];
  const usage = schedule.usage;
  const expected = USAGE_KIND_BY_BOOKING_TYPE[bookingType];
  let usageValid = usage.kind === expected;
  if (usageValid) {
    if (usage.kind === 'period') {
      const from = parseLocalDate(usage.from);
      const to = parseLocalDate(usage.to);
      usageValid = from !== null && to !== null && from <= to;
    } else {
      usageValid = parseLocalDate(usage.date) !== null && (usage.kind === 'date' || isIntegerIn(usage.startMinute, 0, 1439));
    }
  }
  if (!usageValid) errors.push(catalogError('PRODUCT_SCHEDULE_USAGE_INVALID', { path: `${path}.usage`, details: { expected, usage } }));
  if (!Number.isSafeInteger(schedule.bookingOpensAt) || !Number.isSafeInteger(schedule.bookingClosesAt) || schedule.bookingOpensAt >= schedule.bookingClosesAt) {
    errors.push(catalogError('PRODUCT_SCHEDULE_WINDOW_INVALID', { path: `${path}.bookingOpensAt`, details: { opensAt: schedule.bookingOpensAt, closesAt: schedule.bookingClosesAt } }));
  }
  return errors;
}

function validatePrice(price: Price, mode: InventoryMode, path: string): CatalogError[] {
  const errors: CatalogError[] = [];
  if (!isIntegerIn(price.amount, 0, PRICE_AMOUNT_MAX)) errors.push(catalogError('PRICE_AMOUNT_INVALID', { path: `${path}.amount`, details: { amount: price.amount } }));
  const from = parseLocalDate(price.bookableFrom);
  const to = parseLocalDate(price.bookableTo);
  if (from === null || to === null || from > to) {
    errors.push(catalogError('PRICE_PERIOD_INVALID', { path: `${path}.bookableFrom`, details: { from: price.bookableFrom, to: price.bookableTo } }));
  }
  if (price.maxQuantity !== null) {
    if (!modeAllowsPriceMax(mode)) {
      errors.push(catalogError('PRICE_MAX_QUANTITY_NOT_ALLOWED', { path: `${path}.maxQuantity`, details: { mode } }));
    } else if (!isIntegerIn(price.maxQuantity, 1, INVENTORY_QUANTITY_MAX)) {
      errors.push(catalogError('PRICE_MAX_QUANTITY_INVALID', { path: `${path}.maxQuantity`, details: { maxQuantity: price.maxQuantity } }));
    }
  }
  return errors;
}

/**
 * BOOK-4 "최소 1일이라도 겹쳐야": the number of local calendar days (in the
 * business's zone) on which the booking schedule could be booked, i.e. days
 * of the price's bookable period during which the schedule's booking window
 * [opensAt, closesAt) is open for at least one minute.
 *
 * Counted in calendar days because that is how the partner center shows both
 * periods (a price bookable 3/10~3/20, a schedule open until 3/10 18:00 share
 * 3/10). A window that ends exactly at 00:00 of the price's first day only
 * touches it at an instant: 0 days. Ending at 00:01 gives 3/10 one bookable
 * minute: 1 day.
 */
export function bookingScheduleOverlapDays(schedule: Schedule, price: Price, zone: Zone): number {
  const window = priceWindowOf(price, zone);
  const start = Math.max(schedule.bookingOpensAt, window.start);
  const end = Math.min(schedule.bookingClosesAt, window.end);
  if (end <= start) return 0;
  return localDayOf(end - 1, zone) - localDayOf(start, zone) + 1;
}

/** A booking schedule can be created only when its schedule and price share at least one day. */
export function validateBookingScheduleOverlap(schedule: Schedule, price: Price, zone: Zone): CatalogError<'BOOKING_SCHEDULE_NO_OVERLAP'> | null {
  if (bookingScheduleOverlapDays(schedule, price, zone) >= 1) return null;
  const at = (instant: EpochMinute) => {
    const local = localOf(instant, zone);
    return `${formatLocalDate(local.day)} ${formatLocalTime(local.minute)}`;
  };
  const base = '일정의 예약 기간과 가격의 예약가능 기간이 최소 1일 이상 겹쳐야 예약 스케줄을 만들 수 있습니다.';
  return catalogError('BOOKING_SCHEDULE_NO_OVERLAP', {
    message: `${base} (일정 예약 기간: ${at(schedule.bookingOpensAt)} ~ ${at(schedule.bookingClosesAt)}, 가격 '${price.name}' 예약가능 기간: ${price.bookableFrom} ~ ${price.bookableTo})`,
    details: { scheduleId: schedule.id, priceId: price.id },
  });
}

function quantityInvalid(path: string, quantity: number): CatalogError {
  return catalogError('INVENTORY_QUANTITY_INVALID', { path, details: { quantity, max: INVENTORY_QUANTITY_MAX } });
}

function isIntegerIn(value: number, min: number, max: number): boolean {
  return Number.isSafeInteger(value) && value >= min && value <= max;
}
