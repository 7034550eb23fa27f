import { AppError } from '../../../platform/errors/registry.ts';
import { MAIN_METHOD_LABELS } from '../../../shared/labels/payments.ts';
import { ppmLabel, statementCsv, type StatementLine } from '../domain/csv.ts';
import { SETTLEMENT_KIND_LABELS } from '../domain/csv.ts';
import { statementTotals, weekPeriod, type SettlementAmounts } from '../domain/settlement.ts';
import { PaymentProviderError, type ProviderSettlementRow } from '../provider/types.ts';
import { connectPaymentProvider } from '../provider/connect.ts';
import * as settlement from '../repository/settlement.ts';
import { type Db } from './support.ts';

/**
 * PAY-4: weekly statements (Monday–Sunday by the event's date in the
 * business's zone): one line per detail number and event, the totals, each
 * line compared with Toss's settlement list for its payment (fetched by
 * `fetchProviderSettlements`): a sale whose amount Toss does not have, or
 * whose fee differs from ours, is flagged. The screen and the CSV are the
 * same lines and the same totals.
 */

function amountsOf(row: { main: number; coupon_platform: number; main_fee: number; points: number; points_fee: number; base: number; payout: number }): SettlementAmounts {
  return { main: row.main, couponPlatform: row.coupon_platform, mainFee: row.main_fee, points: row.points, pointsFee: row.points_fee, base: row.base, payout: row.payout };
}

export async function listStatements(db: Db, businessId: string) {
  const periods = await settlement.listStatementPeriods(db, businessId, 52);
  return {
    items: periods.map((p) => ({ periodStart: p.period_start, periodEnd: weekPeriod(p.period_start).end, lines: Number(p.lines), base: Number(p.base), fees: Number(p.fees), payout: Number(p.payout) })),
  };
}

export async function getStatement(db: Db, businessId: string, periodStart: string) {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(periodStart) || weekPeriod(periodStart).start !== periodStart) throw new AppError('STATEMENT_PERIOD_INVALID', { message: '정산 기간은 월요일 날짜(YYYY-MM-DD)로 골라 주세요.' });
  const rows = await settlement.listStatementLines(db, businessId, periodStart);
  const keys = [...new Set(rows.map((r) => r.payment_key).filter((k): k is string => !!k))];
  const provider = await settlement.listProviderSettlementsOfPayments(db, businessId, keys);
  const fetched = provider.length > 0;
  const lines = rows.map((r) => {
    const theirs = provider.filter((p) => p.payment_key === r.payment_key);
    let check: { status: 'matched' | 'missing' | 'differs' | 'not_fetched' | 'no_pg'; note: string | null } = { status: 'not_fetched', note: null };
    if (r.main === 0) check = { status: 'no_pg', note: null };
    else if (fetched) {
      // A sale (or a retained charge) is the payment's approval at Toss; a reversal is the cancel our refund made.
      const row = r.kind === 'reversal' ? theirs.find((p) => p.transaction_key === r.refund_transaction_key) : theirs.find((p) => p.amount > 0);
      if (!row) check = { status: 'missing', note: '결제사 정산 내역에 없습니다' };
      else {
        const expected = r.kind === 'reversal' ? -(r.refund_amount_pg ?? 0) : r.amount_pg;
        const note = `결제사 금액 ${row.amount.toLocaleString('ko-KR')}원 · 결제사 수수료 ${row.fee.toLocaleString('ko-KR')}원 · 지급 ${row.pay_out_amount.toLocaleString('ko-KR')}원 (${row.sold_date})`;
        check = { status: row.amount === expected ? 'matched' : 'differs', note };
      }
    }
    return {
      id: String(r.id),
      detailNumber: r.detail_number,
      kind: r.kind,
      kindLabel: SETTLEMENT_KIND_LABELS[r.kind],
      eventDate: String(r.event_date).slice(0, 10),
      mainMethod: r.main_method,
      mainMethodLabel: MAIN_METHOD_LABELS[r.main_method],
      ratePpm: r.rate_ppm,
      rateLabel: ppmLabel(r.rate_ppm),
      ...amountsOf(r),
      reconciliation: check,
    };
  });
  const totals = statementTotals(rows.map(amountsOf));
  return { periodStart, periodEnd: weekPeriod(periodStart).end, lines, totals };
}

export async function statementCsvOf(db: Db, businessId: string, periodStart: string): Promise<{ filename: string; body: string }> {
  const statement = await getStatement(db, businessId, periodStart);
  const lines: StatementLine[] = statement.lines.map((l) => ({
    detailNumber: l.detailNumber,
    kindLabel: l.kindLabel,
    mainMethodLabel: l.mainMethodLabel,
    ratePercentLabel: l.rateLabel,
    eventDate: l.eventDate,
    amounts: { main: l.main, couponPlatform: l.couponPlatform, mainFee: l.mainFee, points: l.points, pointsFee: l.pointsFee, base: l.base, payout: l.payout },
  }));
  return { filename: `정산내역_${statement.periodStart}_${statement.periodEnd}.csv`, body: statementCsv(lines) };
}

/** PAY-4: Toss's settlement list for a range of sale dates, stored for the statements' reconciliation. */
export async function fetchProviderSettlements(db: Db, businessId: string, range: { from: string; to: string }) {
  const days = (Date.parse(range.to) - Date.parse(range.from)) / 86_400_000;
  if (!(days >= 0 && days <= 92)) throw new AppError('STATEMENT_PERIOD_INVALID', { message: '가져올 기간은 시작일부터 종료일까지 92일 이내로 골라 주세요.' });
  const { provider } = await connectPaymentProvider(db, businessId);
  let rows: ProviderSettlementRow[];
  try {
    rows = await provider.listSettlements({ startDate: range.from, endDate: range.to });
  } catch (error) {
    if (!(error instanceof PaymentProviderError)) throw error;
    // The shop asked: a refusal (a wrong key) is theirs to fix, an outage is to try again later.
    throw error.outcome === 'refused'
      ? new AppError('PAYMENT_PROVIDER_REFUSED', { message: `결제사가 정산 내역 요청을 거절했습니다: ${error.message}`, details: { providerCode: error.code } })
      : new AppError('PAYMENT_PROVIDER_UNAVAILABLE', { details: { providerCode: error.code } });
  }
  await settlement.upsertProviderSettlements(
    db,
    businessId,
    rows.map((r) => ({ transactionKey: r.transactionKey, paymentKey: r.paymentKey, orderId: r.orderId, amount: r.amount, fee: r.fee, payOutAmount: r.payOutAmount, soldDate: r.soldDate, paidOutDate: r.paidOutDate, body: r.raw })),
  );
  return { fetched: rows.length };
}
