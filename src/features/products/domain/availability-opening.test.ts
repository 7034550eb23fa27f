import fc from 'fast-check';
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { KOREAN_HOLIDAYS, type OpeningRules } from '../../places/index.ts';
import { checkLineBookable, closedDaysOf, scheduleAvailability, timeSlotAvailability } from './availability.ts';
import type { IsoWeekday, OpeningHours, ScheduledProduct, TimeSlotProduct, WeeklyHours } from './model.ts';
import { at, bookingSchedule, everyDay, hm, period, price, schedule, scheduledProduct, SEOUL, timeSlotProduct, weekly } from './test-helpers.ts';

/**
 * OPS-1: availability and the booking check never offer a time the place is
 * closed: a 임시휴무, a public holiday kept closed, a weekday the place does
 * not open, or a time outside the place's hours. Asia/Seoul with the server
 * in UTC (these tests run with TZ=UTC), around substitute holidays and
 * across midnight.
 */

const slotLine = (startMinute: number, quantity = 1) => ({ kind: 'slot' as const, startMinute, quantity });
const bsLine = (bookingScheduleId: string, quantity = 1) => ({ kind: 'booking_schedule' as const, bookingScheduleId, quantity });

function opening(overrides: Partial<OpeningRules> = {}): OpeningRules {
  return { weeklyHours: null, holidaysClosed: true, holidayOverrides: new Map(), closures: [], holidays: KOREAN_HOLIDAYS, ...overrides };
}

const NOW = at('2026-02-20', '09:00');
const query = { now: NOW, zone: SEOUL };

/** A 시간예약형 product open all day and night (00:00–24:00), 30-minute slots, through 2027-01-31. */
const allDay = (rules: OpeningRules | undefined, slotMinutes = 30): TimeSlotProduct =>
  timeSlotProduct({
    slotMinutes,
    horizonMonths: 6,
    operatingPeriods: [period({ from: '2026-02-20', to: '2027-01-31', weeklyHours: everyDay(['00:00', '24:00']) })],
    opening: rules,
  });

const slotsOf = (product: TimeSlotProduct, date: string, now = NOW) => timeSlotAvailability(product, { from: date, to: date, now, zone: SEOUL }, new Map()).days[0]!;

describe('a clinic closed on public holidays (시간예약형)', () => {
  it('offers nothing on 성탄절: every slot is closed with the holiday named, and the booking is refused with BOOKING_DAY_CLOSED', () => {
    const now = at('2026-12-01', '09:00');
    const product = allDay(opening());
    const christmas = slotsOf(product, '2026-12-25', now);
    expect(christmas.closedReason).toBe('공휴일 휴무: 기독탄신일');
    expect(christmas.slots.length).toBe(48);
    expect(christmas.slots.every((s) => s.status === 'closed' && !s.bookable && s.closedReason === '공휴일 휴무: 기독탄신일')).toBe(true);
    expect(slotsOf(product, '2026-12-24', now).slots.every((s) => s.status === 'bookable')).toBe(true);
    const refusal = checkLineBookable(product, slotLine(at('2026-12-25', '10:00')), { now, zone: SEOUL });
    expect(refusal).toMatchObject({ code: 'BOOKING_DAY_CLOSED', message: '예약할 수 없는 날입니다 — 12월 25일(금) 공휴일 휴무: 기독탄신일' });
    expect(refusal?.details).toMatchObject({ date: '2026-12-25', kind: 'holiday' });
  });

  it('re-opens the day for an override ("성탄절 진료"), and a café is open unless it closes one holiday', () => {
    const now = at('2026-12-01', '09:00');
    const christmasOpen = allDay(opening({ holidayOverrides: new Map([['2026-12-25', false]]) }));
    expect(slotsOf(christmasOpen, '2026-12-25', now).slots.every((s) => s.status === 'bookable')).toBe(true);
    expect(checkLineBookable(christmasOpen, slotLine(at('2026-12-25', '10:00')), { now, zone: SEOUL })).toBeNull();
    const cafe = allDay(opening({ holidaysClosed: false, holidayOverrides: new Map([['2027-01-01', true]]) }));
    expect(slotsOf(cafe, '2026-12-25', now).slots[0]!.status).toBe('bookable');
    expect(slotsOf(cafe, '2027-01-01', now).slots[0]).toMatchObject({ status: 'closed', closedReason: '공휴일 휴무: 1월 1일' });
  });

  it('closes the substitute holidays 2026-03-02 (3ㆍ1절) and 2026-10-05 (개천절), not the days around them', () => {
    const product = allDay(opening());
    expect(slotsOf(product, '2026-03-02').closedReason).toBe('공휴일 휴무: 대체공휴일(3ㆍ1절)');
    expect(slotsOf(product, '2026-03-03').closedReason).toBeNull();
    expect(slotsOf(product, '2026-03-03').slots[0]!.status).toBe('bookable');
    const september = at('2026-09-01', '09:00');
    expect(slotsOf(product, '2026-10-05', september).closedReason).toBe('공휴일 휴무: 대체공휴일(개천절)');
    expect(slotsOf(product, '2026-10-06', september).closedReason).toBeNull();
    expect(checkLineBookable(product, slotLine(at('2026-10-05', '10:00')), { now: september, zone: SEOUL })?.message).toBe(
      '예약할 수 없는 날입니다 — 10월 5일(월) 공휴일 휴무: 대체공휴일(개천절)',
    );
    expect(checkLineBookable(product, slotLine(at('2026-03-02', '09:00')), query)?.code).toBe('BOOKING_DAY_CLOSED');
    expect(checkLineBookable(product, slotLine(at('2026-03-03', '09:00')), query)).toBeNull();
  });

  it('across midnight: 23:30 local on the day before a holiday is offered, 00:00 on the holiday is not, 00:00 after it is again (server in UTC)', () => {
    const now = at('2026-09-01', '09:00');
    const seoul = { now, zone: SEOUL };
    const product = allDay(opening());
    // 2026-10-02 (금) is a working day before 개천절 (10-03, 토).
    const eve = slotsOf(product, '2026-10-02', now);
    const lastOfEve = eve.slots.at(-1)!;
    expect([lastOfEve.localTime, lastOfEve.status, eve.closedReason]).toEqual(['23:30', 'bookable', null]);
    // 23:30 in Seoul is 14:30 UTC of the same date; 00:00 of 10-03 is 15:00 UTC of 10-02.
    expect(new Date(lastOfEve.startMinute * 60_000).toISOString()).toBe('2026-10-02T14:30:00.000Z');
    expect(checkLineBookable(product, slotLine(at('2026-10-02', '23:30')), seoul)).toBeNull();
    const foundation = at('2026-10-03', '00:00');
    expect(new Date(foundation * 60_000).toISOString()).toBe('2026-10-02T15:00:00.000Z');
    expect(checkLineBookable(product, slotLine(foundation), seoul)?.code).toBe('BOOKING_DAY_CLOSED');
    expect(slotsOf(product, '2026-10-03', now).slots[0]).toMatchObject({ localTime: '00:00', status: 'closed', closedReason: '공휴일 휴무: 개천절' });
    expect(checkLineBookable(product, slotLine(at('2026-10-03', '23:30')), seoul)?.code).toBe('BOOKING_DAY_CLOSED');
    // 10-04 (일) is no holiday; 10-05 is the 대체공휴일, so its 00:00 is closed again.
    expect(checkLineBookable(product, slotLine(at('2026-10-04', '00:00')), seoul)).toBeNull();
    expect(checkLineBookable(product, slotLine(at('2026-10-04', '23:30')), seoul)).toBeNull();
    expect(checkLineBookable(product, slotLine(at('2026-10-05', '00:00')), seoul)?.code).toBe('BOOKING_DAY_CLOSED');
    expect(checkLineBookable(product, slotLine(at('2026-10-06', '00:00')), seoul)).toBeNull();
  });

  it('past comes before closed, as before', () => {
    const now = at('2026-03-02', '12:00');
    const product = allDay(opening());
    const day = slotsOf(product, '2026-03-02', now);
    expect(day.slots.find((s) => s.localTime === '11:30')!.status).toBe('past');
    expect(day.slots.find((s) => s.localTime === '12:30')!.status).toBe('closed');
    expect(checkLineBookable(product, slotLine(at('2026-03-02', '11:30')), { now, zone: SEOUL })?.code).toBe('BOOKING_PAST');
  });
});

describe('임시휴무 and the place\'s hours', () => {
  it('closes every slot of a 임시휴무 with its reason, and lists its days as closed days', () => {
    const product = allDay(opening({ holidaysClosed: false, closures: [{ id: 'c1', from: '2026-04-14', to: '2026-04-16', reason: '원장님 학회' }] }));
    for (const date of ['2026-04-14', '2026-04-15', '2026-04-16']) {
      const day = slotsOf(product, date);
      expect(day.closedReason).toBe('임시휴무: 원장님 학회');
      expect(day.slots.every((s) => s.status === 'closed')).toBe(true);
    }
    expect(slotsOf(product, '2026-04-17').slots.every((s) => s.status === 'bookable')).toBe(true);
    expect(checkLineBookable(product, slotLine(at('2026-04-15', '14:00')), query)).toMatchObject({
      code: 'BOOKING_DAY_CLOSED',
      message: '예약할 수 없는 날입니다 — 4월 15일(수) 임시휴무: 원장님 학회',
      details: { closureId: 'c1' },
    });
    expect(closedDaysOf(product, '2026-04-13', '2026-04-17').map((d) => [d.date, d.kind, d.reason])).toEqual([
      ['2026-04-14', 'closure', '임시휴무: 원장님 학회'],
      ['2026-04-15', 'closure', '임시휴무: 원장님 학회'],
      ['2026-04-16', 'closure', '임시휴무: 원장님 학회'],
    ]);
    expect(closedDaysOf(timeSlotProduct(), '2026-04-13', '2026-04-17')).toEqual([]);
  });

  it('keeps a slot only inside the place\'s hours that day; a weekday the place does not open is 정기 휴무일', () => {
    const lunchBreak = [
      { openMinute: hm('10:00'), closeMinute: hm('12:00') },
      { openMinute: hm('13:00'), closeMinute: hm('17:00') },
    ];
    const placeHours = weekly({ 1: lunchBreak, 2: lunchBreak, 3: lunchBreak, 4: lunchBreak, 5: lunchBreak, 6: lunchBreak });
    const product = timeSlotProduct({
      operatingPeriods: [period({ from: '2026-03-01', to: '2026-12-31', weeklyHours: everyDay(['09:00', '18:00']) })],
      opening: opening({ holidaysClosed: false, weeklyHours: placeHours }),
    });
    const tuesday = slotsOf(product, '2026-03-10');
    const state = (time: string) => tuesday.slots.find((s) => s.localTime === time)!;
    expect([state('09:30').status, state('09:30').closedReason]).toEqual(['closed', '영업시간 외']);
    expect(state('10:00').status).toBe('bookable');
    expect(state('11:30').status).toBe('bookable');
    expect(state('12:00').status).toBe('closed');
    expect(state('16:30').status).toBe('bookable');
    expect(state('17:00').status).toBe('closed');
    expect(tuesday.closedReason).toBeNull();
    expect(checkLineBookable(product, slotLine(at('2026-03-10', '09:00')), query)).toMatchObject({
      code: 'BOOKING_DAY_CLOSED',
      message: '예약할 수 없는 시간입니다 — 3월 10일(화) 09:00 영업시간 외',
    });
    const sunday = slotsOf(product, '2026-03-15');
    expect(sunday.closedReason).toBe('정기 휴무일');
    expect(sunday.slots.every((s) => s.status === 'closed')).toBe(true);
  });
});

describe('날짜/시간형, 날짜형, 상시형 on closed days', () => {
  const opensAt = at('2026-02-01', '00:00');
  const sessions = (rules: OpeningRules | undefined): ScheduledProduct =>
    scheduledProduct({
      bookingType: 'date_time',
      inventory: { mode: 'per_booking_schedule' },
      schedules: [
        schedule('xmas', { kind: 'date_time', date: '2026-12-25', startMinute: hm('14:00') }, opensAt, at('2026-12-25', '12:00')),
        schedule('boxing', { kind: 'date_time', date: '2026-12-26', startMinute: hm('14:00') }, opensAt, at('2026-12-26', '12:00')),
        schedule('late', { kind: 'date_time', date: '2026-12-26', startMinute: hm('20:00') }, opensAt, at('2026-12-26', '12:00')),
      ],
      prices: [price('adult', { bookableFrom: '2026-02-01', bookableTo: '2026-12-31' })],
      bookingSchedules: [bookingSchedule('b-xmas', 'xmas', 'adult', 5), bookingSchedule('b-boxing', 'boxing', 'adult', 5), bookingSchedule('b-late', 'late', 'adult', 5)],
      opening: rules,
    });

  it('closes a session on a closed holiday or starting outside the place\'s hours, with why, and refuses it', () => {
    const product = sessions(opening({ weeklyHours: everyDay(['09:00', '18:00']) }));
    const rows = scheduleAvailability(product, query, new Map());
    expect(rows.map((r) => [r.bookingScheduleId, r.status, r.closedReason])).toEqual([
      ['b-xmas', 'closed', '공휴일 휴무: 기독탄신일'],
      ['b-boxing', 'bookable', null],
      ['b-late', 'closed', '영업시간 외'],
    ]);
    expect(checkLineBookable(product, bsLine('b-xmas'), query)).toMatchObject({ code: 'BOOKING_DAY_CLOSED', message: '예약할 수 없는 날입니다 — 12월 25일(금) 공휴일 휴무: 기독탄신일' });
    expect(checkLineBookable(product, bsLine('b-late'), query)?.message).toBe('예약할 수 없는 시간입니다 — 12월 26일(토) 20:00 영업시간 외');
    expect(checkLineBookable(product, bsLine('b-boxing'), query)).toBeNull();
    // Without rules (a product read without its place) nothing is closed.
    expect(scheduleAvailability(sessions(undefined), query, new Map()).every((r) => r.status === 'bookable' && r.closedReason === null)).toBe(true);
  });

  it('keeps "closed" without a reason for a booking window that has ended', () => {
    const product = sessions(opening({ holidaysClosed: false }));
    const rows = scheduleAvailability(product, { now: at('2026-12-26', '12:00'), zone: SEOUL }, new Map());
    expect(rows.map((r) => [r.bookingScheduleId, r.status, r.closedReason])).toEqual([
      ['b-xmas', 'past', null],
      ['b-boxing', 'closed', null],
      ['b-late', 'closed', null],
    ]);
  });

  it('closes a 날짜형 day of a 임시휴무, and never a 상시형 period (used on any open day)', () => {
    const rules = opening({ closures: [{ id: 'c1', from: '2026-05-04', to: '2026-05-06', reason: '내부 공사' }] });
    const daily = scheduledProduct({
      bookingType: 'date',
      inventory: { mode: 'per_booking_schedule' },
      schedules: [schedule('d4', { kind: 'date', date: '2026-05-04' }, opensAt, at('2026-05-31', '00:00')), schedule('d7', { kind: 'date', date: '2026-05-07' }, opensAt, at('2026-05-31', '00:00'))],
      prices: [price('day')],
      bookingSchedules: [bookingSchedule('b4', 'd4', 'day', 3), bookingSchedule('b7', 'd7', 'day', 3)],
      opening: rules,
    });
    expect(scheduleAvailability(daily, query, new Map()).map((r) => [r.bookingScheduleId, r.status, r.closedReason])).toEqual([
      ['b4', 'closed', '임시휴무: 내부 공사'],
      ['b7', 'bookable', null],
    ]);
    expect(checkLineBookable(daily, bsLine('b4'), query)?.code).toBe('BOOKING_DAY_CLOSED');
    const always = scheduledProduct({
      bookingType: 'always',
      inventory: { mode: 'per_price' },
      schedules: [schedule('a', { kind: 'period', from: '2026-05-04', to: '2026-05-06' }, opensAt, at('2026-05-07', '00:00'))],
      prices: [price('pass')],
      bookingSchedules: [bookingSchedule('bp', 'a', 'pass', 3)],
      opening: rules,
    });
    expect(scheduleAvailability(always, query, new Map())[0]!.status).toBe('bookable');
    expect(checkLineBookable(always, bsLine('bp'), query)).toBeNull();
  });
});

// ------------------------------------------------------------ properties

const holidayDates = [...KOREAN_HOLIDAYS.keys()].filter((d) => d >= '2026-12-01' && d <= '2027-02-28');
const placeHoursChoices: OpeningHours[][] = [[], [{ openMinute: hm('09:00'), closeMinute: hm('18:00') }], [{ openMinute: hm('10:00'), closeMinute: hm('12:00') }, { openMinute: hm('13:00'), closeMinute: hm('24:00') }], [{ openMinute: 0, closeMinute: 1440 }]];
const rulesArb: fc.Arbitrary<OpeningRules> = fc
  .record({
    placeHours: fc.option(fc.array(fc.constantFrom(...placeHoursChoices), { minLength: 7, maxLength: 7 })),
    holidaysClosed: fc.boolean(),
    overrides: fc.array(fc.tuple(fc.constantFrom(...holidayDates), fc.boolean()), { maxLength: 4 }),
    closure: fc.option(fc.record({ start: fc.integer({ min: 0, max: 60 }), length: fc.integer({ min: 0, max: 6 }) })),
  })
  .map(({ placeHours, holidaysClosed, overrides, closure }) => {
    const weeklyHours = placeHours ? (Object.fromEntries(placeHours.map((h, i) => [i + 1, h])) as unknown as WeeklyHours) : null;
    const start = closure ? DateTime.fromISO('2026-12-01').plus({ days: closure.start }) : null;
    return opening({
      weeklyHours,
      holidaysClosed,
      holidayOverrides: new Map(overrides),
      closures: start && closure ? [{ id: 'c', from: start.toISODate()!, to: start.plus({ days: closure.length }).toISODate()!, reason: '사유' }] : [],
    });
  });

/** The oracle, from luxon's wall clock in Seoul and the rules' raw data, apart from the code under test. */
function oracleClosed(rules: OpeningRules, startMinute: number, lengthMinutes: number | null): boolean {
  const local = DateTime.fromMillis(startMinute * 60_000, { zone: SEOUL });
  const date = local.toISODate()!;
  if (rules.closures.some((c) => c.from <= date && date <= c.to)) return true;
  if (KOREAN_HOLIDAYS.has(date) && (rules.holidayOverrides.get(date) ?? rules.holidaysClosed)) return true;
  if (!rules.weeklyHours) return false;
  const ranges = rules.weeklyHours[local.weekday as IsoWeekday];
  const minute = local.hour * 60 + local.minute;
  return !ranges.some((r) => r.openMinute <= minute && (lengthMinutes === null ? minute < r.closeMinute : minute + lengthMinutes <= r.closeMinute));
}

describe('properties: nothing closed is ever offered', () => {
  const now = at('2026-11-30', '12:00');

  it('property: a slot is bookable only when no closure, closed holiday or place hour rule closes it, and checkLineBookable agrees with its status', () => {
    fc.assert(
      fc.property(rulesArb, fc.constantFrom(30, 60), (rules, slotMinutes) => {
        const product = allDay(rules, slotMinutes);
        const result = timeSlotAvailability(product, { from: '2026-12-01', to: '2027-01-15', now, zone: SEOUL }, new Map());
        for (const day of result.days) {
          for (const slot of day.slots) {
            const closed = oracleClosed(rules, slot.startMinute, slotMinutes);
            expect(slot.status).toBe(closed ? 'closed' : 'bookable');
            expect(slot.closedReason !== null).toBe(closed);
            // A day closed all day closes each of its slots with the day's reason.
            if (day.closedReason !== null) expect(slot.closedReason).toBe(day.closedReason);
          }
        }
        // The booking check agrees on a sample of each day (the whole grid is the availability's part above).
        for (const day of result.days) {
          for (const slot of [day.slots[0]!, day.slots[Math.floor(day.slots.length / 2)]!, day.slots.at(-1)!]) {
            const refusal = checkLineBookable(product, slotLine(slot.startMinute), { now, zone: SEOUL });
            expect(refusal?.code ?? null).toBe(slot.status === 'closed' ? 'BOOKING_DAY_CLOSED' : null);
          }
        }
      }),
      { numRuns: 30 },
    );
  });

  it('property: a session or a day is bookable only when the place is open then, and the refusal agrees', () => {
    fc.assert(
      fc.property(
        rulesArb,
        fc.array(fc.record({ day: fc.integer({ min: 0, max: 61 }), half: fc.option(fc.integer({ min: 0, max: 47 })) }), { minLength: 1, maxLength: 12 }),
        (rules, picks) => {
          const schedules = picks.map((p, i) => {
            const date = DateTime.fromISO('2026-12-01').plus({ days: p.day }).toISODate()!;
            const usage = p.half === null ? ({ kind: 'date', date } as const) : ({ kind: 'date_time', date, startMinute: p.half * 30 } as const);
            return schedule(`s${i}`, usage, at('2026-11-01', '00:00'), at('2027-03-01', '00:00'));
          });
          // One product per usage kind (a product's schedules share its booking type).
          for (const kind of ['date', 'date_time'] as const) {
            const own = schedules.filter((s) => s.usage.kind === kind);
            if (own.length === 0) continue;
            const product = scheduledProduct({
              bookingType: kind,
              inventory: { mode: 'per_booking_schedule' },
              schedules: own,
              prices: [price('p', { bookableFrom: '2026-11-01', bookableTo: '2027-03-01' })],
              bookingSchedules: own.map((s) => bookingSchedule(`b-${s.id}`, s.id, 'p', 5)),
              opening: rules,
            });
            for (const row of scheduleAvailability(product, { now, zone: SEOUL }, new Map())) {
              const usage = row.usage;
              const closed =
                usage.kind === 'date_time'
                  ? oracleClosed(rules, at(usage.date, `${String(Math.floor(usage.startMinute / 60)).padStart(2, '0')}:${String(usage.startMinute % 60).padStart(2, '0')}`), null)
                  : usage.kind === 'date' && dayClosedOracle(rules, usage.date);
              expect(row.status).toBe(closed ? 'closed' : 'bookable');
              expect(checkLineBookable(product, bsLine(row.bookingScheduleId), { now, zone: SEOUL })?.code ?? null).toBe(closed ? 'BOOKING_DAY_CLOSED' : null);
            }
          }
        },
      ),
      { numRuns: 60 },
    );
  });
});

function dayClosedOracle(rules: OpeningRules, date: string): boolean {
  if (rules.closures.some((c) => c.from <= date && date <= c.to)) return true;
  if (KOREAN_HOLIDAYS.has(date) && (rules.holidayOverrides.get(date) ?? rules.holidaysClosed)) return true;
  return rules.weeklyHours !== null && rules.weeklyHours[DateTime.fromISO(date).weekday as IsoWeekday].length === 0;
}
