import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { QUIET_HOURS_MESSAGE, isQuietHour, nextAllowedInstant } from './quiet-hours.ts';

const SEOUL = 'Asia/Seoul';
const NEW_YORK = 'America/New_York';
/** Seoul is UTC+9 all year: 2026-03-10 21:00 KST = 12:00Z. */
const seoul = (local: string) => new Date(`${local}+09:00`);

describe('quiet hours (MSG-9)', () => {
  it('runs in UTC, so the zone argument is what decides', () => {
    expect(new Date(2026, 0, 1).getTimezoneOffset()).toBe(0);
  });

  it('starts at 21:00:00 and ends after 07:59:59.999 in the business zone', () => {
    expect(isQuietHour(seoul('2026-03-10T20:59:59.999'), SEOUL)).toBe(false);
    expect(isQuietHour(seoul('2026-03-10T20:59:59'), SEOUL)).toBe(false);
    expect(isQuietHour(seoul('2026-03-10T21:00:00'), SEOUL)).toBe(true);
    expect(isQuietHour(seoul('2026-03-11T00:00:00'), SEOUL)).toBe(true);
    expect(isQuietHour(seoul('2026-03-11T07:59:59'), SEOUL)).toBe(true);
    expect(isQuietHour(seoul('2026-03-11T07:59:59.999'), SEOUL)).toBe(true);
    expect(isQuietHour(seoul('2026-03-11T08:00:00'), SEOUL)).toBe(false);
    expect(isQuietHour(seoul('2026-03-11T12:00:00'), SEOUL)).toBe(false);
  });

  it('reads the wall clock of the zone, not UTC', () => {
    // 13:00Z is 22:00 in Seoul (quiet) and 09:00 EDT in New York (allowed).
    const instant = new Date('2026-07-01T13:00:00Z');
    expect(isQuietHour(instant, SEOUL)).toBe(true);
    expect(isQuietHour(instant, NEW_YORK)).toBe(false);
    expect(isQuietHour(instant, 'UTC')).toBe(false);
  });

  it('moves a quiet instant to the next local 08:00 and leaves an allowed one', () => {
    expect(nextAllowedInstant(seoul('2026-03-10T20:59:59'), SEOUL)).toEqual(seoul('2026-03-10T20:59:59'));
    expect(nextAllowedInstant(seoul('2026-03-10T21:00:00'), SEOUL)).toEqual(seoul('2026-03-11T08:00:00'));
    expect(nextAllowedInstant(seoul('2026-03-10T23:59:59'), SEOUL)).toEqual(seoul('2026-03-11T08:00:00'));
    expect(nextAllowedInstant(seoul('2026-03-11T00:00:00'), SEOUL)).toEqual(seoul('2026-03-11T08:00:00'));
    expect(nextAllowedInstant(seoul('2026-03-11T07:59:59'), SEOUL)).toEqual(seoul('2026-03-11T08:00:00'));
    expect(nextAllowedInstant(seoul('2026-03-11T08:00:00'), SEOUL)).toEqual(seoul('2026-03-11T08:00:00'));
    // Across a month and a year end.
    expect(nextAllowedInstant(seoul('2026-12-31T22:30:00'), SEOUL)).toEqual(seoul('2027-01-01T08:00:00'));
  });

  it('keeps 08:00 local across a DST change (New York)', () => {
    // DST starts 2026-03-08 02:00 EST → 03:00 EDT; the night before has 23 hours.
    expect(nextAllowedInstant(new Date('2026-03-08T02:30:00Z'), NEW_YORK)).toEqual(new Date('2026-03-08T12:00:00Z'));
    expect(isQuietHour(new Date('2026-03-08T11:59:59Z'), NEW_YORK)).toBe(true);
    expect(isQuietHour(new Date('2026-03-08T12:00:00Z'), NEW_YORK)).toBe(false);
    // DST ends 2026-11-01 02:00 EDT → 01:00 EST; 21:00 EST is 02:00Z the next day.
    expect(isQuietHour(new Date('2026-11-02T01:59:59Z'), NEW_YORK)).toBe(false);
    expect(isQuietHour(new Date('2026-11-02T02:00:00Z'), NEW_YORK)).toBe(true);
    expect(nextAllowedInstant(new Date('2026-11-01T05:30:00Z'), NEW_YORK)).toEqual(new Date('2026-11-01T13:00:00Z'));
  });

  it('refuses an unknown zone', () => {
    expect(() => isQuietHour(new Date(), 'Mars/Olympus')).toThrow(RangeError);
  });

  it('says when sending is possible, in Korean', () => {
    expect(QUIET_HOURS_MESSAGE).toContain('21:00');
    expect(QUIET_HOURS_MESSAGE).toContain('08:00');
  });

  it('never answers a quiet or earlier instant, nor moves an allowed one (property)', () => {
    const instant = fc.date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2100-01-01T00:00:00Z'), noInvalidDate: true });
    const zone = fc.constantFrom(SEOUL, NEW_YORK, 'Europe/London', 'Australia/Lord_Howe', 'Asia/Kathmandu', 'UTC');
    fc.assert(
      fc.property(instant, zone, (at, tz) => {
        const next = nextAllowedInstant(at, tz);
        expect(isQuietHour(next, tz)).toBe(false);
        expect(next.getTime()).toBeGreaterThanOrEqual(at.getTime());
        if (!isQuietHour(at, tz)) expect(next.getTime()).toBe(at.getTime());
        else expect(next.getTime() - at.getTime()).toBeLessThanOrEqual(12 * 3_600_000);
      }),
    );
  });
});
