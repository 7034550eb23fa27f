import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CUSTOMER_GROUP_LABELS } from '../../../shared/labels/loyalty.ts';
import { type CustomerGroup, groupsOf, regularWindowStart } from './groups.ts';

const SEOUL = 'Asia/Seoul';
const seoul = (local: string) => new Date(`${local}+09:00`);
const now = seoul('2026-06-15T12:00:00');

describe('customer groups (MSG-2)', () => {
  it('names the groups as the help page does', () => {
    expect(CUSTOMER_GROUP_LABELS).toEqual({ regular: '단골', prospective: '예비 단골', first: '첫 적립' });
  });

  it('puts 3 accruals within the last 3 months in 단골', () => {
    expect(groupsOf([seoul('2026-03-20T10:00:00'), seoul('2026-05-01T10:00:00'), seoul('2026-06-15T11:00:00')], now, SEOUL)).toEqual(['regular']);
  });

  it('drops a customer to 예비 단골 when one of the three falls in the 4th month back', () => {
    expect(groupsOf([seoul('2026-03-14T10:00:00'), seoul('2026-05-01T10:00:00'), seoul('2026-06-15T11:00:00')], now, SEOUL)).toEqual(['prospective']);
    // ...and back to 단골 with one more visit.
    expect(groupsOf([seoul('2026-03-14T10:00:00'), seoul('2026-05-01T10:00:00'), seoul('2026-06-15T11:00:00'), seoul('2026-06-15T11:30:00')], now, SEOUL)).toEqual(['regular']);
  });

  it('counts an accrual at exactly the window start, not a millisecond before', () => {
    const start = regularWindowStart(now, SEOUL);
    expect(start).toEqual(seoul('2026-03-15T12:00:00'));
    const recent = [seoul('2026-05-01T10:00:00'), seoul('2026-06-01T10:00:00')];
    expect(groupsOf([start, ...recent], now, SEOUL)).toEqual(['regular']);
    expect(groupsOf([new Date(start.getTime() - 1), ...recent], now, SEOUL)).toEqual(['prospective']);
    // The window also ends at now, inclusive; later accruals have not happened yet.
    expect(groupsOf([start, recent[0]!, now], now, SEOUL)).toEqual(['regular']);
    expect(groupsOf([start, recent[0]!, new Date(now.getTime() + 1)], now, SEOUL)).toEqual(['prospective']);
  });

  it('puts 2 accruals ever in 예비 단골 and a single one in 첫 적립', () => {
    expect(groupsOf([seoul('2019-01-01T10:00:00'), seoul('2020-01-01T10:00:00')], now, SEOUL)).toEqual(['prospective']);
    expect(groupsOf([seoul('2026-06-15T11:00:00'), seoul('2026-06-15T11:05:00')], now, SEOUL)).toEqual(['prospective']);
    expect(groupsOf([seoul('2019-01-01T10:00:00')], now, SEOUL)).toEqual(['first']);
    expect(groupsOf([], now, SEOUL)).toEqual([]);
  });

  it('goes back 3 calendar months on the local clock, clamping to the month end', () => {
    expect(regularWindowStart(seoul('2026-05-31T08:00:00'), SEOUL)).toEqual(seoul('2026-02-28T08:00:00'));
    expect(regularWindowStart(seoul('2028-05-31T08:00:00'), SEOUL)).toEqual(seoul('2028-02-29T08:00:00'));
    expect(regularWindowStart(seoul('2026-08-31T08:00:00'), SEOUL)).toEqual(seoul('2026-05-31T08:00:00'));
    // The same instant read in UTC is still May 30 there, so its window starts on Feb 28 UTC, a day later.
    expect(regularWindowStart(seoul('2026-05-31T08:00:00'), 'UTC')).toEqual(new Date('2026-02-28T23:00:00Z'));
    // Wall-clock months across DST: New York 2026-06-15 12:00 EDT → 2026-03-15 12:00 EDT.
    expect(regularWindowStart(new Date('2026-06-15T16:00:00Z'), 'America/New_York')).toEqual(new Date('2026-03-15T16:00:00Z'));
  });

  const instant = fc.integer({ min: Date.UTC(2025, 0, 1), max: Date.UTC(2026, 11, 31) }).map((ms) => new Date(ms));
  const zone = fc.constantFrom(SEOUL, 'America/New_York', 'UTC');

  it('puts a customer in exactly one group iff they have an accrual by now, whatever the order (property)', () => {
    fc.assert(
      fc.property(fc.array(instant, { maxLength: 8 }), instant, zone, (accruals, at, tz) => {
        const groups = groupsOf(accruals, at, tz);
        const past = accruals.filter((a) => a.getTime() <= at.getTime());
        expect(groups.length).toBe(past.length > 0 ? 1 : 0);
        expect(groupsOf([...accruals].reverse(), at, tz)).toEqual(groups);
        if (past.length === 1) expect(groups).toEqual(['first']);
        if (groups[0] === 'regular') expect(past.length).toBeGreaterThanOrEqual(3);
      }),
    );
  });

  it('moves only forward when an accrual is added: none → 첫 적립 → 예비 단골 → 단골 (property)', () => {
    const rank = (groups: CustomerGroup[]) => (groups.length === 0 ? 0 : { first: 1, prospective: 2, regular: 3 }[groups[0]!]);
    fc.assert(
      fc.property(fc.array(instant, { maxLength: 8 }), instant, instant, zone, (accruals, added, at, tz) => {
        fc.pre(added.getTime() <= at.getTime());
        const before = groupsOf(accruals, at, tz);
        const after = groupsOf([...accruals, added], at, tz);
        expect(rank(after)).toBeGreaterThanOrEqual(rank(before));
        if (before[0] === 'first') expect(after).toEqual(['prospective']);
        if (before[0] === 'regular') expect(after).toEqual(['regular']);
      }),
    );
  });

  it('a customer who stops coming is no longer 단골 once 3 months pass after the last accrual (property)', () => {
    fc.assert(
      fc.property(fc.array(instant, { minLength: 3, maxLength: 6 }), zone, (accruals, tz) => {
        const last = Math.max(...accruals.map((a) => a.getTime()));
        // A little over 3 months (92 days + a day for the clock change) after the last accrual, none is in the window.
        const later = new Date(last + 93 * 86_400_000);
        expect(groupsOf(accruals, later, tz)).toEqual(['prospective']);
      }),
    );
  });
});
