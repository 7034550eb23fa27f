import fc from 'fast-check';
import { IANAZone } from 'luxon';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { checkLineBookable, scheduleAvailability, timeSlotAvailability, type TimeSlotAvailability } from './availability.ts';
import { epochDayFromLocal, formatLocalDate, formatLocalTime } from './calendar.ts';
import type { Inventory, ScheduledProduct, TimeSlotProduct } from './model.ts';
import { capacityCheck } from '../../inventory/domain/pools.ts';
import { bookingDemand } from './product-pools.ts';
import {
  at,
  bookingSchedule,
  CountingMap,
  everyDay,
  hours,
  period,
  price,
  referenceInstant,
  schedule,
  scheduledProduct,
  SEOUL,
  timeSlotProduct,
  weekly,
} from './test-helpers.ts';

const slotLine = (startMinute: number, quantity = 1) => ({ kind: 'slot' as const, startMinute, quantity });
const bsLine = (bookingScheduleId: string, quantity = 1) => ({ kind: 'booking_schedule' as const, bookingScheduleId, quantity });
const allSlots = (result: TimeSlotAvailability) => result.days.flatMap((d) => d.slots);
const day = (product: TimeSlotProduct, date: string, now: number, taken: Map<string, number> = new Map(), zone = SEOUL) =>
  timeSlotAvailability(product, { from: date, to: date, now, zone }, taken).days[0]?.slots ?? [];

afterEach(() => {
  vi.restoreAllMocks();
});

describe('시간예약형 availability (BOOK-3)', () => {
  const beforeAll = at('2026-03-01', '09:00');

  it('cuts the weekly hours into slots of the product\'s length, each with its capacity', () => {
    const slots = day(timeSlotProduct(), '2026-03-10', beforeAll);
    expect(slots.map((s) => s.localTime)).toEqual(['10:00', '10:30', '11:00', '11:30']);
    expect(slots[1]).toEqual({
      startMinute: at('2026-03-10', '10:30'),
      endMinute: at('2026-03-10', '11:00'),
      localTime: '10:30',
      pool: `slot:p1:${at('2026-03-10', '10:30')}`,
      capacity: 2,
      taken: 0,
      remaining: 2,
      hidden: false,
      open: true,
      past: false,
      closedReason: null,
      closedKind: null,
      bookable: true,
      status: 'bookable',
    });
  });

  it('puts a 23:30 KST slot on its Seoul day, though it is 14:30 UTC (tests run with TZ=UTC)', () => {
    const product = timeSlotProduct({ operatingPeriods: [period({ weeklyHours: everyDay(['00:00', '01:00'], ['23:00', '24:00']) })] });
    const result = timeSlotAvailability(product, { from: '2026-03-10', to: '2026-03-11', now: beforeAll, zone: SEOUL }, new Map());
    expect(result.days.map((d) => [d.date, d.weekday, d.slots.map((s) => s.localTime)])).toEqual([
      ['2026-03-10', 2, ['00:00', '00:30', '23:00', '23:30']],
      ['2026-03-11', 3, ['00:00', '00:30', '23:00', '23:30']],
    ]);
    const lateSlot = result.days[0]!.slots[3]!;
    expect(new Date(lateSlot.startMinute * 60_000).toISOString()).toBe('2026-03-10T14:30:00.000Z');
    expect(new Date(lateSlot.endMinute * 60_000).toISOString()).toBe('2026-03-10T15:00:00.000Z');
    // 00:30 KST on 3/11 is still 3/10 in UTC, yet it belongs to 3/11.
    expect(new Date(result.days[1]!.slots[1]!.startMinute * 60_000).toISOString()).toBe('2026-03-10T15:30:00.000Z');
    expect(checkLineBookable(product, slotLine(lateSlot.startMinute), { now: beforeAll, zone: SEOUL })).toBeNull();
  });

  it('subtracts what is taken and marks a full slot sold out', () => {
    const start = at('2026-03-10', '10:00');
    const slots = day(timeSlotProduct(), '2026-03-10', beforeAll, new Map([[`slot:p1:${start}`, 2], [`slot:p1:${at('2026-03-10', '10:30')}`, 1]]));
    expect(slots.map((s) => [s.remaining, s.status])).toEqual([
      [0, 'sold_out'],
      [1, 'bookable'],
      [2, 'bookable'],
      [2, 'bookable'],
    ]);
  });

  it('opens booking at the exact minute of 예약시작 일시, not a minute before', () => {
    const opensAt = at('2026-03-05', '10:00');
    const product = timeSlotProduct({ operatingPeriods: [period({ bookingOpensAt: opensAt })] });
    const start = at('2026-03-10', '10:00');
    expect(day(product, '2026-03-10', opensAt - 1)[0]).toMatchObject({ open: false, bookable: false, status: 'not_open' });
    expect(checkLineBookable(product, slotLine(start), { now: opensAt - 1, zone: SEOUL })).toEqual({
      code: 'BOOKING_NOT_OPEN_YET',
      message: '2026-03-05 10:00부터 예약할 수 있습니다.',
      details: { opensAt },
    });
    expect(day(product, '2026-03-10', opensAt)[0]).toMatchObject({ open: true, bookable: true, status: 'bookable' });
    expect(checkLineBookable(product, slotLine(start), { now: opensAt, zone: SEOUL })).toBeNull();
  });

  it('each operating period opens on its own 예약시작 일시', () => {
    const product = timeSlotProduct({
      operatingPeriods: [
        period({ id: 'march', from: '2026-03-01', to: '2026-03-31', bookingOpensAt: null }),
        period({ id: 'april', from: '2026-04-01', to: '2026-04-30', bookingOpensAt: at('2026-03-25', '00:00'), weeklyHours: everyDay(['14:00', '15:00']) }),
      ],
    });
    const result = timeSlotAvailability(product, { from: '2026-03-31', to: '2026-04-01', now: beforeAll, zone: SEOUL }, new Map());
    expect(result.days.map((d) => [d.date, d.slots.map((s) => `${s.localTime} ${s.status}`)])).toEqual([
      ['2026-03-31', ['10:00 bookable', '10:30 bookable', '11:00 bookable', '11:30 bookable']],
      ['2026-04-01', ['14:00 not_open', '14:30 not_open']],
    ]);
  });

  it('keeps a hidden slot (노출 OFF) listed for the partner center but not bookable', () => {
    const hidden = at('2026-03-10', '10:30');
    const product = timeSlotProduct({ hiddenSlotStarts: [hidden] });
    expect(day(product, '2026-03-10', beforeAll).map((s) => s.status)).toEqual(['bookable', 'hidden', 'bookable', 'bookable']);
    expect(checkLineBookable(product, slotLine(hidden), { now: beforeAll, zone: SEOUL })?.code).toBe('SLOT_HIDDEN');
  });

  it('closes a slot at its start: bookable a minute before, past from the start minute', () => {
    const start = at('2026-03-10', '11:00');
    expect(day(timeSlotProduct(), '2026-03-10', start - 1).map((s) => s.status)).toEqual(['past', 'past', 'bookable', 'bookable']);
    expect(day(timeSlotProduct(), '2026-03-10', start).map((s) => s.status)).toEqual(['past', 'past', 'past', 'bookable']);
    expect(checkLineBookable(timeSlotProduct(), slotLine(start), { now: start, zone: SEOUL })?.code).toBe('BOOKING_PAST');
    expect(checkLineBookable(timeSlotProduct(), slotLine(start), { now: start - 1, zone: SEOUL })).toBeNull();
  });

  it('takes up to 50 people in a slot of capacity 50, and not the 51st', () => {
    const product = timeSlotProduct({ capacityPerSlot: 50 });
    const start = at('2026-03-10', '10:00');
    const taken = new Map([[`slot:p1:${start}`, 49]]);
    expect(day(product, '2026-03-10', beforeAll, taken)[0]).toMatchObject({ capacity: 50, remaining: 1, bookable: true });
    const one = bookingDemand(product, [slotLine(start, 1)]);
    const two = bookingDemand(product, [slotLine(start, 2)]);
    if (!one.ok || !two.ok) throw new Error('demand');
    expect(capacityCheck(one.value, taken)).toEqual({ ok: true });
    expect(capacityCheck(two.value, taken)).toMatchObject({ ok: false, code: 'SOLD_OUT', remaining: 1, message: '선택한 시간에 남은 자리가 1명뿐입니다.' });
  });

  it('shows slots up to the horizon: today in Seoul plus 6 months, that day included', () => {
    const now = at('2026-03-10', '12:00');
    const result = timeSlotAvailability(timeSlotProduct(), { from: '2026-09-09', to: '2026-09-30', now, zone: SEOUL }, new Map());
    expect(result.lastDate).toBe('2026-09-10');
    expect(result.days.map((d) => d.date)).toEqual(['2026-09-09', '2026-09-10']);
    expect(checkLineBookable(timeSlotProduct(), slotLine(at('2026-09-10', '11:30')), { now, zone: SEOUL })).toBeNull();
    expect(checkLineBookable(timeSlotProduct(), slotLine(at('2026-09-11', '10:00')), { now, zone: SEOUL })?.code).toBe('BOOKING_BEYOND_HORIZON');
    expect(timeSlotAvailability(timeSlotProduct({ horizonMonths: 1 }), { from: '2026-03-10', to: '2026-12-31', now, zone: SEOUL }, new Map()).lastDate).toBe(
      '2026-04-10',
    );
  });

  it('counts "today" for the horizon in the business\'s zone: 00:30 KST on 3/11 is still 3/10 in UTC', () => {
    const now = at('2026-03-11', '00:30');
    expect(new Date(now * 60_000).toISOString().slice(0, 10)).toBe('2026-03-10');
    expect(timeSlotAvailability(timeSlotProduct(), { from: '2026-09-01', to: '2026-09-30', now, zone: SEOUL }, new Map()).lastDate).toBe('2026-09-11');
  });

  it('has slots only on open weekdays within the operating periods', () => {
    const product = timeSlotProduct({ operatingPeriods: [period({ from: '2026-03-04', to: '2026-03-20', weeklyHours: weekly({ 1: hours(['10:00', '11:00']) }) })] });
    const result = timeSlotAvailability(product, { from: '2026-03-01', to: '2026-03-31', now: beforeAll, zone: SEOUL }, new Map());
    expect(result.days.map((d) => d.date)).toEqual(['2026-03-09', '2026-03-16']);
  });

  it('refuses a start that is no slot, and a line of the wrong kind', () => {
    const product = timeSlotProduct();
    expect(checkLineBookable(product, slotLine(at('2026-03-10', '10:15')), { now: beforeAll, zone: SEOUL })?.code).toBe('SLOT_NOT_FOUND');
    expect(checkLineBookable(product, slotLine(at('2026-03-10', '12:00')), { now: beforeAll, zone: SEOUL })?.code).toBe('SLOT_NOT_FOUND');
    expect(checkLineBookable(product, bsLine('b1'), { now: beforeAll, zone: SEOUL })?.code).toBe('BOOKING_LINE_INVALID');
    expect(checkLineBookable(product, slotLine(at('2026-03-10', '10:00'), 0), { now: beforeAll, zone: SEOUL })?.code).toBe('BOOKING_QUANTITY_INVALID');
  });

  it('computes a month of 10-minute slots in one pass: one read of `taken` per slot, and the zone asked a few times per day, not per slot', () => {
    const product = timeSlotProduct({ slotMinutes: 10, operatingPeriods: [period({ weeklyHours: everyDay(['09:00', '21:00']) })] });
    const taken = new CountingMap();
    const offsets = vi.spyOn(IANAZone.prototype, 'offset');
    const result = timeSlotAvailability(product, { from: '2026-05-01', to: '2026-05-31', now: beforeAll, zone: SEOUL }, taken);
    const slots = allSlots(result);
    expect(result.days).toHaveLength(31);
    expect(slots).toHaveLength(31 * 72);
    expect(taken.reads).toBe(slots.length);
    expect([...taken.readKeys.values()].every((n) => n === 1)).toBe(true);
    expect(offsets.mock.calls.length).toBeGreaterThan(0);
    expect(offsets.mock.calls.length).toBeLessThanOrEqual(31 * 6 + 4);
  });

  it('on DST days slots follow the wall clock: none in the skipped hour, one per repeated time (America/New_York)', () => {
    const product = timeSlotProduct({ operatingPeriods: [period({ from: '2026-01-01', to: '2026-12-31', weeklyHours: everyDay(['00:00', '04:00']) })], slotMinutes: 60 });
    const zone = 'America/New_York';
    const now = at('2026-01-01', '00:00', zone);
    const spring = day(product, '2026-03-08', now, new Map(), zone);
    expect(spring.map((s) => s.localTime)).toEqual(['00:00', '01:00', '03:00']);
    expect(spring.map((s) => new Date(s.startMinute * 60_000).toISOString())).toEqual(['2026-03-08T05:00:00.000Z', '2026-03-08T06:00:00.000Z', '2026-03-08T07:00:00.000Z']);
    const autumn = day(product, '2026-11-01', at('2026-10-01', '00:00', zone), new Map(), zone);
    expect(autumn.map((s) => s.localTime)).toEqual(['00:00', '01:00', '02:00', '03:00']);
    expect(autumn.map((s) => new Date(s.startMinute * 60_000).toISOString())).toEqual([
      '2026-11-01T04:00:00.000Z',
      '2026-11-01T05:00:00.000Z',
      '2026-11-01T07:00:00.000Z',
      '2026-11-01T08:00:00.000Z',
    ]);
  });

  it('property: the integer slot loop lists exactly the slots a per-slot luxon conversion gives, in zones with and without DST', () => {
    const zones = ['Asia/Seoul', 'America/New_York', 'Europe/Berlin', 'Australia/Lord_Howe', 'America/Santiago'];
    const rangeArb = fc.tuple(fc.integer({ min: 0, max: 280 }), fc.integer({ min: 1, max: 8 }));
    fc.assert(
      fc.property(
        fc.constantFrom(...zones),
        fc.constantFrom(10, 15, 30, 45, 60),
        fc.array(rangeArb, { minLength: 1, maxLength: 3 }),
        fc.constantFrom('2026-03-06', '2026-03-27', '2026-04-03', '2026-09-04', '2026-10-23', '2026-10-30', '2026-06-10'),
        (zone, slotMinutes, rawRanges, from) => {
          // Non-overlapping ranges on a 5-minute grid, each a whole number of slots.
          const ranges: { openMinute: number; closeMinute: number }[] = [];
          let cursor = 0;
          for (const [gap, count] of rawRanges) {
            const open = cursor + gap * 5;
            const close = open + count * slotMinutes;
            if (close > 1440) break;
            ranges.push({ openMinute: open, closeMinute: close });
            cursor = close;
          }
          const product = timeSlotProduct({
            slotMinutes,
            operatingPeriods: [period({ from: '2026-01-01', to: '2026-12-31', weeklyHours: weekly({ 1: ranges, 2: ranges, 3: ranges, 4: ranges, 5: ranges, 6: ranges, 7: ranges }) })],
          });
          const fromDay = epochDayFromLocal(from);
          const to = formatLocalDate(fromDay + 4);
          // Before every slot, with all of them inside the horizon.
          const now = at(formatLocalDate(fromDay - 2), '00:00', zone);
          const result = timeSlotAvailability(product, { from, to, now, zone }, new Map());
          const expected: [string, string, number][] = [];
          for (let d = fromDay; d <= fromDay + 4; d++) {
            for (const { openMinute, closeMinute } of ranges) {
              for (let m = openMinute; m + slotMinutes <= closeMinute; m += slotMinutes) {
                const instant = referenceInstant(zone, d, m);
                if (instant !== null) expected.push([formatLocalDate(d), formatLocalTime(m), instant]);
              }
            }
          }
          const actual = result.days.flatMap((dd) => dd.slots.map((s): [string, string, number] => [dd.date, s.localTime, s.startMinute]));
          expect(actual).toEqual(expected);
        },
      ),
      { numRuns: 150 },
    );
  });
});

describe('날짜/시간형, 날짜형, 상시형 availability (BOOK-4, BOOK-5)', () => {
  const opensAt = at('2026-03-01', '10:00');
  const closesAt = at('2026-04-05', '12:00');
  const sessions = (inventory: Inventory, quantity: number | null = null, adultMax: number | null = 6): ScheduledProduct =>
    scheduledProduct({
      id: 'p2',
      bookingType: 'date_time',
      inventory,
      schedules: [
        schedule('s16', { kind: 'date_time', date: '2026-04-05', startMinute: 16 * 60 }, opensAt, closesAt),
        schedule('s14', { kind: 'date_time', date: '2026-04-05', startMinute: 14 * 60 }, opensAt, closesAt),
        schedule('s-next', { kind: 'date_time', date: '2026-04-12', startMinute: 14 * 60 }, opensAt, at('2026-04-12', '12:00')),
      ],
      prices: [price('adult', { name: '성인', amount: 30_000, maxQuantity: adultMax }), price('child', { name: '어린이', amount: 15_000, bookableFrom: '2026-03-10' })],
      bookingSchedules: [
        bookingSchedule('b16a', 's16', 'adult', quantity),
        bookingSchedule('b14c', 's14', 'child', quantity),
        bookingSchedule('b14a', 's14', 'adult', quantity),
        bookingSchedule('bNa', 's-next', 'adult', quantity),
      ],
    });
  const now = at('2026-03-15', '09:00');
  const query = { now, zone: SEOUL };

  it('lists booking schedules by usage date and time, then in price order, each with its amount in 원', () => {
    const rows = scheduleAvailability(sessions({ mode: 'per_booking_schedule' }, 10, null), query, new Map());
    expect(rows.map((r) => [r.bookingScheduleId, r.priceName, r.amount])).toEqual([
      ['b14a', '성인', 30_000],
      ['b14c', '어린이', 15_000],
      ['b16a', '성인', 30_000],
      ['bNa', '성인', 30_000],
    ]);
    expect(rows.every((r) => r.remaining === 10 && r.bookable)).toBe(true);
  });

  it('gives each booking schedule the least left in any of its pools: the session\'s quantity and the price\'s 최대 예약 수량', () => {
    const product = sessions({ mode: 'per_date_time', quantities: { '2026-04-05T14:00': 20, '2026-04-05T16:00': 20, '2026-04-12T14:00': 20 } });
    const taken = new CountingMap([
      ['dt:p2:2026-04-05T14:00', 18],
      ['price-max:p2:adult', 5],
    ]);
    const rows = scheduleAvailability(product, query, taken);
    expect(rows.map((r) => [r.bookingScheduleId, r.remaining])).toEqual([
      ['b14a', 1],
      ['b14c', 2],
      ['b16a', 1],
      ['bNa', 1],
    ]);
    expect(rows[0]!.pools).toEqual([
      { key: 'dt:p2:2026-04-05T14:00', capacity: 20, taken: 18, remaining: 2 },
      { key: 'price-max:p2:adult', capacity: 6, taken: 5, remaining: 1 },
    ]);
    // Each pool read once, though the price maximum is shared by three booking schedules.
    expect([...taken.readKeys.values()].every((n) => n === 1)).toBe(true);
    expect(taken.reads).toBe(4);
  });

  it('shares one quantity per date in 날짜별 관리 and one for the whole product in 기간 내 수량 관리', () => {
    const byDate = scheduleAvailability(sessions({ mode: 'per_date', quantities: { '2026-04-05': 10, '2026-04-12': 10 } }, null, null), query, new Map([['date:p2:2026-04-05', 10]]));
    expect(byDate.map((r) => [r.bookingScheduleId, r.status])).toEqual([
      ['b14a', 'sold_out'],
      ['b14c', 'sold_out'],
      ['b16a', 'sold_out'],
      ['bNa', 'bookable'],
    ]);
    const byPeriod = scheduleAvailability(sessions({ mode: 'per_period', quantity: 10 }, null, null), query, new Map([['period:p2', 7]]));
    expect(byPeriod.map((r) => r.remaining)).toEqual([3, 3, 3, 3]);
  });

  it('is bookable from the later of the schedule\'s 예약 시작 일시 and the price\'s first bookable day, at the exact minute', () => {
    const product = sessions({ mode: 'per_booking_schedule' }, 10, null);
    const child = (at: number) => scheduleAvailability(product, { now: at, zone: SEOUL }, new Map()).find((r) => r.bookingScheduleId === 'b14c')!;
    const priceStart = at('2026-03-10', '00:00');
    expect(child(priceStart - 1)).toMatchObject({ opensAt: priceStart, open: false, status: 'not_open' });
    expect(child(priceStart)).toMatchObject({ open: true, status: 'bookable' });
    expect(checkLineBookable(product, bsLine('b14c'), { now: priceStart - 1, zone: SEOUL })).toMatchObject({
      code: 'BOOKING_NOT_OPEN_YET',
      message: '2026-03-10 00:00부터 예약할 수 있습니다.',
    });
    const adult = (at: number) => scheduleAvailability(product, { now: at, zone: SEOUL }, new Map()).find((r) => r.bookingScheduleId === 'b14a')!;
    expect(adult(opensAt - 1).status).toBe('not_open');
    expect(adult(opensAt).status).toBe('bookable');
  });

  it('closes at 예약 종료 일시 exactly, and a session is past from its start even if the window were still open', () => {
    const product = sessions({ mode: 'per_booking_schedule' }, 10, null);
    const b14a = (at: number) => scheduleAvailability(product, { now: at, zone: SEOUL }, new Map()).find((r) => r.bookingScheduleId === 'b14a')!;
    expect(b14a(closesAt - 1).status).toBe('bookable');
    expect(b14a(closesAt).status).toBe('closed');
    expect(checkLineBookable(product, bsLine('b14a'), { now: closesAt, zone: SEOUL })?.code).toBe('BOOKING_CLOSED');
    const late = { ...product, schedules: product.schedules.map((s) => ({ ...s, bookingClosesAt: at('2026-04-30', '00:00') })) };
    const lateB14a = (at: number) => scheduleAvailability(late, { now: at, zone: SEOUL }, new Map()).find((r) => r.bookingScheduleId === 'b14a')!;
    expect(lateB14a(at('2026-04-05', '13:59')).status).toBe('bookable');
    expect(lateB14a(at('2026-04-05', '14:00')).status).toBe('past');
    expect(checkLineBookable(late, bsLine('b14a'), { now: at('2026-04-05', '14:00'), zone: SEOUL })?.code).toBe('BOOKING_PAST');
  });

  it('a 날짜형 day is past at the next midnight in the business\'s zone; a 상시형 period at the midnight after its last day', () => {
    const daily = scheduledProduct({
      bookingType: 'date',
      inventory: { mode: 'per_date', quantities: { '2026-04-05': 5 } },
      schedules: [schedule('d', { kind: 'date', date: '2026-04-05' }, opensAt, at('2026-05-01', '00:00'))],
      prices: [price('day')],
      bookingSchedules: [bookingSchedule('bd', 'd', 'day', null)],
    });
    expect(scheduleAvailability(daily, { now: at('2026-04-05', '23:59'), zone: SEOUL }, new Map())[0]!.status).toBe('bookable');
    expect(scheduleAvailability(daily, { now: at('2026-04-06', '00:00'), zone: SEOUL }, new Map())[0]!.status).toBe('past');
    const always = scheduledProduct({
      bookingType: 'always',
      inventory: { mode: 'per_price' },
      schedules: [schedule('a', { kind: 'period', from: '2026-03-01', to: '2026-06-30' }, opensAt, at('2026-07-01', '00:00'))],
      prices: [price('pass', { name: '10회권' }), price('pass5', { name: '5회권' })],
      bookingSchedules: [bookingSchedule('bp', 'a', 'pass', 3), bookingSchedule('bp5', 'a', 'pass5', 8)],
    });
    const rows = scheduleAvailability(always, { now: at('2026-06-30', '23:59'), zone: SEOUL }, new Map([['bs:p2:bp', 1]]));
    expect(rows.map((r) => [r.priceName, r.remaining, r.status])).toEqual([
      ['10회권', 2, 'bookable'],
      ['5회권', 8, 'bookable'],
    ]);
    expect(scheduleAvailability(always, { now: at('2026-07-01', '00:00'), zone: SEOUL }, new Map())[0]!.status).toBe('past');
  });

  it('keeps the booking schedules whose usage touches the asked dates', () => {
    const product = sessions({ mode: 'per_booking_schedule' }, 10, null);
    expect(scheduleAvailability(product, { ...query, from: '2026-04-06', to: '2026-04-30' }, new Map()).map((r) => r.bookingScheduleId)).toEqual(['bNa']);
    expect(scheduleAvailability(product, { ...query, to: '2026-04-05' }, new Map()).map((r) => r.bookingScheduleId)).toEqual(['b14a', 'b14c', 'b16a']);
  });

  it('refuses unknown booking schedules and slot lines', () => {
    const product = sessions({ mode: 'per_booking_schedule' }, 10, null);
    expect(checkLineBookable(product, bsLine('nope'), query)?.code).toBe('BOOKING_SCHEDULE_NOT_FOUND');
    expect(checkLineBookable(product, slotLine(0), query)?.code).toBe('BOOKING_LINE_INVALID');
  });
});
