import fc from 'fast-check';
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import {
  addMonths,
  civilOf,
  dateOfEpochMinute,
  epochDayOf,
  epochMinuteOf,
  formatLocalDate,
  formatLocalTime,
  isoWeekday,
  localDateTimeToEpochMinute,
  localDayOf,
  localOf,
  parseLocalDate,
  parseLocalTime,
  startOfLocalDay,
  zonedInstant,
  zoneOf,
} from './calendar.ts';
import { at, referenceInstant } from './test-helpers.ts';

const ZONES = ['Asia/Seoul', 'UTC', 'America/New_York', 'Europe/Berlin', 'Australia/Lord_Howe', 'America/Santiago', 'Asia/Kathmandu', 'Pacific/Chatham'];
/** 1900-01-01 .. 2100-12-31 as epoch days. */
const epochDay = fc.integer({ min: -25567, max: 47846 });

describe('local calendar arithmetic', () => {
  it('parses and prints local dates, refusing dates that do not exist', () => {
    expect(parseLocalDate('1970-01-01')).toBe(0);
    expect(parseLocalDate('2026-03-10')).toBe(20522);
    expect(formatLocalDate(20522)).toBe('2026-03-10');
    expect(parseLocalDate('2024-02-29')).not.toBeNull();
    expect(parseLocalDate('2026-02-29')).toBeNull();
    expect(parseLocalDate('2026-13-01')).toBeNull();
    expect(parseLocalDate('2026-3-1')).toBeNull();
  });

  it('parses local times, with 24:00 as the end of the day', () => {
    expect(parseLocalTime('09:30')).toBe(570);
    expect(parseLocalTime('09:30:00')).toBe(570);
    expect(parseLocalTime('24:00')).toBe(1440);
    expect(parseLocalTime('24:30')).toBeNull();
    expect(parseLocalTime('09:60')).toBeNull();
    expect(formatLocalTime(570)).toBe('09:30');
  });

  it('knows the weekday: 2026-03-10 is a Tuesday, 1970-01-01 a Thursday', () => {
    expect(isoWeekday(parseLocalDate('2026-03-10')!)).toBe(2);
    expect(isoWeekday(0)).toBe(4);
    expect(isoWeekday(-1)).toBe(3);
  });

  it('adds months the way people count them, clamping to the month end', () => {
    const plus6 = (d: string) => formatLocalDate(addMonths(parseLocalDate(d)!, 6));
    expect(plus6('2026-01-15')).toBe('2026-07-15');
    expect(plus6('2026-08-31')).toBe('2027-02-28');
    expect(plus6('2027-08-31')).toBe('2028-02-29');
    expect(plus6('2026-12-31')).toBe('2027-06-30');
  });

  it('property: epoch days, civil dates and strings round-trip and agree with luxon', () => {
    fc.assert(
      fc.property(epochDay, (day) => {
        const { year, month, day: d } = civilOf(day);
        expect(epochDayOf(year, month, d)).toBe(day);
        expect(parseLocalDate(formatLocalDate(day))).toBe(day);
        const reference = DateTime.fromMillis(day * 86_400_000, { zone: 'UTC' });
        expect(formatLocalDate(day)).toBe(reference.toISODate());
        expect(isoWeekday(day)).toBe(reference.weekday);
      }),
    );
  });

  it('property: addMonths agrees with luxon (which also clamps to the month end)', () => {
    fc.assert(
      fc.property(epochDay, fc.integer({ min: 0, max: 24 }), (day, months) => {
        const reference = DateTime.fromMillis(day * 86_400_000, { zone: 'UTC' }).plus({ months });
        expect(formatLocalDate(addMonths(day, months))).toBe(reference.toISODate());
      }),
    );
  });
});

describe('zone conversion', () => {
  it('converts Seoul wall-clock times: 2026-03-10 23:30 KST is 14:30 UTC the same day', () => {
    const seoul = zoneOf('Asia/Seoul');
    const instant = zonedInstant(parseLocalDate('2026-03-10')!, 23 * 60 + 30, seoul)!;
    expect(new Date(instant * 60_000).toISOString()).toBe('2026-03-10T14:30:00.000Z');
    expect(formatLocalDate(localDayOf(instant, seoul))).toBe('2026-03-10');
    expect(localOf(instant, seoul)).toEqual({ day: parseLocalDate('2026-03-10'), minute: 1410 });
    expect(localDateTimeToEpochMinute('2026-03-10', 1410, 'Asia/Seoul')).toBe(instant);
  });

  it('finds no instant for a time the clock skips, and the first one for a time it repeats', () => {
    const ny = zoneOf('America/New_York');
    expect(zonedInstant(parseLocalDate('2026-03-08')!, 150, ny)).toBeNull();
    const repeated = zonedInstant(parseLocalDate('2026-11-01')!, 90, ny)!;
    expect(new Date(repeated * 60_000).toISOString()).toBe('2026-11-01T05:30:00.000Z');
    // East of UTC too: Berlin repeats 02:00–03:00 on 2027-10-31; 02:30 is first 02:30 CEST.
    const berlin = zonedInstant(parseLocalDate('2027-10-31')!, 150, zoneOf('Europe/Berlin'))!;
    expect(new Date(berlin * 60_000).toISOString()).toBe('2027-10-31T00:30:00.000Z');
  });

  it('starts a day whose midnight is skipped at the first minute that exists', () => {
    // America/Santiago moves its clocks from 00:00 to 01:00 on 2026-09-06.
    const santiago = zoneOf('America/Santiago');
    const day = parseLocalDate('2026-09-06')!;
    expect(zonedInstant(day, 0, santiago)).toBeNull();
    const start = startOfLocalDay(day, santiago);
    expect(localOf(start, santiago)).toEqual({ day, minute: 60 });
    expect(localDayOf(start - 1, santiago)).toBe(day - 1);
  });

  it('converts at the edges: a business\'s wall-clock entry, and Date ↔ epoch minutes (seconds dropped)', () => {
    expect(localDateTimeToEpochMinute('2026-03-10', 600, 'Asia/Seoul')).toBe(at('2026-03-10', '10:00'));
    expect(localDateTimeToEpochMinute('2026-02-30', 600, 'Asia/Seoul')).toBeNull();
    expect(localDateTimeToEpochMinute('2026-03-08', 150, 'America/New_York')).toBeNull();
    const instant = epochMinuteOf(new Date('2026-03-10T14:30:59.999Z'));
    expect(dateOfEpochMinute(instant).toISOString()).toBe('2026-03-10T14:30:00.000Z');
  });

  it('refuses an unknown zone', () => {
    expect(() => zoneOf('Asia/Nowhere')).toThrow(RangeError);
  });

  it('property: zonedInstant agrees with luxon for every existing wall-clock time, in zones with and without DST', () => {
    fc.assert(
      fc.property(fc.constantFrom(...ZONES), fc.integer({ min: 10957, max: 25567 }), fc.integer({ min: 0, max: 1439 }), (name, day, minute) => {
        expect(zonedInstant(day, minute, zoneOf(name))).toBe(referenceInstant(name, day, minute));
      }),
      { numRuns: 500 },
    );
  });

  it('property: zonedInstant agrees with luxon on the days clocks change (gaps, repeats, 30-minute and midnight changes)', () => {
    const changeDays: { name: string; day: number }[] = [];
    for (const name of ZONES) {
      const zone = zoneOf(name);
      for (let day = parseLocalDate('2024-01-01')!; day < parseLocalDate('2028-01-01')!; day++) {
        if (zone.offsetAt(day * 1440 - 720) !== zone.offsetAt(day * 1440 + 2160)) changeDays.push({ name, day });
      }
    }
    expect(changeDays.length).toBeGreaterThan(30);
    fc.assert(
      fc.property(fc.constantFrom(...changeDays), fc.integer({ min: 0, max: 1439 }), ({ name, day }, minute) => {
        expect(zonedInstant(day, minute, zoneOf(name))).toBe(referenceInstant(name, day, minute));
      }),
      { numRuns: 1000 },
    );
  });

  it('property: localOf inverts zonedInstant', () => {
    fc.assert(
      fc.property(fc.constantFrom(...ZONES), fc.integer({ min: 10957, max: 25567 }), fc.integer({ min: 0, max: 1439 }), (name, day, minute) => {
        const zone = zoneOf(name);
        const instant = zonedInstant(day, minute, zone);
        if (instant !== null) expect(localOf(instant, zone)).toEqual({ day, minute });
      }),
      { numRuns: 1000 },
    );
  });

  it('the test helper and the zone code agree (two independent paths to the same instant)', () => {
    expect(at('2026-03-10', '23:30')).toBe(zonedInstant(parseLocalDate('2026-03-10')!, 1410, zoneOf('Asia/Seoul')));
  });
});
