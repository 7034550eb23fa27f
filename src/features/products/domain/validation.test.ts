import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatLocalDate, zoneOf } from './calendar.ts';
import type { CatalogError } from './errors.ts';
import type { Inventory, ScheduledProduct, TimeSlotProduct } from './model.ts';
import {
  at,
  bookingSchedule,
  everyDay,
  hours,
  period,
  price,
  schedule,
  scheduledProduct,
  SEOUL,
  timeSlotProduct,
  weekly,
} from './test-helpers.ts';
import {
  bookingScheduleOverlapDays,
  validateBookingScheduleOverlap,
  validateHiddenSlot,
  validateProduct,
  validateScheduledProduct,
  validateTimeSlotProduct,
} from './validation.ts';

const codes = (errors: CatalogError[]) => errors.map((e) => e.code);
const slotErrors = (overrides: Partial<TimeSlotProduct>) => codes(validateTimeSlotProduct(timeSlotProduct(overrides)));

describe('booking type by business category (BOOK-2)', () => {
  it('refuses 날짜형 for a clinic, naming both and what it may choose', () => {
    const product = scheduledProduct({ bookingType: 'date', inventory: { mode: 'per_date', quantities: {} } });
    const errors = validateProduct(product, { serviceType: 'clinic', zone: SEOUL });
    expect(errors[0]).toMatchObject({ code: 'BOOKING_TYPE_NOT_ALLOWED', path: 'bookingType' });
    expect(errors[0]!.message).toBe('병의원형 업체는 날짜형 상품을 만들 수 없습니다. 선택 가능한 예약 유형: 시간예약형, 날짜/시간형');
    expect(validateProduct(product, { serviceType: 'restaurant', zone: SEOUL })).toEqual([]);
  });

  it('accepts a valid 시간예약형 product for every category', () => {
    for (const serviceType of ['clinic', 'beauty', 'restaurant', 'retail', 'other'] as const) {
      expect(validateProduct(timeSlotProduct(), { serviceType, zone: SEOUL })).toEqual([]);
    }
  });
});

describe('시간예약형 rules (BOOK-3)', () => {
  it('takes slot lengths of 10 to 240 minutes in steps of 5', () => {
    for (const ok of [10, 15, 25, 45, 240]) expect(slotErrors({ slotMinutes: ok, operatingPeriods: [] })).toEqual([]);
    for (const bad of [5, 12, 245, 0, 30.5, Number.NaN]) expect(slotErrors({ slotMinutes: bad, operatingPeriods: [] })).toEqual(['SLOT_LENGTH_INVALID']);
  });

  it('takes 1 to 50 people per slot, and no more', () => {
    expect(slotErrors({ capacityPerSlot: 1 })).toEqual([]);
    expect(slotErrors({ capacityPerSlot: 50 })).toEqual([]);
    expect(slotErrors({ capacityPerSlot: 51 })).toEqual(['SLOT_CAPACITY_INVALID']);
    expect(slotErrors({ capacityPerSlot: 0 })).toEqual(['SLOT_CAPACITY_INVALID']);
    expect(slotErrors({ capacityPerSlot: 2.5 })).toEqual(['SLOT_CAPACITY_INVALID']);
  });

  it('shows the schedule at most 6 months ahead', () => {
    expect(slotErrors({ horizonMonths: 6 })).toEqual([]);
    expect(slotErrors({ horizonMonths: 1 })).toEqual([]);
    expect(slotErrors({ horizonMonths: 7 })).toEqual(['SLOT_HORIZON_INVALID']);
    expect(slotErrors({ horizonMonths: 0 })).toEqual(['SLOT_HORIZON_INVALID']);
  });

  it('refuses hours that leave a tail shorter than a slot, saying how long the tail is', () => {
    const product = timeSlotProduct({ slotMinutes: 40, operatingPeriods: [period({ weeklyHours: weekly({ 1: hours(['09:00', '18:00']) }) })] });
    const errors = validateTimeSlotProduct(product);
    expect(codes(errors)).toEqual(['SLOT_LENGTH_DOES_NOT_DIVIDE_HOURS']);
    expect(errors[0]!.message).toBe('월요일 09:00~18:00 운영시간(540분)이 슬롯 길이 40분으로 나누어떨어지지 않아 마지막 20분이 남습니다. 운영시간이나 슬롯 길이를 조정해 주세요.');
    expect(errors[0]!.path).toBe('operatingPeriods[0].weeklyHours.1');
    expect(slotErrors({ slotMinutes: 30, operatingPeriods: [period({ weeklyHours: everyDay(['09:00', '18:00']) })] })).toEqual([]);
  });

  it('refuses opening hours that are empty, reversed, past midnight or overlapping; touching ranges and 24:00 are fine', () => {
    const with1 = (...ranges: [string, string][]) => slotErrors({ slotMinutes: 30, operatingPeriods: [period({ weeklyHours: weekly({ 3: hours(...ranges) }) })] });
    expect(with1(['10:00', '10:00'])).toEqual(['OPENING_HOURS_INVALID']);
    expect(with1(['12:00', '10:00'])).toEqual(['OPENING_HOURS_INVALID']);
    expect(with1(['10:00', '24:30'])).toEqual(['OPENING_HOURS_INVALID']);
    expect(with1(['10:00', '13:00'], ['12:00', '14:00'])).toEqual(['OPENING_HOURS_INVALID']);
    expect(with1(['10:00', '12:00'], ['12:00', '14:00'])).toEqual([]);
    expect(with1(['22:00', '24:00'])).toEqual([]);
  });

  it('refuses an operating period with no open weekday', () => {
    expect(slotErrors({ slotMinutes: 30, operatingPeriods: [period({ weeklyHours: weekly({}) })] })).toEqual(['OPENING_HOURS_INVALID']);
  });

  it('refuses operating periods that are reversed or overlap; adjacent ones are fine', () => {
    const p = (id: string, from: string, to: string) => period({ id, from, to });
    expect(slotErrors({ operatingPeriods: [p('a', '2026-03-31', '2026-03-01')] })).toEqual(['OPERATING_PERIOD_INVALID']);
    expect(slotErrors({ operatingPeriods: [p('a', '2026-02-30', '2026-03-01')] })).toEqual(['OPERATING_PERIOD_INVALID']);
    expect(slotErrors({ operatingPeriods: [p('a', '2026-03-01', '2026-03-31'), p('b', '2026-04-01', '2026-04-30')] })).toEqual([]);
    const overlap = validateTimeSlotProduct(timeSlotProduct({ operatingPeriods: [p('b', '2026-03-31', '2026-04-30'), p('a', '2026-03-01', '2026-03-31')] }));
    expect(codes(overlap)).toEqual(['OPERATING_PERIODS_OVERLAP']);
    expect(overlap[0]!.message).toBe('운영기간이 서로 겹칩니다: 2026-03-01~2026-03-31, 2026-03-31~2026-04-30');
    expect(overlap[0]!.details).toEqual({ periods: ['a', 'b'] });
  });

  it('hides (노출 OFF) only slots the product has', () => {
    const product = timeSlotProduct();
    expect(validateHiddenSlot(product, at('2026-03-10', '10:30'), SEOUL)).toBeNull();
    expect(validateHiddenSlot(product, at('2026-03-10', '10:15'), SEOUL)?.code).toBe('HIDDEN_SLOT_NOT_A_SLOT');
    expect(validateHiddenSlot(product, at('2026-03-10', '12:00'), SEOUL)?.code).toBe('HIDDEN_SLOT_NOT_A_SLOT');
    expect(validateHiddenSlot(product, at('2026-02-27', '10:00'), SEOUL)?.code).toBe('HIDDEN_SLOT_NOT_A_SLOT');
  });
});

describe('날짜/시간형, 날짜형, 상시형 rules (BOOK-4, BOOK-5)', () => {
  const open = at('2026-03-01', '00:00');
  const close = at('2026-04-01', '00:00');
  const sessions = scheduledProduct({
    bookingType: 'date_time',
    inventory: { mode: 'per_booking_schedule' },
    schedules: [
      schedule('s1', { kind: 'date_time', date: '2026-04-05', startMinute: 14 * 60 }, open, close),
      schedule('s2', { kind: 'date_time', date: '2026-04-05', startMinute: 16 * 60 }, open, close),
    ],
    prices: [price('adult'), price('child', { amount: 5_000 })],
    bookingSchedules: [bookingSchedule('b1', 's1', 'adult', 10), bookingSchedule('b2', 's1', 'child', 5), bookingSchedule('b3', 's2', 'adult', 10)],
  });
  const check = (product: ScheduledProduct) => codes(validateScheduledProduct(product, SEOUL));
  const withInventory = (inventory: Inventory, quantity: number | null = null): ScheduledProduct => ({
    ...sessions,
    inventory,
    bookingSchedules: sessions.bookingSchedules.map((b) => ({ ...b, quantity })),
  });

  it('accepts a well-formed product', () => {
    expect(check(sessions)).toEqual([]);
  });

  it('gives 상시형 exactly one schedule (its 이용기간)', () => {
    const always = (count: number) =>
      scheduledProduct({
        bookingType: 'always',
        inventory: { mode: 'per_price' },
        schedules: Array.from({ length: count }, (_, i) => schedule(`s${i}`, { kind: 'period', from: '2026-03-01', to: '2026-06-30' }, open, close)),
        prices: [price('adult')],
        bookingSchedules: count > 0 ? [bookingSchedule('b', 's0', 'adult', 100)] : [],
      });
    expect(check(always(1))).toEqual([]);
    expect(check(always(0))).toEqual(['ALWAYS_REQUIRES_ONE_SCHEDULE']);
    expect(check(always(2))).toEqual(['ALWAYS_REQUIRES_ONE_SCHEDULE']);
  });

  it('offers only the inventory modes of the booking type', () => {
    const dateProduct = scheduledProduct({ bookingType: 'date', inventory: { mode: 'per_date_time', quantities: {} } });
    const errors = validateScheduledProduct(dateProduct, SEOUL);
    expect(codes(errors)).toEqual(['INVENTORY_MODE_NOT_ALLOWED']);
    expect(errors[0]!.message).toBe('날짜형 상품에서는 날짜/시간별 관리를 선택할 수 없습니다. 선택 가능: 예약 스케줄별 관리, 날짜별 관리, 기간 내 수량 관리');
    expect(check(scheduledProduct({ bookingType: 'always', inventory: { mode: 'per_booking_schedule' } }))).toEqual(['INVENTORY_MODE_NOT_ALLOWED', 'ALWAYS_REQUIRES_ONE_SCHEDULE']);
    expect(check(scheduledProduct({ bookingType: 'date_time', inventory: { mode: 'per_price' } }))).toEqual(['INVENTORY_MODE_NOT_ALLOWED']);
  });

  it('allows 최대 예약 수량 only in the 날짜/시간별, 날짜별 and 기간 내 수량 modes, and only as a whole number ≥ 1', () => {
    const capped = (inventory: Inventory, maxQuantity: number, quantity: number | null = null) => ({
      ...withInventory(inventory, quantity),
      prices: [price('adult', { maxQuantity }), price('child')],
    });
    expect(check(capped({ mode: 'per_booking_schedule' }, 5, 10))).toEqual(['PRICE_MAX_QUANTITY_NOT_ALLOWED']);
    expect(check(capped({ mode: 'per_period', quantity: 30 }, 5))).toEqual([]);
    expect(check(capped({ mode: 'per_date', quantities: { '2026-04-05': 30 } }, 5))).toEqual([]);
    expect(check(capped({ mode: 'per_date_time', quantities: { '2026-04-05T14:00': 30, '2026-04-05T16:00': 30 } }, 5))).toEqual([]);
    expect(check(capped({ mode: 'per_period', quantity: 30 }, 0))).toEqual(['PRICE_MAX_QUANTITY_INVALID']);
  });

  it('takes prices in whole 원, not negative', () => {
    expect(check({ ...sessions, prices: [price('adult', { amount: -1 }), price('child')] })).toEqual(['PRICE_AMOUNT_INVALID']);
    expect(check({ ...sessions, prices: [price('adult', { amount: 9_900.5 }), price('child')] })).toEqual(['PRICE_AMOUNT_INVALID']);
    expect(check({ ...sessions, prices: [price('adult', { amount: 0 }), price('child')] })).toEqual([]);
  });

  it('asks each mode for its quantities: on booking schedules, per date and time, per date, or for the period', () => {
    expect(check(withInventory({ mode: 'per_booking_schedule' }, null))).toEqual(['INVENTORY_QUANTITY_MISSING', 'INVENTORY_QUANTITY_MISSING', 'INVENTORY_QUANTITY_MISSING']);
    expect(check(withInventory({ mode: 'per_date', quantities: { '2026-04-05': 30 } }, 10))).toEqual([
      'INVENTORY_QUANTITY_NOT_IN_MODE',
      'INVENTORY_QUANTITY_NOT_IN_MODE',
      'INVENTORY_QUANTITY_NOT_IN_MODE',
    ]);
    const missing = validateScheduledProduct(withInventory({ mode: 'per_date_time', quantities: { '2026-04-05T14:00': 30 } }), SEOUL);
    expect(codes(missing)).toEqual(['INVENTORY_QUANTITY_MISSING']);
    expect(missing[0]!.message).toBe('2026-04-05 16:00의 예약가능 수량을 입력해 주세요.');
    expect(check(withInventory({ mode: 'per_date', quantities: {} }))).toEqual(['INVENTORY_QUANTITY_MISSING']);
    expect(check(withInventory({ mode: 'per_date', quantities: { '2026-04-05': -1 } }))).toEqual(['INVENTORY_QUANTITY_INVALID']);
    expect(check(withInventory({ mode: 'per_period', quantity: 1.5 }))).toEqual(['INVENTORY_QUANTITY_INVALID']);
  });

  it('refuses a usage of the wrong kind, a reversed window, unknown references and a duplicate schedule × price', () => {
    expect(check({ ...sessions, schedules: [schedule('s1', { kind: 'date', date: '2026-04-05' }, open, close), sessions.schedules[1]!] })).toEqual([
      'PRODUCT_SCHEDULE_USAGE_INVALID',
    ]);
    expect(check({ ...sessions, schedules: [schedule('s1', { kind: 'date_time', date: '2026-04-05', startMinute: 1440 }, open, close), sessions.schedules[1]!] })).toEqual([
      'PRODUCT_SCHEDULE_USAGE_INVALID',
    ]);
    expect(check({ ...sessions, schedules: [schedule('s1', { kind: 'date_time', date: '2026-04-05', startMinute: 600 }, close, open), sessions.schedules[1]!] })).toEqual([
      'PRODUCT_SCHEDULE_WINDOW_INVALID',
    ]);
    expect(check({ ...sessions, bookingSchedules: [...sessions.bookingSchedules, bookingSchedule('b4', 's9', 'adult', 1)] })).toEqual(['BOOKING_SCHEDULE_REFERENCE_INVALID']);
    expect(check({ ...sessions, bookingSchedules: [...sessions.bookingSchedules, bookingSchedule('b4', 's1', 'adult', 1)] })).toEqual(['BOOKING_SCHEDULE_DUPLICATE']);
  });
});

describe('"최소 1일이라도 겹쳐야": a booking schedule needs one shared calendar day (BOOK-4)', () => {
  const seoul = zoneOf(SEOUL);
  const tenToTwenty = price('adult', { name: '성인', bookableFrom: '2026-03-10', bookableTo: '2026-03-20' });
  const windowed = (opensAt: number, closesAt: number) => schedule('s', { kind: 'date', date: '2026-03-25' }, opensAt, closesAt);
  const days = (opensAt: number, closesAt: number, zone = seoul) => bookingScheduleOverlapDays(windowed(opensAt, closesAt), tenToTwenty, zone);

  it('a window ending exactly when the price starts (00:00 of its first day) only touches it: 0 days, refused with the seed\'s rule', () => {
    expect(days(at('2026-03-01', '10:00'), at('2026-03-10', '00:00'))).toBe(0);
    const error = validateBookingScheduleOverlap(windowed(at('2026-03-01', '10:00'), at('2026-03-10', '00:00')), tenToTwenty, seoul);
    expect(error?.code).toBe('BOOKING_SCHEDULE_NO_OVERLAP');
    expect(error?.message).toBe(
      "일정의 예약 기간과 가격의 예약가능 기간이 최소 1일 이상 겹쳐야 예약 스케줄을 만들 수 있습니다. (일정 예약 기간: 2026-03-01 10:00 ~ 2026-03-10 00:00, 가격 '성인' 예약가능 기간: 2026-03-10 ~ 2026-03-20)",
    );
  });

  it('one minute into the price\'s first day makes that day shared: 1 day', () => {
    expect(days(at('2026-03-01', '10:00'), at('2026-03-10', '00:01'))).toBe(1);
    expect(validateBookingScheduleOverlap(windowed(at('2026-03-01', '10:00'), at('2026-03-10', '00:01')), tenToTwenty, seoul)).toBeNull();
  });

  it('at the other end: opening at 00:00 after the price\'s last day touches it (0), opening at 23:59 of that day shares it (1)', () => {
    expect(days(at('2026-03-21', '00:00'), at('2026-03-25', '00:00'))).toBe(0);
    expect(days(at('2026-03-20', '23:59'), at('2026-03-25', '00:00'))).toBe(1);
  });

  it('counts calendar days, not 24-hour spans', () => {
    expect(days(at('2026-03-15', '10:00'), at('2026-03-15', '11:00'))).toBe(1);
    expect(days(at('2026-03-15', '23:00'), at('2026-03-16', '01:00'))).toBe(2);
    expect(days(at('2026-03-01', '00:00'), at('2026-04-01', '00:00'))).toBe(11);
  });

  it('decides days in the business\'s time zone: a window to 09:00 KST on 3/10 shares 3/10 in Seoul but only touches it in UTC', () => {
    const opensAt = at('2026-03-01', '00:00');
    const closesAt = at('2026-03-10', '09:00');
    expect(days(opensAt, closesAt, seoul)).toBe(1);
    expect(days(opensAt, closesAt, zoneOf('UTC'))).toBe(0);
  });

  it('property: the days counted are exactly the price\'s dates on which some minute of the window falls (brute force, Seoul)', () => {
    const base = at('2026-03-08', '00:00');
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 7 * 1440 }),
        fc.integer({ min: 1, max: 3 * 1440 }),
        fc.integer({ min: 0, max: 6 }),
        fc.integer({ min: 0, max: 3 }),
        (start, length, fromOffset, spanDays) => {
          const opensAt = base + start;
          const closesAt = opensAt + length;
          const firstDay = Math.floor((base + 540) / 1440) + fromOffset;
          const p = price('p', { bookableFrom: formatLocalDate(firstDay), bookableTo: formatLocalDate(firstDay + spanDays) });
          const shared = new Set<number>();
          for (let t = opensAt; t < closesAt; t++) {
            const day = Math.floor((t + 540) / 1440);
            if (day >= firstDay && day <= firstDay + spanDays) shared.add(day);
          }
          const counted = bookingScheduleOverlapDays(windowed(opensAt, closesAt), p, seoul);
          expect(counted).toBe(shared.size);
          expect(validateBookingScheduleOverlap(windowed(opensAt, closesAt), p, seoul) === null).toBe(shared.size >= 1);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('the product validator applies the rule to every booking schedule', () => {
    const product = scheduledProduct({
      bookingType: 'date',
      inventory: { mode: 'per_booking_schedule' },
      schedules: [windowed(at('2026-03-01', '10:00'), at('2026-03-10', '00:00'))],
      prices: [tenToTwenty],
      bookingSchedules: [bookingSchedule('b', 's', 'adult', 5)],
    });
    const errors = validateScheduledProduct(product, SEOUL);
    expect(codes(errors)).toEqual(['BOOKING_SCHEDULE_NO_OVERLAP']);
    expect(errors[0]!.path).toBe('bookingSchedules[0]');
  });
});
