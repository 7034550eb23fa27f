import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { balanceAfter, refundAmountSplit, refundSplit, type LineBalance, type RefundSplit } from './refunds.ts';

const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);

const balanceArb: fc.Arbitrary<LineBalance[]> = fc
  .array(
    fc.record({
      main: fc.oneof(fc.integer({ min: 0, max: 500_000 }), fc.constant(0), fc.integer({ min: 0, max: 1_000 })),
      points: fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 50_000 })),
      couponPlatform: fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 10_000 })),
    }),
    { minLength: 1, maxLength: 6 },
  )
  .map((ls) => ls.map((l, i) => ({ lineNo: i + 1, ...l })));

function expectWithinBalance(balance: LineBalance[], refund: RefundSplit): void {
  expect(refund.lines.map((l) => l.lineNo)).toEqual(balance.map((l) => l.lineNo));
  refund.lines.forEach((r, i) => {
    for (const key of ['main', 'points', 'couponPlatform'] as const) {
      expect(r[key]).toBeGreaterThanOrEqual(0);
      expect(r[key]).toBeLessThanOrEqual(balance[i]![key]);
    }
  });
  for (const key of ['main', 'points', 'couponPlatform'] as const) expect(sum(refund.lines.map((l) => l[key]))).toBe(refund[key]);
}

describe('refund split (PAY-2)', () => {
  // Worked example 3: card 45,000 + points 2,500 (+ a business coupon the refund never touches).
  const example3: LineBalance[] = [{ lineNo: 1, main: 45_000, points: 2_500, couponPlatform: 0 }];

  it('refunds ⌊paid × percent⌋ split pro rata between points and the PG amount', () => {
    const half = refundSplit(example3, 50);
    expect(half).toEqual({ lines: [{ lineNo: 1, main: 22_500, points: 1_250, couponPlatform: 0 }], main: 22_500, points: 1_250, couponPlatform: 0, full: false });
    expect(half.main + half.points).toBe(23_750);
    // A card-only 47,500: cancelAmount 23,750.
    expect(refundSplit([{ lineNo: 1, main: 47_500, points: 0, couponPlatform: 0 }], 50).main).toBe(23_750);
    // Rounded down to the 원.
    expect(refundSplit([{ lineNo: 1, main: 999, points: 0, couponPlatform: 0 }], 50).main).toBe(499);
    expect(refundSplit(example3, 0)).toMatchObject({ main: 0, points: 0, couponPlatform: 0, full: false });
  });

  it('splits each part across the lines by what each still has', () => {
    const balance: LineBalance[] = [
      { lineNo: 1, main: 56_250, points: 0, couponPlatform: 3_750 },
      { lineNo: 2, main: 18_750, points: 1_000, couponPlatform: 1_250 },
    ];
    const r = refundSplit(balance, 30);
    // ⌊76,000 × 30%⌋ = 22,800: points 300, main 22,500.
    expect(r).toMatchObject({ main: 22_500, points: 300, couponPlatform: 0, full: false });
    expect(r.lines).toEqual([
      { lineNo: 1, main: 16_875, points: 0, couponPlatform: 0 },
      { lineNo: 2, main: 5_625, points: 300, couponPlatform: 0 },
    ]);
  });

  it('restores the platform coupon only on a full refund', () => {
    const balance: LineBalance[] = [
      { lineNo: 1, main: 56_250, points: 0, couponPlatform: 3_750 },
      { lineNo: 2, main: 18_750, points: 0, couponPlatform: 1_250 },
    ];
    expect(refundSplit(balance, 99).couponPlatform).toBe(0);
    const full = refundSplit(balance, 100);
    expect(full).toEqual({ lines: balance, main: 75_000, points: 0, couponPlatform: 5_000, full: true });
    expect(balanceAfter(balance, full)).toEqual(balance.map((l) => ({ lineNo: l.lineNo, main: 0, points: 0, couponPlatform: 0 })));
  });

  it('refuses a percent outside 0..100 or a balance that is not integer 원', () => {
    expect(() => refundSplit(example3, 101)).toThrow(RangeError);
    expect(() => refundSplit(example3, -1)).toThrow(RangeError);
    expect(() => refundSplit(example3, 50.5)).toThrow(RangeError);
    expect(() => refundSplit([{ lineNo: 1, main: -1, points: 0, couponPlatform: 0 }], 50)).toThrow(RangeError);
    expect(() => refundSplit([{ lineNo: 1, main: 1.5, points: 0, couponPlatform: 0 }], 50)).toThrow(RangeError);
  });

  it('an external refund of a known PG amount goes across the lines by their main, never above it', () => {
    const balance: LineBalance[] = [
      { lineNo: 1, main: 60_000, points: 500, couponPlatform: 0 },
      { lineNo: 2, main: 20_000, points: 0, couponPlatform: 1_000 },
    ];
    expect(refundAmountSplit(balance, 10_000)).toEqual({
      lines: [
        { lineNo: 1, main: 7_500, points: 0, couponPlatform: 0 },
        { lineNo: 2, main: 2_500, points: 0, couponPlatform: 0 },
      ],
      main: 10_000,
      points: 0,
      couponPlatform: 0,
      full: false,
    });
    // All of the main, but points remain: not full.
    expect(refundAmountSplit(balance, 80_000)).toMatchObject({ main: 80_000, points: 0, couponPlatform: 0, full: false });
    expect(() => refundAmountSplit(balance, 80_001)).toThrow(RangeError);
    expect(() => refundAmountSplit(balance, -1)).toThrow(RangeError);
    // Nothing left once the PG amount is back: full, the coupon is restored.
    const noPoints = balance.map((l) => ({ ...l, points: 0 }));
    expect(refundAmountSplit(noPoints, 80_000)).toMatchObject({ main: 80_000, couponPlatform: 1_000, full: true });
  });

  it('balanceAfter subtracts line by line and refuses taking more than a line has', () => {
    const balance: LineBalance[] = [{ lineNo: 1, main: 1_000, points: 100, couponPlatform: 0 }];
    expect(balanceAfter(balance, { lines: [{ lineNo: 1, main: 400, points: 100, couponPlatform: 0 }] })).toEqual([{ lineNo: 1, main: 600, points: 0, couponPlatform: 0 }]);
    expect(balanceAfter(balance, { lines: [] })).toEqual(balance);
    expect(() => balanceAfter(balance, { lines: [{ lineNo: 1, main: 1_001, points: 0, couponPlatform: 0 }] })).toThrow(RangeError);
    expect(() => balanceAfter(balance, { lines: [{ lineNo: 2, main: 1, points: 0, couponPlatform: 0 }] })).toThrow(RangeError);
    expect(() => balanceAfter(balance, { lines: [{ lineNo: 1, main: -1, points: 0, couponPlatform: 0 }] })).toThrow(RangeError);
  });

  it('never exceeds the balance, sums its lines, splits pro rata, and a full refund is the balance (property)', () => {
    fc.assert(
      fc.property(balanceArb, fc.integer({ min: 0, max: 100 }), (balance, percent) => {
        const r = refundSplit(balance, percent);
        expectWithinBalance(balance, r);
        const main = sum(balance.map((l) => l.main));
        const points = sum(balance.map((l) => l.points));
        const total = Math.floor(((main + points) * percent) / 100);
        expect(r.main + r.points).toBe(total);
        // Pro rata: |r.points − total·Σpoints/(Σpoints+Σmain)| < 1.
        if (main + points > 0) expect(Math.abs(r.points * (main + points) - total * points)).toBeLessThan(main + points);
        expect(r.full).toBe(percent === 100);
        expect(r.couponPlatform).toBe(percent === 100 ? sum(balance.map((l) => l.couponPlatform)) : 0);
        if (percent === 100) expect(r.lines).toEqual(balance);
      }),
    );
  });

  it('a sequence of partial refunds ending with a full one gives back exactly what was paid (property)', () => {
    fc.assert(
      fc.property(balanceArb, fc.array(fc.oneof(fc.integer({ min: 0, max: 99 }), fc.integer({ min: -80_000, max: -1 })), { maxLength: 6 }), (paid, steps) => {
        let balance = paid;
        const refunds: RefundSplit[] = [];
        for (const step of [...steps, 100]) {
          const main = sum(balance.map((l) => l.main));
          // A step ≥ 0 is a cancellation percent, one < 0 an external refund of up to that much PG money.
          const refund = step >= 0 ? refundSplit(balance, step) : refundAmountSplit(balance, Math.min(-step, main));
          expectWithinBalance(balance, refund);
          balance = balanceAfter(balance, refund);
          refunds.push(refund);
        }
        expect(balance.every((l) => l.main === 0 && l.points === 0 && l.couponPlatform === 0)).toBe(true);
        for (const key of ['main', 'points', 'couponPlatform'] as const) expect(sum(refunds.map((r) => r[key]))).toBe(sum(paid.map((l) => l[key])));
        // The coupon comes back once, with the refund that empties the balance.
        expect(refunds.filter((r) => r.couponPlatform > 0).length).toBeLessThanOrEqual(1);
      }),
    );
  });
});
