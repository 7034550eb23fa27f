import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { allocate, assertDateKey, feeOf, splitVat } from './money.ts';

const abs = (x: bigint) => (x < 0n ? -x : x);

describe('allocate (PAY-1, PAY-2)', () => {
  it('splits by the largest remainder, ties to the lower index', () => {
    expect(allocate(1_000, [10_000, 10_000, 10_000])).toEqual([334, 333, 333]);
    expect(allocate(5_000, [60_000, 20_000])).toEqual([3_750, 1_250]);
    expect(allocate(1, [1, 1])).toEqual([1, 0]);
    expect(allocate(2, [1, 1, 1])).toEqual([1, 1, 0]);
    // Remainders 0.6, 0.3, 0.1 (×10): the largest wins, not the first.
    expect(allocate(1, [3, 6, 1])).toEqual([0, 1, 0]);
    expect(allocate(10, [1, 0, 1])).toEqual([5, 0, 5]);
  });

  it('spreads equally when every weight is 0, and allows 0 and negative totals', () => {
    expect(allocate(5, [0, 0])).toEqual([3, 2]);
    expect(allocate(0, [3, 4])).toEqual([0, 0]);
    expect(allocate(0, [])).toEqual([]);
    expect(allocate(-1_000, [1, 1, 1])).toEqual([-334, -333, -333]);
    expect(Object.is(allocate(-1, [1, 1])[1], 0)).toBe(true);
  });

  it('refuses what is not integer 원 or a weight below 0', () => {
    expect(() => allocate(1.5, [1])).toThrow(RangeError);
    expect(() => allocate(1, [1, -1])).toThrow(RangeError);
    expect(() => allocate(1, [0.5])).toThrow(RangeError);
    expect(() => allocate(2 ** 53, [1])).toThrow(RangeError);
    expect(() => allocate(1, [])).toThrow(RangeError);
  });

  it('sums exactly, stays within floor/ceil of the proportional share, and favours larger remainders then lower indexes (property)', () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.integer({ min: -1_000_000, max: 1_000_000 }), fc.maxSafeInteger(), fc.constant(0)),
        fc.array(fc.oneof(fc.nat(1_000), fc.nat(10_000_000), fc.constant(0)), { minLength: 1, maxLength: 8 }),
        (total, weights) => {
          const parts = allocate(total, weights);
          expect(parts).toHaveLength(weights.length);
          expect(parts.reduce((a, b) => a + b, 0)).toBe(total);
          const allZero = weights.every((w) => w === 0);
          const ws = weights.map((w) => BigInt(allZero ? 1 : w));
          const sum = ws.reduce((a, b) => a + b, 0n);
          const t = BigInt(Math.abs(total));
          const mags = parts.map((p) => BigInt(Math.abs(p)));
          parts.forEach((p) => expect(total >= 0 ? p >= 0 : p <= 0).toBe(true));
          // |part − total·w/Σw| < 1
          mags.forEach((m, i) => expect(abs(m * sum - t * ws[i]!) < sum).toBe(true));
          const extra = mags.map((m, i) => m - (t * ws[i]!) / sum);
          const rem = ws.map((w) => (t * w) % sum);
          for (let i = 0; i < ws.length; i++) {
            for (let j = 0; j < ws.length; j++) {
              if (rem[i]! > rem[j]!) expect(extra[i]! >= extra[j]!).toBe(true);
              if (rem[i] === rem[j] && i < j) expect(extra[i]! >= extra[j]!).toBe(true);
            }
          }
        },
      ),
    );
  });

  it('never gives a part more than its weight when the total fits (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.nat(100_000), { minLength: 1, maxLength: 8 }), fc.double({ min: 0, max: 1, noNaN: true }), (weights, share) => {
        const sum = weights.reduce((a, b) => a + b, 0);
        if (sum === 0) return;
        const parts = allocate(Math.floor(sum * share), weights);
        parts.forEach((p, i) => expect(p).toBeLessThanOrEqual(weights[i]!));
      }),
    );
  });
});

describe('feeOf (PAY-3, PAY-4)', () => {
  it('rounds half-up to the 원 on the magnitude', () => {
    expect(feeOf(60_000, 16_500)).toBe(990);
    expect(feeOf(45_000, 11_000)).toBe(495);
    // 742.5 and 82.5: half-up gives 743 and 83 (banker's rounding would give 742 and 82).
    expect(feeOf(45_000, 16_500)).toBe(743);
    expect(feeOf(2_500, 33_000)).toBe(83);
    expect(feeOf(-45_000, 16_500)).toBe(-743);
    expect(feeOf(10_000, 34_000) + feeOf(5_000, 33_000)).toBe(340 + 165);
    expect(feeOf(0, 16_500)).toBe(0);
    expect(Object.is(feeOf(-1, 16_500), 0)).toBe(true);
  });

  it('is exact for every safe amount (BigInt) and refuses what is not integer', () => {
    expect(feeOf(Number.MAX_SAFE_INTEGER, 1_000_000)).toBe(Number.MAX_SAFE_INTEGER);
    expect(feeOf(Number.MAX_SAFE_INTEGER, 500_000)).toBe(4_503_599_627_370_496);
    expect(() => feeOf(1.5, 16_500)).toThrow(RangeError);
    expect(() => feeOf(100, 16_500.5)).toThrow(RangeError);
    expect(() => feeOf(100, -1)).toThrow(RangeError);
    expect(() => feeOf(Number.NaN, 1)).toThrow(RangeError);
  });

  it('stays within 0.5원 of the exact fee, is monotone, odd, and 0 ≤ fee ≤ amount up to 100% (property)', () => {
    const amount = fc.oneof(fc.integer({ min: 0, max: 10_000_000 }), fc.maxSafeNat());
    const ppm = fc.integer({ min: 0, max: 1_000_000 });
    fc.assert(
      fc.property(amount, amount, ppm, ppm, (a, b, r, s) => {
        const fee = feeOf(a, r);
        expect(abs(BigInt(fee) * 1_000_000n - BigInt(a) * BigInt(r)) <= 500_000n).toBe(true);
        expect(fee).toBeGreaterThanOrEqual(0);
        expect(fee).toBeLessThanOrEqual(a);
        const [lo, hi] = a <= b ? [a, b] : [b, a];
        expect(feeOf(lo, r)).toBeLessThanOrEqual(feeOf(hi, r));
        const [rlo, rhi] = r <= s ? [r, s] : [s, r];
        expect(feeOf(a, rlo)).toBeLessThanOrEqual(feeOf(a, rhi));
        expect(feeOf(-a, r)).toBe(fee === 0 ? 0 : -fee);
      }),
    );
  });
});

describe('splitVat (PAY-4)', () => {
  it('matches the VAT Toss reports in its settlement rows', () => {
    expect(splitVat(860)).toEqual({ vat: 78, supply: 782 });
    expect(splitVat(1_492)).toEqual({ vat: 136, supply: 1_356 });
    expect(splitVat(859_950)).toEqual({ vat: 78_177, supply: 781_773 });
    expect(splitVat(990)).toEqual({ vat: 90, supply: 900 });
    expect(splitVat(495)).toEqual({ vat: 45, supply: 450 });
    // 60/11 = 5.45 → 5; 61/11 = 5.55 → 6 (fee/11 is never exactly x.5, 11 being odd).
    expect(splitVat(60)).toEqual({ vat: 5, supply: 55 });
    expect(splitVat(61)).toEqual({ vat: 6, supply: 55 });
    expect(splitVat(-990)).toEqual({ vat: -90, supply: -900 });
    expect(splitVat(0)).toEqual({ vat: 0, supply: 0 });
    expect(() => splitVat(0.5)).toThrow(RangeError);
  });

  it('vat + supply = fee and vat is fee/11 rounded half-up (property)', () => {
    fc.assert(
      fc.property(fc.oneof(fc.integer({ min: -10_000_000, max: 10_000_000 }), fc.maxSafeInteger()), (fee) => {
        const { vat, supply } = splitVat(fee);
        expect(vat + supply).toBe(fee);
        const m = BigInt(Math.abs(fee));
        const v = BigInt(Math.abs(vat));
        // 11·v − m ∈ (−5.5, 5.5] → 22·v − 2m ∈ (−11, 11]
        expect(22n * v - 2n * m > -11n && 22n * v - 2n * m <= 11n).toBe(true);
        expect(Math.sign(vat) === Math.sign(fee) || vat === 0).toBe(true);
      }),
    );
  });
});

describe('assertDateKey', () => {
  it('accepts real calendar days only', () => {
    expect(() => assertDateKey('2026-02-28')).not.toThrow();
    expect(() => assertDateKey('2028-02-29')).not.toThrow();
    expect(() => assertDateKey('2026-02-29')).toThrow(RangeError);
    expect(() => assertDateKey('2026-13-01')).toThrow(RangeError);
    expect(() => assertDateKey('2026-1-01')).toThrow(RangeError);
    expect(() => assertDateKey('2026-01-01T00:00')).toThrow(RangeError);
  });
});
