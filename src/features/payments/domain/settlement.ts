import { addDays, mondayOf } from '../../../shared/time.ts';
import { assertDateKey, assertInteger, assertNonNegativeInteger, feeOf, sumWon } from './money.ts';

/**
 * PAY-4: the amounts of one settlement line, as the statement's columns name
 * them. Per detail line: 주결제 수수료 = fee(main + couponPlatform, rate of the
 * main method and the business's grade), 포인트 결제 수수료 = fee(points,
 * points rate), 정산대상금액 = main + couponPlatform + points, 정산금액 =
 * 정산대상금액 − both fees. Business coupons are the business's own discount
 * and never enter. Fees are rounded half-up per line and per component
 * (money.ts `feeOf`).
 */

/** PAY-4: the settlement line kinds: a sale at 이용완료, a reversal (a later refund), a retained cancellation charge (decision 3). */
export type SettlementKind = 'sale' | 'reversal' | 'retained';

/** PAY-4: a line's paid components, in 원. */
export interface SettlementComponents {
  main: number;
  couponPlatform: number;
  points: number;
}

/** PAY-4: the VAT-inclusive rates (ppm) that apply to a line: the main method's for the business's grade, and the points rate. */
export interface SettlementRates {
  mainRatePpm: number;
  pointsRatePpm: number;
}

/** PAY-4: one settlement line's amounts (negative on a reversal). */
export interface SettlementAmounts {
  /** 주결제 금액 */
  main: number;
  /** 쿠폰할인 (platform-funded) */
  couponPlatform: number;
  /** 주결제 수수료 */
  mainFee: number;
  /** 포인트 결제금액 */
  points: number;
  /** 포인트 결제 수수료 */
  pointsFee: number;
  /** 정산대상금액 = main + couponPlatform + points */
  base: number;
  /** 정산금액 = base − mainFee − pointsFee */
  payout: number;
}

/** PAY-4: the SettlementAmounts fields, in statement column order. */
export const SETTLEMENT_AMOUNT_FIELDS = ['main', 'couponPlatform', 'mainFee', 'points', 'pointsFee', 'base', 'payout'] as const satisfies readonly (keyof SettlementAmounts)[];

function checkComponents(name: string, c: SettlementComponents): void {
  assertNonNegativeInteger(`${name}.main`, c.main);
  assertNonNegativeInteger(`${name}.couponPlatform`, c.couponPlatform);
  assertNonNegativeInteger(`${name}.points`, c.points);
}

function checkRates(rates: SettlementRates): void {
  assertNonNegativeInteger('mainRatePpm', rates.mainRatePpm);
  assertNonNegativeInteger('pointsRatePpm', rates.pointsRatePpm);
}

function amountsOf(c: SettlementComponents, rates: SettlementRates): SettlementAmounts {
  const mainFee = feeOf(sumWon([c.main, c.couponPlatform]), rates.mainRatePpm);
  const pointsFee = feeOf(c.points, rates.pointsRatePpm);
  const base = sumWon([c.main, c.couponPlatform, c.points]);
  return { main: c.main, couponPlatform: c.couponPlatform, mainFee, points: c.points, pointsFee, base, payout: base - mainFee - pointsFee };
}

/**
 * PAY-4: a sale line (at 이용완료): mainFee = feeOf(main + couponPlatform,
 * mainRate), pointsFee = feeOf(points, pointsRate), base (정산대상금액) =
 * main + couponPlatform + points, payout (정산금액) = base − mainFee − pointsFee.
 * Business coupons never enter.
 */
export function saleAmounts(input: SettlementComponents & SettlementRates): SettlementAmounts {
  checkComponents('sale', input);
  checkRates(input);
  return amountsOf(input, input);
}

/**
 * PAY-4: a reversal line for a refund after the sale was settled (a closed
 * statement never changes; the reversal lands in a later period). Difference
 * method: every amount is its value after the refund minus its value before,
 * fees included (fee(after) − fee(before), at the sale's rates), so a full
 * reversal of a sale nets to exactly 0 in every column and repeated partial
 * reversals never drift from the fee of what is finally kept.
 */
export function reversalAmounts(before: SettlementComponents, after: SettlementComponents, rates: SettlementRates): SettlementAmounts {
  checkComponents('before', before);
  checkComponents('after', after);
  checkRates(rates);
  const a = amountsOf(after, rates);
  const b = amountsOf(before, rates);
  const diff = {} as SettlementAmounts;
  for (const field of SETTLEMENT_AMOUNT_FIELDS) diff[field] = a[field] - b[field];
  return diff;
}

/**
 * PAY-4, decision 3: a cancelled line (never 이용완료) that keeps a
 * cancellation charge because it was not fully refunded is settled as its
 * own line kind (`retained`), with the fees on the retained components
 * (paid − refunded) exactly as a sale: the main method's card fee on the
 * retained main + coupon, the points fee on the retained points.
 */
export function retainedAmounts(retained: SettlementComponents, rates: SettlementRates): SettlementAmounts {
  checkComponents('retained', retained);
  checkRates(rates);
  return amountsOf(retained, rates);
}

/** PAY-4: a statement's totals: each column summed over its lines (all 0 for none). A negative total is allowed (decision 5). */
export function statementTotals(lines: readonly SettlementAmounts[]): SettlementAmounts {
  const totals = {} as SettlementAmounts;
  for (const field of SETTLEMENT_AMOUNT_FIELDS) totals[field] = sumWon(lines.map((l) => l[field]));
  return totals;
}

/** PAY-4, decision 5: the weekly statement period holding `dateKey` (the 이용완료 day, yyyy-MM-dd in the business's zone): Monday to Sunday, both inclusive. */
export function weekPeriod(dateKey: string): { start: string; end: string } {
  assertDateKey(dateKey);
  const start = mondayOf(dateKey);
  return { start, end: addDays(start, 6) };
}

/** Throws a RangeError unless every amount of `a` is a safe integer. */
export function assertAmounts(a: SettlementAmounts): void {
  for (const field of SETTLEMENT_AMOUNT_FIELDS) assertInteger(field, a[field]);
}
