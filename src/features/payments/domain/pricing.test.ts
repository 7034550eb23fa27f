import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CHECKOUT_PRICING_MESSAGES, priceCheckout, type CheckoutPrice, type CheckoutPricingResult, type Instruments } from './pricing.ts';

function priced(result: CheckoutPricingResult): CheckoutPrice {
  if (!result.ok) throw new Error(`expected a price, got ${result.code}`);
  return result.value;
}

describe('checkout pricing (PAY-1)', () => {
  it('worked example 1: a card payment of 성인 2 × 30,000 is all main', () => {
    expect(priced(priceCheckout([{ lineNo: 1, gross: 60_000 }], {}))).toEqual({
      lines: [{ lineNo: 1, gross: 60_000, couponBusiness: 0, couponPlatform: 0, points: 0, main: 60_000 }],
      gross: 60_000,
      couponBusiness: 0,
      couponPlatform: 0,
      points: 0,
      main: 60_000,
    });
  });

  it('worked example 2: a platform coupon of 5,000 on one 45,000 line, and shared 3,750/1,250 by lines of 60,000/20,000', () => {
    const one = priced(priceCheckout([{ lineNo: 1, gross: 45_000 }], { platformCoupon: 5_000 }));
    expect(one.lines[0]).toEqual({ lineNo: 1, gross: 45_000, couponBusiness: 0, couponPlatform: 5_000, points: 0, main: 40_000 });
    const two = priced(priceCheckout([{ lineNo: 1, gross: 60_000 }, { lineNo: 2, gross: 20_000 }], { platformCoupon: 5_000 }));
    expect(two.lines.map((l) => l.couponPlatform)).toEqual([3_750, 1_250]);
    expect(two.lines.map((l) => l.main)).toEqual([56_250, 18_750]);
    expect(two.main).toBe(75_000);
  });

  it('worked example 3: business coupon 2,500 and points 2,500 on a 50,000 line leave 45,000 for the card; points 1,000 over three 10,000 lines → 334/333/333', () => {
    const one = priced(priceCheckout([{ lineNo: 1, gross: 50_000 }], { businessCoupon: { kind: 'amount', value: 2_500 }, points: 2_500 }));
    expect(one).toMatchObject({ gross: 50_000, couponBusiness: 2_500, couponPlatform: 0, points: 2_500, main: 45_000 });
    const three = priced(priceCheckout([1, 2, 3].map((lineNo) => ({ lineNo, gross: 10_000 })), { points: 1_000 }));
    expect(three.lines.map((l) => l.points)).toEqual([334, 333, 333]);
    expect(three.lines.map((l) => l.main)).toEqual([9_666, 9_667, 9_667]);
  });

  it('applies the business coupon first, then the platform coupon on what is left, then points', () => {
    const lines = [
      { lineNo: 1, gross: 30_000 },
      { lineNo: 2, gross: 10_000 },
    ];
    const p = priced(priceCheckout(lines, { businessCoupon: { kind: 'percent', value: 10 }, platformCoupon: 2_000, points: 1_000 }));
    expect(p).toMatchObject({ gross: 40_000, couponBusiness: 4_000, couponPlatform: 2_000, points: 1_000, main: 33_000 });
    expect(p.lines).toEqual([
      { lineNo: 1, gross: 30_000, couponBusiness: 3_000, couponPlatform: 1_500, points: 750, main: 24_750 },
      { lineNo: 2, gross: 10_000, couponBusiness: 1_000, couponPlatform: 500, points: 250, main: 8_250 },
    ]);
    // A percentage of the total, rounded down to the 원.
    expect(priced(priceCheckout([{ lineNo: 1, gross: 33_333 }], { businessCoupon: { kind: 'percent', value: 10 } })).couponBusiness).toBe(3_333);
    // An amount coupon larger than the gross discounts the gross.
    expect(priced(priceCheckout([{ lineNo: 1, gross: 3_000 }], { businessCoupon: { kind: 'amount', value: 5_000 } }))).toMatchObject({ couponBusiness: 3_000, main: 0 });
    // The platform coupon is capped at what is left.
    expect(priced(priceCheckout([{ lineNo: 1, gross: 3_000 }], { businessCoupon: { kind: 'amount', value: 1_000 }, platformCoupon: 5_000 }))).toMatchObject({ couponPlatform: 2_000, main: 0 });
    // A line that is free takes no share of anything.
    const withFree = priced(priceCheckout([{ lineNo: 1, gross: 0 }, { lineNo: 2, gross: 5_000 }], { platformCoupon: 1_000, points: 1_000 }));
    expect(withFree.lines[0]).toEqual({ lineNo: 1, gross: 0, couponBusiness: 0, couponPlatform: 0, points: 0, main: 0 });
  });

  it('refuses a main payment of 1..99원 but books a main of 0 without the provider', () => {
    const line = [{ lineNo: 1, gross: 10_000 }];
    expect(priceCheckout(line, { points: 9_950 })).toEqual({ ok: false, code: 'BELOW_MINIMUM_AMOUNT', message: CHECKOUT_PRICING_MESSAGES.BELOW_MINIMUM_AMOUNT });
    expect(priceCheckout(line, { points: 9_901 })).toMatchObject({ ok: false, code: 'BELOW_MINIMUM_AMOUNT' });
    expect(priced(priceCheckout(line, { points: 9_900 })).main).toBe(100);
    expect(priced(priceCheckout(line, { points: 10_000 })).main).toBe(0);
    expect(priceCheckout([{ lineNo: 1, gross: 50 }], {})).toMatchObject({ ok: false, code: 'BELOW_MINIMUM_AMOUNT' });
    expect(priced(priceCheckout([{ lineNo: 1, gross: 0 }], {})).main).toBe(0);
  });

  it('refuses more points than what is left, and a coupon that cannot apply', () => {
    const line = [{ lineNo: 1, gross: 10_000 }];
    expect(priceCheckout(line, { points: 10_001 })).toMatchObject({ ok: false, code: 'POINTS_OVER_AMOUNT' });
    expect(priceCheckout(line, { platformCoupon: 2_000, points: 8_001 })).toMatchObject({ ok: false, code: 'POINTS_OVER_AMOUNT' });
    for (const coupon of [
      { kind: 'percent', value: 0 },
      { kind: 'percent', value: 101 },
      { kind: 'amount', value: 0 },
    ] as const) {
      expect(priceCheckout(line, { businessCoupon: coupon })).toMatchObject({ ok: false, code: 'COUPON_NOT_APPLICABLE' });
    }
    // Nothing to discount: a free booking, a 1% coupon on 50원, a platform coupon after a 100% coupon.
    expect(priceCheckout([{ lineNo: 1, gross: 0 }], { businessCoupon: { kind: 'amount', value: 1_000 } })).toMatchObject({ ok: false, code: 'COUPON_NOT_APPLICABLE' });
    expect(priceCheckout([{ lineNo: 1, gross: 50 }], { businessCoupon: { kind: 'percent', value: 1 } })).toMatchObject({ ok: false, code: 'COUPON_NOT_APPLICABLE' });
    expect(priceCheckout(line, { businessCoupon: { kind: 'percent', value: 100 }, platformCoupon: 1_000 })).toMatchObject({ ok: false, code: 'COUPON_NOT_APPLICABLE' });
    expect(priced(priceCheckout(line, { businessCoupon: { kind: 'percent', value: 100 } })).main).toBe(0);
    for (const code of ['BELOW_MINIMUM_AMOUNT', 'POINTS_OVER_AMOUNT', 'COUPON_NOT_APPLICABLE'] as const) expect(CHECKOUT_PRICING_MESSAGES[code]).toMatch(/[가-힣]/);
  });

  it('treats amounts that are not integer 원 as programming errors', () => {
    expect(() => priceCheckout([{ lineNo: 1, gross: 100.5 }], {})).toThrow(RangeError);
    expect(() => priceCheckout([{ lineNo: 1, gross: -1 }], {})).toThrow(RangeError);
    expect(() => priceCheckout([{ lineNo: 1, gross: 1_000 }], { points: -1 })).toThrow(RangeError);
    expect(() => priceCheckout([{ lineNo: 1, gross: 1_000 }], { platformCoupon: 0.5 })).toThrow(RangeError);
    expect(() => priceCheckout([{ lineNo: 1, gross: 1_000 }], { businessCoupon: { kind: 'percent', value: 2.5 } })).toThrow(RangeError);
    expect(() => priceCheckout([{ lineNo: 1, gross: 1_000 }, { lineNo: 1, gross: 1_000 }], {})).toThrow(RangeError);
  });

  it('keeps gross = couponBusiness + couponPlatform + points + main per line, the totals as the line sums, and follows the rules (property)', () => {
    const linesArb = fc
      .array(fc.oneof(fc.integer({ min: 0, max: 200_000 }), fc.constant(0), fc.integer({ min: 0, max: 10_000_000 })), { minLength: 1, maxLength: 6 })
      .map((gs) => gs.map((gross, i) => ({ lineNo: i + 1, gross })));
    const couponArb = fc.option(
      fc.oneof(
        fc.record({ kind: fc.constant('percent' as const), value: fc.integer({ min: 0, max: 101 }) }),
        fc.record({ kind: fc.constant('amount' as const), value: fc.integer({ min: 0, max: 300_000 }) }),
      ),
    );
    const instrumentsArb: fc.Arbitrary<Instruments> = fc.record({
      businessCoupon: couponArb,
      platformCoupon: fc.option(fc.integer({ min: 0, max: 300_000 })),
      points: fc.option(fc.oneof(fc.integer({ min: 0, max: 300_000 }), fc.integer({ min: 0, max: 1_000 }))),
    });
    fc.assert(
      fc.property(linesArb, instrumentsArb, (lines, instruments) => {
        const result = priceCheckout(lines, instruments);
        // An oracle for the totals, straight from the rules.
        const gross = lines.reduce((a, l) => a + l.gross, 0);
        const c = instruments.businessCoupon;
        const cb = !c ? 0 : c.kind === 'percent' ? (c.value >= 1 && c.value <= 100 ? Math.floor((gross * c.value) / 100) : -1) : c.value >= 1 ? Math.min(c.value, gross) : -1;
        const pc = instruments.platformCoupon ?? 0;
        const cp = Math.min(pc, gross - Math.max(cb, 0));
        const pts = instruments.points ?? 0;
        if ((c && cb <= 0) || (pc > 0 && cp === 0)) {
          expect(result).toMatchObject({ ok: false, code: 'COUPON_NOT_APPLICABLE' });
          return;
        }
        const rest = gross - cb - cp;
        if (pts > rest) {
          expect(result).toMatchObject({ ok: false, code: 'POINTS_OVER_AMOUNT' });
          return;
        }
        if (rest - pts > 0 && rest - pts < 100) {
          expect(result).toMatchObject({ ok: false, code: 'BELOW_MINIMUM_AMOUNT' });
          return;
        }
        const p = priced(result);
        expect({ gross: p.gross, couponBusiness: p.couponBusiness, couponPlatform: p.couponPlatform, points: p.points, main: p.main }).toEqual({
          gross,
          couponBusiness: cb,
          couponPlatform: cp,
          points: pts,
          main: rest - pts,
        });
        expect(p.lines.map((l) => [l.lineNo, l.gross])).toEqual(lines.map((l) => [l.lineNo, l.gross]));
        for (const l of p.lines) {
          expect(l.couponBusiness + l.couponPlatform + l.points + l.main).toBe(l.gross);
          for (const part of [l.couponBusiness, l.couponPlatform, l.points, l.main]) {
            expect(part).toBeGreaterThanOrEqual(0);
            expect(Number.isSafeInteger(part)).toBe(true);
          }
        }
        for (const key of ['gross', 'couponBusiness', 'couponPlatform', 'points', 'main'] as const) {
          expect(p.lines.reduce((a, l) => a + l[key], 0)).toBe(p[key]);
        }
        expect(p.main === 0 || p.main >= 100).toBe(true);
      }),
    );
  });
});
