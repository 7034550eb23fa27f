import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays } from '../../../shared/time.ts';
import { DEFAULT_FEE_RULES, feeMethodOf, gradeOn, rateOn, type FeeMethod, type RevenueGrade } from './fees.ts';
import { feeOf, splitVat } from './money.ts';
import { priceCheckout, type CheckoutLineInput, type Instruments } from './pricing.ts';
import { refundSplit } from './refunds.ts';
import { SETTLEMENT_AMOUNT_FIELDS, retainedAmounts, reversalAmounts, saleAmounts, statementTotals, weekPeriod, type SettlementAmounts, type SettlementComponents } from './settlement.ts';

const ZERO: SettlementComponents = { main: 0, couponPlatform: 0, points: 0 };

/** The rates of a line the way the service will look them up: the grade on the event date, then the rules. */
function ratesOn(method: FeeMethod, history: { grade: RevenueGrade; validFrom: string }[], date: string) {
  const grade = gradeOn(history, date);
  return { mainRatePpm: rateOn(DEFAULT_FEE_RULES, method, grade, date)!.ratePpm, pointsRatePpm: rateOn(DEFAULT_FEE_RULES, 'points', grade, date)!.ratePpm };
}

function priceOne(line: CheckoutLineInput, instruments: Instruments) {
  const result = priceCheckout([line], instruments);
  if (!result.ok) throw new Error(result.code);
  return result.value.lines[0]!;
}

const small = [{ grade: 'small' as const, validFrom: '2025-01-01' }];

describe('settlement amounts (PAY-4): the worked examples of the research notes', () => {
  it('1. card, 10000123-1 성인 2×30,000: fee 990 (vat 90, supply 900), base 60,000, payout 59,010', () => {
    const line = priceOne({ lineNo: 1, gross: 2 * 30_000 }, {});
    const sale = saleAmounts({ ...line, ...ratesOn(feeMethodOf('card'), small, '2026-03-02') });
    expect(sale).toEqual({ main: 60_000, couponPlatform: 0, mainFee: 990, points: 0, pointsFee: 0, base: 60_000, payout: 59_010 });
    expect(splitVat(sale.mainFee)).toEqual({ vat: 90, supply: 900 });
  });

  it('2. 카카오페이 머니 40,000 + platform coupon 5,000 on a 45,000 line: fee 495 (45/450), base 45,000, payout 44,505', () => {
    const line = priceOne({ lineNo: 1, gross: 45_000 }, { platformCoupon: 5_000 });
    const sale = saleAmounts({ ...line, ...ratesOn(feeMethodOf('kakaopay_money'), small, '2026-03-02') });
    expect(sale).toEqual({ main: 40_000, couponPlatform: 5_000, mainFee: 495, points: 0, pointsFee: 0, base: 45_000, payout: 44_505 });
    expect(splitVat(495)).toEqual({ vat: 45, supply: 450 });
    const two = priceCheckout([{ lineNo: 1, gross: 60_000 }, { lineNo: 2, gross: 20_000 }], { platformCoupon: 5_000 });
    expect(two.ok && two.value.lines.map((l) => l.couponPlatform)).toEqual([3_750, 1_250]);
  });

  it('3. card 45,000 + points 2,500 + business coupon 2,500 on a 50,000 line: fees 743 and 83 (half-up), base 47,500, payout 46,674', () => {
    const line = priceOne({ lineNo: 1, gross: 50_000 }, { businessCoupon: { kind: 'amount', value: 2_500 }, points: 2_500 });
    expect(line).toEqual({ lineNo: 1, gross: 50_000, couponBusiness: 2_500, couponPlatform: 0, points: 2_500, main: 45_000 });
    const sale = saleAmounts({ ...line, ...ratesOn('card', small, '2026-03-02') });
    expect(sale).toEqual({ main: 45_000, couponPlatform: 0, mainFee: 743, points: 2_500, pointsFee: 83, base: 47_500, payout: 46_674 });
    // 742.5 and 82.5 exactly; banker's rounding would have given 742 and 82.
    expect(45_000 * 0.0165).toBeCloseTo(742.5, 9);
    const three = priceCheckout([1, 2, 3].map((lineNo) => ({ lineNo, gross: 10_000 })), { points: 1_000 });
    expect(three.ok && three.value.lines.map((l) => l.points)).toEqual([334, 333, 333]);
  });

  it('4. 결제만 취소 of example 1 in the next period: main −60,000, fee −990, payout −59,010', () => {
    const rates = ratesOn('card', small, '2026-03-02');
    const sold = { main: 60_000, couponPlatform: 0, points: 0 };
    const reversal = reversalAmounts(sold, ZERO, rates);
    expect(reversal).toEqual({ main: -60_000, couponPlatform: 0, mainFee: -990, points: 0, pointsFee: 0, base: -60_000, payout: -59_010 });
    expect(statementTotals([saleAmounts({ ...sold, ...rates }), reversal])).toEqual({ main: 0, couponPlatform: 0, mainFee: 0, points: 0, pointsFee: 0, base: 0, payout: 0 });
    // The sale on Monday 2026-03-02, the refund the next Monday: two statements, the second one negative.
    expect(weekPeriod('2026-03-02')).toEqual({ start: '2026-03-02', end: '2026-03-08' });
    expect(weekPeriod('2026-03-09')).toEqual({ start: '2026-03-09', end: '2026-03-15' });
    expect(statementTotals([reversal]).payout).toBeLessThan(0);
  });
});

describe('settlement amounts (PAY-4)', () => {
  const rates = { mainRatePpm: 16_500, pointsRatePpm: 33_000 };

  it('a partial reversal is the difference of the fees, not the fee of the difference', () => {
    // 45,000 → 22,500 kept: fee(22,500) − fee(45,000) = 371 − 743 = −372 (the fee of −22,500 alone would be −371).
    const r = reversalAmounts({ main: 45_000, couponPlatform: 0, points: 2_500 }, { main: 22_500, couponPlatform: 0, points: 1_250 }, rates);
    expect(r).toEqual({ main: -22_500, couponPlatform: 0, mainFee: -372, points: -1_250, pointsFee: -42, base: -23_750, payout: -23_336 });
    expect(feeOf(-22_500, 16_500)).toBe(-371);
  });

  it('decision 3: a cancelled line keeping a 50% charge is settled on the retained amounts with the card fee', () => {
    const paid = [{ lineNo: 1, main: 45_000, points: 2_500, couponPlatform: 0 }];
    const refund = refundSplit(paid, 50);
    const retained = { main: 45_000 - refund.main, couponPlatform: 0 - refund.couponPlatform, points: 2_500 - refund.points };
    expect(retainedAmounts(retained, rates)).toEqual({ main: 22_500, couponPlatform: 0, mainFee: 371, points: 1_250, pointsFee: 41, base: 23_750, payout: 23_338 });
    expect(retainedAmounts(retained, rates)).toEqual(saleAmounts({ ...retained, ...rates }));
  });

  it('refuses amounts that are not integer 원 or negative components', () => {
    expect(() => saleAmounts({ main: 1.5, couponPlatform: 0, points: 0, ...rates })).toThrow(RangeError);
    expect(() => saleAmounts({ main: -1, couponPlatform: 0, points: 0, ...rates })).toThrow(RangeError);
    expect(() => saleAmounts({ main: 1, couponPlatform: 0, points: 0, mainRatePpm: 0.5, pointsRatePpm: 0 })).toThrow(RangeError);
    expect(() => reversalAmounts(ZERO, { main: -1, couponPlatform: 0, points: 0 }, rates)).toThrow(RangeError);
    expect(() => retainedAmounts({ main: 1, couponPlatform: Number.NaN, points: 0 }, rates)).toThrow(RangeError);
  });

  it('weekly periods run Monday to Sunday', () => {
    expect(weekPeriod('2026-11-23')).toEqual({ start: '2026-11-23', end: '2026-11-29' });
    expect(weekPeriod('2026-11-29')).toEqual({ start: '2026-11-23', end: '2026-11-29' });
    expect(weekPeriod('2026-11-30')).toEqual({ start: '2026-11-30', end: '2026-12-06' });
    expect(weekPeriod('2025-12-31')).toEqual({ start: '2025-12-29', end: '2026-01-04' });
    expect(weekPeriod('2028-03-01')).toEqual({ start: '2028-02-28', end: '2028-03-05' });
    expect(() => weekPeriod('2026-02-30')).toThrow(RangeError);
    expect(() => weekPeriod('2026-11-23T00:00:00Z')).toThrow(RangeError);
  });

  it('statementTotals of nothing is all 0', () => {
    expect(statementTotals([])).toEqual({ main: 0, couponPlatform: 0, mainFee: 0, points: 0, pointsFee: 0, base: 0, payout: 0 });
  });

  const componentsArb: fc.Arbitrary<SettlementComponents> = fc.record({
    main: fc.oneof(fc.integer({ min: 0, max: 10_000_000 }), fc.constant(0)),
    couponPlatform: fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 100_000 })),
    points: fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 1_000_000 })),
  });
  const ratesArb = fc.record({ mainRatePpm: fc.integer({ min: 0, max: 1_000_000 }), pointsRatePpm: fc.integer({ min: 0, max: 1_000_000 }) });

  it('base = main + couponPlatform + points, payout = base − fees, 0 ≤ fee ≤ its amount, within 0.5원 of exact (property)', () => {
    fc.assert(
      fc.property(componentsArb, ratesArb, (c, r) => {
        const s = saleAmounts({ ...c, ...r });
        expect(s.base).toBe(c.main + c.couponPlatform + c.points);
        expect(s.payout).toBe(s.base - s.mainFee - s.pointsFee);
        expect(s.mainFee).toBeGreaterThanOrEqual(0);
        expect(s.mainFee).toBeLessThanOrEqual(c.main + c.couponPlatform);
        expect(s.pointsFee).toBeGreaterThanOrEqual(0);
        expect(s.pointsFee).toBeLessThanOrEqual(c.points);
        expect(s.mainFee + s.pointsFee).toBeLessThanOrEqual(s.base);
        expect(Math.abs(s.mainFee * 1_000_000 - (c.main + c.couponPlatform) * r.mainRatePpm)).toBeLessThanOrEqual(500_000);
        expect(Math.abs(s.pointsFee * 1_000_000 - c.points * r.pointsRatePpm)).toBeLessThanOrEqual(500_000);
      }),
    );
  });

  it('a sale plus its full reversal is 0 in every column; sale + reversals telescope to the sale of what is kept (property)', () => {
    fc.assert(
      fc.property(componentsArb, ratesArb, fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { maxLength: 4 }), (sold, r, keeps) => {
        const sale = saleAmounts({ ...sold, ...r });
        const full = reversalAmounts(sold, ZERO, r);
        for (const field of SETTLEMENT_AMOUNT_FIELDS) expect(sale[field] + full[field]).toBe(0);
        // Successive partial refunds, each keeping a share of what was left.
        const lines: SettlementAmounts[] = [sale];
        let now = sold;
        for (const keep of keeps) {
          const next = { main: Math.floor(now.main * keep), couponPlatform: Math.floor(now.couponPlatform * keep), points: Math.floor(now.points * keep) };
          lines.push(reversalAmounts(now, next, r));
          now = next;
        }
        expect(statementTotals(lines)).toEqual(saleAmounts({ ...now, ...r }));
        // …and every reversal line keeps base and payout consistent.
        for (const l of lines) {
          expect(l.base).toBe(l.main + l.couponPlatform + l.points);
          expect(l.payout).toBe(l.base - l.mainFee - l.pointsFee);
        }
      }),
    );
  });

  it('statement totals are the column sums of the lines (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(componentsArb, componentsArb, ratesArb, fc.boolean()), { maxLength: 8 }), (specs) => {
        const lines = specs.map(([a, b, r, reverse]) => (reverse ? reversalAmounts(a, b, r) : saleAmounts({ ...a, ...r })));
        const totals = statementTotals(lines);
        for (const field of SETTLEMENT_AMOUNT_FIELDS) expect(totals[field]).toBe(lines.reduce((acc, l) => acc + l[field], 0));
        expect(totals.payout).toBe(totals.base - totals.mainFee - totals.pointsFee);
      }),
    );
  });

  it('a week period holds its day, starts on a Monday and ends 6 days later (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 365 * 30 }), (n) => {
        const day = addDays('2020-01-01', n);
        const { start, end } = weekPeriod(day);
        expect(new Date(`${start}T00:00:00Z`).getUTCDay()).toBe(1);
        expect(end).toBe(addDays(start, 6));
        expect(start <= day && day <= end).toBe(true);
      }),
    );
  });
});
