import { feeMethodOf, gradeOn, rateOn, type FeeMethod } from '../domain/fees.ts';
import { retainedAmounts, reversalAmounts, saleAmounts, type SettlementAmounts, type SettlementComponents } from '../domain/settlement.ts';
import type { LineBalance } from '../domain/refunds.ts';
import * as payments from '../repository/payments.ts';
import * as settlement from '../repository/settlement.ts';
import { findBusinessBasics } from '../repository/settings.ts';
import { businessDay, feeContext, type Db, type PaymentRow } from './support.ts';

/**
 * PAY-3, PAY-4: statement lines, written once and never changed. A sale at
 * 이용완료 for each paid detail line (what it still holds); a reversal when
 * money goes back after that (difference method: a full reversal nets the
 * sale to 0); a retained line for the cancellation charge a cancelled line
 * keeps. Rates by the payment's main method and the business's revenue grade
 * as of the event's date (in the business's zone).
 */

interface Rated {
  method: FeeMethod;
  mainRatePpm: number;
  pointsRatePpm: number;
  date: string;
  periodStart: string;
}

async function ratesAt(db: Db, payment: PaymentRow, at: Date): Promise<Rated> {
  const business = await findBusinessBasics(db, payment.business_id);
  const { date, periodStart } = businessDay(at, business?.time_zone ?? 'Asia/Seoul');
  const { rules, grades } = await feeContext(db, payment.business_id);
  const grade = gradeOn(grades, date);
  const method = feeMethodOf(payment.main_method ?? 'card');
  return {
    method,
    mainRatePpm: rateOn(rules, method, grade, date)?.ratePpm ?? 0,
    pointsRatePpm: rateOn(rules, 'points', grade, date)?.ratePpm ?? 0,
    date,
    periodStart,
  };
}

function row(payment: PaymentRow, detailNumber: string, kind: 'sale' | 'reversal' | 'retained', refundId: string | null, at: Date, rated: Rated, amounts: SettlementAmounts): settlement.NewSettlementLine {
  return {
    payment_id: payment.id,
    refund_id: refundId,
    detail_number: detailNumber,
    kind,
    event_at: at,
    event_date: rated.date,
    period_start: rated.periodStart,
    main_method: payment.main_method ?? 'card',
    rate_ppm: rated.mainRatePpm,
    points_rate_ppm: rated.pointsRatePpm,
    main: amounts.main,
    coupon_platform: amounts.couponPlatform,
    main_fee: amounts.mainFee,
    points: amounts.points,
    points_fee: amounts.pointsFee,
    base: amounts.base,
    payout: amounts.payout,
  };
}

async function detailNumbers(db: Db, payment: PaymentRow): Promise<Map<number, string>> {
  const allocations = await payments.listAllocations(db, payment.business_id, payment.id);
  return new Map(allocations.map((a) => [a.line_no, a.detail_number ?? `${payment.order_id}-${a.line_no}`]));
}

function components(line: LineBalance): SettlementComponents {
  return { main: line.main, couponPlatform: line.couponPlatform, points: line.points };
}

/** At 이용완료: a sale line per detail line that still holds money. */
export async function writeSaleLines(trx: Db, payment: PaymentRow, balances: readonly LineBalance[], at: Date): Promise<void> {
  const rated = await ratesAt(trx, payment, at);
  const numbers = await detailNumbers(trx, payment);
  const lines = balances
    .filter((b) => b.main + b.couponPlatform + b.points > 0)
    .map((b) => row(payment, numbers.get(b.lineNo)!, 'sale', null, at, rated, saleAmounts({ ...components(b), mainRatePpm: rated.mainRatePpm, pointsRatePpm: rated.pointsRatePpm })));
  await settlement.insertSettlementLines(trx, payment.business_id, lines);
}

/**
 * After a refund of money that a sale line settled: a reversal line per
 * detail line it touched, at the rate of the sale (so fee(new net) − fee(old
 * net) nets a full refund to 0), in the refund's period.
 */
export async function writeReversalLines(trx: Db, payment: PaymentRow, refundId: string, before: readonly LineBalance[], after: readonly LineBalance[], at: Date): Promise<void> {
  const existing = await settlement.listSettlementLinesOfPayment(trx, payment.business_id, payment.id);
  const sales = new Map(existing.filter((l) => l.kind === 'sale').map((l) => [l.detail_number, l]));
  if (sales.size === 0) return;
  const rated = await ratesAt(trx, payment, at);
  const numbers = await detailNumbers(trx, payment);
  const lines: settlement.NewSettlementLine[] = [];
  for (const b of before) {
    const a = after.find((x) => x.lineNo === b.lineNo)!;
    const number = numbers.get(b.lineNo)!;
    const sale = sales.get(number);
    if (!sale || (a.main === b.main && a.points === b.points && a.couponPlatform === b.couponPlatform)) continue;
    const rates = { mainRatePpm: sale.rate_ppm, pointsRatePpm: sale.points_rate_ppm };
    lines.push(row(payment, number, 'reversal', refundId, at, { ...rated, ...rates }, reversalAmounts(components(b), components(a), rates)));
  }
  await settlement.insertSettlementLines(trx, payment.business_id, lines);
}

/** A cancelled line that keeps a cancellation charge (the policy refunded less than all): settled as its own line (decision 3). */
export async function writeRetainedLines(trx: Db, payment: PaymentRow, refundId: string | null, retained: readonly LineBalance[], at: Date): Promise<void> {
  const rated = await ratesAt(trx, payment, at);
  const numbers = await detailNumbers(trx, payment);
  const lines = retained
    .filter((r) => r.main + r.points + r.couponPlatform > 0)
    .map((r) => row(payment, numbers.get(r.lineNo)!, 'retained', refundId, at, rated, retainedAmounts(components(r), { mainRatePpm: rated.mainRatePpm, pointsRatePpm: rated.pointsRatePpm })));
  await settlement.insertSettlementLines(trx, payment.business_id, lines);
}

export async function hasSaleLines(db: Db, payment: PaymentRow): Promise<boolean> {
  const existing = await settlement.listSettlementLinesOfPayment(db, payment.business_id, payment.id);
  return existing.some((l) => l.kind === 'sale');
}
