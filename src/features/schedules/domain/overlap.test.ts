import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { conflictsOf, isOccupiable, overlaps } from './overlap.ts';

const at = (minute: number) => new Date(Date.UTC(2026, 11, 24, 0, minute));
const span = (start: number, end: number) => ({ startsAt: at(start), endsAt: at(end) });
const spanArb = fc.tuple(fc.integer({ min: 0, max: 1440 }), fc.integer({ min: 1, max: 240 })).map(([s, len]) => span(s, s + len));

describe('the overlap rule (OPS-3)', () => {
  it('touching spans do not overlap; containing and crossing ones do', () => {
    expect(overlaps(span(600, 630), span(630, 660))).toBe(false);
    expect(overlaps(span(600, 660), span(610, 620))).toBe(true);
    expect(overlaps(span(600, 630), span(629, 700))).toBe(true);
    expect(overlaps(span(600, 630), span(600, 630))).toBe(true);
  });

  it('property: symmetric, and true exactly when some minute lies in both', () => {
    fc.assert(
      fc.property(spanArb, spanArb, (a, b) => {
        expect(overlaps(a, b)).toBe(overlaps(b, a));
        const minutes = (s: typeof a) => new Set(Array.from({ length: (s.endsAt.getTime() - s.startsAt.getTime()) / 60_000 }, (_, i) => s.startsAt.getTime() / 60_000 + i));
        const shared = [...minutes(a)].some((m) => minutes(b).has(m));
        expect(overlaps(a, b)).toBe(shared);
      }),
    );
  });

  it('conflicts leave out the schedule itself and cancelled ones, earliest first', () => {
    const others = [
      { id: 'c', status: 'confirmed' as const, ...span(640, 700) },
      { id: 'a', status: 'cancelled' as const, ...span(600, 660) },
      { id: 'self', status: 'confirmed' as const, ...span(600, 630) },
      { id: 'b', status: 'pending' as const, ...span(610, 615) },
      { id: 'd', status: 'completed' as const, ...span(660, 720) },
    ];
    expect(conflictsOf({ id: 'self', ...span(600, 650) }, others).map((o) => o.id)).toEqual(['b', 'c']);
  });

  it('only people and rooms are checked, never the channel columns', () => {
    expect(['user', 'resource', 'naver', 'booking_page'].map(isOccupiable)).toEqual([true, true, false, false]);
  });
});
