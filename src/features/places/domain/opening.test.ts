import fc from 'fast-check';
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { HOLIDAY_YEARS, KOREAN_HOLIDAYS, holidaysBetween } from './holidays.ts';
import {
  addDays,
  bookingsOnClosedTimes,
  closedDay,
  closedDaysBetween,
  closedTimeOf,
  closureProblem,
  holidayDefaultClosed,
  holidayStates,
  isLocalDate,
  weekdayOf,
  weeklyHoursProblem,
  WEEKDAYS,
  type DayHours,
  type OpeningRules,
  type PlaceWeeklyHours,
  type TemporaryClosure,
  type Weekday,
} from './opening.ts';

/** OPS-1: a place's hours, public holidays and 임시휴무 as pure rules. */

const nineToSix: DayHours[] = [{ openMinute: 540, closeMinute: 1080 }];
const weekdaysOnly: PlaceWeeklyHours = { 1: nineToSix, 2: nineToSix, 3: nineToSix, 4: nineToSix, 5: nineToSix, 6: [], 7: [] };

function rules(overrides: Partial<OpeningRules> = {}): OpeningRules {
  return { weeklyHours: null, holidaysClosed: false, holidayOverrides: new Map(), closures: [], holidays: KOREAN_HOLIDAYS, ...overrides };
}

describe('the public holidays of @hyunbinseo/holidays-kr', () => {
  it('has 성탄절, the 2026 substitute holidays and the 2026 local election, and covers 2018 … 2027 at least', () => {
    expect(KOREAN_HOLIDAYS.get('2026-12-25')).toEqual(['기독탄신일']);
    expect(KOREAN_HOLIDAYS.get('2026-03-02')).toEqual(['대체공휴일(3ㆍ1절)']);
    expect(KOREAN_HOLIDAYS.get('2026-10-05')).toEqual(['대체공휴일(개천절)']);
    expect(KOREAN_HOLIDAYS.get('2026-06-03')).toEqual(['전국동시지방선거']);
    expect(KOREAN_HOLIDAYS.has('2026-12-24')).toBe(false);
    expect(HOLIDAY_YEARS.first).toBeLessThanOrEqual(2018);
    expect(HOLIDAY_YEARS.last).toBeGreaterThanOrEqual(2027);
    expect(holidaysBetween(KOREAN_HOLIDAYS, '2026-12-01', '2027-01-01').map((h) => h.date)).toEqual(['2026-12-25', '2027-01-01']);
  });

  it('knows no holiday in a year the package does not cover: such a day is open', () => {
    const uncovered = `${HOLIDAY_YEARS.last + 1}-01-01`;
    expect(KOREAN_HOLIDAYS.has(uncovered)).toBe(false);
    expect(closedDay(rules({ holidaysClosed: true }), uncovered)).toBeNull();
  });
});

describe('공휴일 휴무', () => {
  it('closes clinics by default and opens every other category', () => {
    expect(holidayDefaultClosed('clinic')).toBe(true);
    for (const type of ['beauty', 'restaurant', 'retail', 'other'] as const) expect(holidayDefaultClosed(type)).toBe(false);
  });

  it('closes a holiday with its name, unless that one holiday is overridden open ("성탄절 진료")', () => {
    expect(closedDay(rules({ holidaysClosed: true }), '2026-12-25')).toEqual({ kind: 'holiday', reason: '공휴일 휴무: 기독탄신일', names: ['기독탄신일'] });
    expect(closedDay(rules({ holidaysClosed: true, holidayOverrides: new Map([['2026-12-25', false]]) }), '2026-12-25')).toBeNull();
    expect(closedDay(rules({ holidaysClosed: true }), '2026-12-24')).toBeNull();
  });

  it('opens holidays at a café unless one is overridden closed ("설날 휴무"); an override on a plain day does nothing', () => {
    const cafe = rules({ holidaysClosed: false, holidayOverrides: new Map([['2027-02-07', true], ['2027-02-10', true]]) });
    expect(closedDay(cafe, '2026-12-25')).toBeNull();
    expect(closedDay(cafe, '2027-02-07')?.reason).toBe('공휴일 휴무: 설날');
    expect(closedDay(cafe, '2027-02-10')).toBeNull();
  });

  it('closes substitute holidays like any other: 2026-03-02 and 2026-10-05', () => {
    const clinic = rules({ holidaysClosed: true });
    expect(closedDay(clinic, '2026-03-02')?.reason).toBe('공휴일 휴무: 대체공휴일(3ㆍ1절)');
    expect(closedDay(clinic, '2026-10-05')?.reason).toBe('공휴일 휴무: 대체공휴일(개천절)');
    expect(closedDay(clinic, '2026-03-03')).toBeNull();
    expect(closedDay(clinic, '2026-10-06')).toBeNull();
  });

  it('lists the coming holidays with their state, the overridden ones marked, and a closure on the same day named', () => {
    const clinic = rules({
      holidaysClosed: true,
      holidayOverrides: new Map([['2026-12-25', false]]),
      closures: [{ id: 'c1', from: '2026-12-31', to: '2027-01-02', reason: '연말 휴가' }],
    });
    expect(holidayStates(clinic, '2026-12-01', '2027-01-31')).toEqual([
      { date: '2026-12-25', weekday: 5, names: ['기독탄신일'], closed: false, overridden: true, closureReason: null },
      { date: '2027-01-01', weekday: 5, names: ['1월 1일'], closed: true, overridden: false, closureReason: '연말 휴가' },
    ]);
  });
});

describe('임시휴무 and weekly hours', () => {
  it('puts a closure before a holiday, and a closed holiday before a weekday off', () => {
    const clinic = rules({ holidaysClosed: true, weeklyHours: weekdaysOnly, closures: [{ id: 'c1', from: '2026-12-24', to: '2026-12-26', reason: '원장님 학회' }] });
    expect(closedDay(clinic, '2026-12-25')).toEqual({ kind: 'closure', reason: '임시휴무: 원장님 학회', closureId: 'c1' });
    expect(closedDay(clinic, '2026-12-26')?.kind).toBe('closure');
    expect(closedDay(clinic, '2026-12-27')).toEqual({ kind: 'weekly', reason: '정기 휴무일' });
    expect(closedDay(clinic, '2027-01-01')?.kind).toBe('holiday');
    expect(closedDay(clinic, '2026-12-28')).toBeNull();
  });

  it('keeps a slot only when one range of the place holds all of it, a session when it starts inside one, a day when the weekday has hours', () => {
    const place = rules({ weeklyHours: { ...weekdaysOnly, 1: [{ openMinute: 600, closeMinute: 720 }, { openMinute: 780, closeMinute: 1020 }] } });
    const monday = '2026-12-07';
    const slot = (start: number, end: number) => closedTimeOf(place, { kind: 'slot', date: monday, startMinute: start, endMinute: end });
    expect(slot(600, 630)).toBeNull();
    expect(slot(690, 720)).toBeNull();
    expect(slot(700, 730)?.reason).toBe('영업시간 외');
    expect(slot(540, 570)?.reason).toBe('영업시간 외');
    expect(slot(990, 1020)).toBeNull();
    expect(closedTimeOf(place, { kind: 'session', date: monday, startMinute: 1019 })).toBeNull();
    expect(closedTimeOf(place, { kind: 'session', date: monday, startMinute: 1020 })?.kind).toBe('hours');
    expect(closedTimeOf(place, { kind: 'day', date: monday })).toBeNull();
    expect(closedTimeOf(place, { kind: 'day', date: '2026-12-06' })?.reason).toBe('정기 휴무일');
    expect(closedTimeOf(rules({ holidaysClosed: true, closures: [{ id: 'c', from: '2026-01-01', to: '2026-12-31', reason: '공사' }] }), { kind: 'period' })).toBeNull();
  });

  it('lists the closed days of a range, each with why', () => {
    const clinic = rules({ holidaysClosed: true, weeklyHours: weekdaysOnly, closures: [{ id: 'c1', from: '2026-12-29', to: '2026-12-30', reason: '연말 정비' }] });
    expect(closedDaysBetween(clinic, '2026-12-24', '2026-12-31').map((d) => `${d.date} ${d.reason}`)).toEqual([
      '2026-12-25 공휴일 휴무: 기독탄신일',
      '2026-12-26 정기 휴무일',
      '2026-12-27 정기 휴무일',
      '2026-12-29 임시휴무: 연말 정비',
      '2026-12-30 임시휴무: 연말 정비',
    ]);
  });

  it('lists the bookings on closed times and leaves the others out', () => {
    const clinic = rules({ holidaysClosed: true, closures: [{ id: 'c1', from: '2026-12-28', to: '2026-12-28', reason: '원장님 학회' }] });
    const found = bookingsOnClosedTimes(clinic, [
      { booking: 'a', usage: { kind: 'slot', date: '2026-12-25', startMinute: 600, endMinute: 630 } },
      { booking: 'b', usage: { kind: 'slot', date: '2026-12-24', startMinute: 1410, endMinute: 1440 } },
      { booking: 'c', usage: { kind: 'session', date: '2026-12-28', startMinute: 840 } },
      { booking: 'd', usage: { kind: 'period' } },
    ]);
    expect(found.map((f) => [f.booking, f.date, f.closed.reason])).toEqual([
      ['a', '2026-12-25', '공휴일 휴무: 기독탄신일'],
      ['c', '2026-12-28', '임시휴무: 원장님 학회'],
    ]);
  });
});

describe('what a place may keep', () => {
  it('refuses closures with dates out of order, not real, too long or overlapping another', () => {
    const existing: TemporaryClosure[] = [{ id: 'c1', from: '2026-12-28', to: '2026-12-30', reason: '원장님 학회' }];
    expect(closureProblem({ from: '2026-12-31', to: '2026-12-31' }, existing)).toBeNull();
    expect(closureProblem({ from: '2026-12-27', to: '2026-12-27' }, existing)).toBeNull();
    expect(closureProblem({ from: '2026-12-05', to: '2026-12-04' }, existing)?.code).toBe('PLACE_CLOSURE_DATES_INVALID');
    expect(closureProblem({ from: '2026-02-30', to: '2026-03-01' }, existing)?.code).toBe('PLACE_CLOSURE_DATES_INVALID');
    expect(closureProblem({ from: '2026-01-01', to: '2027-01-02' }, [])?.code).toBe('PLACE_CLOSURE_DATES_INVALID');
    const overlap = closureProblem({ from: '2026-12-30', to: '2027-01-02' }, existing);
    expect(overlap?.code).toBe('PLACE_CLOSURES_OVERLAP');
    expect(overlap?.message).toContain('2026-12-28 ~ 2026-12-30');
  });

  it('refuses weekly hours reversed, past midnight or overlapping; touching ranges and 24:00 are fine', () => {
    const week = (monday: DayHours[]): PlaceWeeklyHours => ({ ...weekdaysOnly, 1: monday });
    expect(weeklyHoursProblem(week([{ openMinute: 540, closeMinute: 720 }, { openMinute: 720, closeMinute: 1440 }]))).toBeNull();
    expect(weeklyHoursProblem(week([{ openMinute: 720, closeMinute: 540 }]))?.code).toBe('OPENING_HOURS_INVALID');
    expect(weeklyHoursProblem(week([{ openMinute: 540, closeMinute: 1500 }]))?.path).toBe('weeklyHours.1');
    expect(weeklyHoursProblem(week([{ openMinute: 540, closeMinute: 720 }, { openMinute: 700, closeMinute: 800 }]))?.message).toContain('월요일');
  });
});

// ------------------------------------------------------------ properties

const dateArb = fc.integer({ min: 0, max: 3 * 365 }).map((n) => addDays('2025-06-01', n));
const weeklyArb: fc.Arbitrary<PlaceWeeklyHours | null> = fc.option(
  fc.array(fc.constantFrom<DayHours[]>([], nineToSix, [{ openMinute: 600, closeMinute: 720 }, { openMinute: 780, closeMinute: 1440 }]), { minLength: 7, maxLength: 7 }).map(
    (days) => Object.fromEntries(WEEKDAYS.map((d, i) => [d, days[i]!])) as unknown as PlaceWeeklyHours,
  ),
);
const holidayDates = [...KOREAN_HOLIDAYS.keys()].filter((d) => d >= '2025-06-01' && d <= '2028-06-01');
const rulesArb: fc.Arbitrary<OpeningRules> = fc
  .record({
    weeklyHours: weeklyArb,
    holidaysClosed: fc.boolean(),
    overrides: fc.array(fc.tuple(fc.constantFrom(...holidayDates), fc.boolean()), { maxLength: 6 }),
    closureStarts: fc.uniqueArray(fc.integer({ min: 0, max: 150 }), { maxLength: 4 }),
  })
  .map(({ weeklyHours, holidaysClosed, overrides, closureStarts }) => {
    // Closures of one place never overlap: each starts on its own week and lasts at most a week.
    const closures = closureStarts
      .sort((a, b) => a - b)
      .map((week, i) => ({ id: `c${i}`, from: addDays('2025-06-02', week * 7), to: addDays('2025-06-02', week * 7 + (week % 7)), reason: `사유 ${i}` }));
    return rules({ weeklyHours, holidaysClosed, holidayOverrides: new Map(overrides), closures });
  });

describe('properties of the opening rules', () => {
  it('property: a weekday is the calendar\'s (luxon), and dates round-trip', () => {
    fc.assert(
      fc.property(dateArb, (date) => {
        expect(weekdayOf(date)).toBe(DateTime.fromISO(date, { zone: 'Asia/Seoul' }).weekday as Weekday);
        expect(isLocalDate(date)).toBe(true);
        expect(addDays(addDays(date, 40), -40)).toBe(date);
      }),
    );
  });

  it('property: a day is closed exactly when a closure covers it, it is a holiday kept closed, or the place has no hours that weekday', () => {
    fc.assert(
      fc.property(rulesArb, dateArb, (r, date) => {
        const covered = r.closures.some((c) => c.from <= date && date <= c.to);
        const holiday = KOREAN_HOLIDAYS.has(date) && (r.holidayOverrides.get(date) ?? r.holidaysClosed);
        const weekdayOff = r.weeklyHours !== null && r.weeklyHours[DateTime.fromISO(date).weekday as Weekday].length === 0;
        const closed = closedDay(r, date);
        expect(closed !== null).toBe(covered || holiday || weekdayOff);
        if (covered) expect(closed?.kind).toBe('closure');
        else if (holiday) expect(closed?.reason).toBe(`공휴일 휴무: ${KOREAN_HOLIDAYS.get(date)!.join(', ')}`);
      }),
    );
  });

  it('property: the closed days of a range are the range\'s dates that closedDay closes, and every closed time lies on such a day or outside the hours', () => {
    fc.assert(
      fc.property(rulesArb, dateArb, fc.integer({ min: 0, max: 60 }), fc.integer({ min: 0, max: 47 }), (r, from, length, half) => {
        const to = addDays(from, length);
        const listed = closedDaysBetween(r, from, to).map((d) => d.date);
        const expected: string[] = [];
        for (let d = from; d <= to; d = addDays(d, 1)) if (closedDay(r, d)) expected.push(d);
        expect(listed).toEqual(expected);
        const slot = closedTimeOf(r, { kind: 'slot', date: from, startMinute: half * 30, endMinute: half * 30 + 30 });
        if (slot && slot.kind === 'hours') {
          const hours = r.weeklyHours![weekdayOf(from)];
          expect(hours.some((h) => h.openMinute <= half * 30 && half * 30 + 30 <= h.closeMinute)).toBe(false);
        } else if (slot) expect(listed[0]).toBe(from);
      }),
    );
  });
});
