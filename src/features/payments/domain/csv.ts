import { csvDocument, type CsvCell } from '../../../platform/csv.ts';
import * as labels from '../../../shared/labels/payments.ts';
import { assertNonNegativeInteger } from './money.ts';
import { assertAmounts, statementTotals, type SettlementAmounts, type SettlementKind } from './settlement.ts';

/**
 * PAY-4: the settlement statement as CSV, from the same lines the screen
 * shows. UTF-8 with a BOM (so Excel opens Korean correctly), CRLF line ends,
 * RFC 4180 quoting, amounts as plain integers, and a last 합계 row whose
 * amounts are the column sums.
 */

/** PAY-4: one statement row, with its text already in Korean. */
export interface StatementLine {
  /** 예약상세번호, e.g. "10000123-1". */
  detailNumber: string;
  /** 구분, e.g. SETTLEMENT_KIND_LABELS.sale. */
  kindLabel: string;
  /** 주결제 수단, e.g. FEE_METHOD_LABELS.card. */
  mainMethodLabel: string;
  /** 수수료율, e.g. "1.65%" (ppmLabel). */
  ratePercentLabel: string;
  /** 일자: the 이용완료 day or the refund day, yyyy-MM-dd. */
  eventDate: string;
  amounts: SettlementAmounts;
}

/** PAY-4: the settlement line kinds as the statement names them. */
export const SETTLEMENT_KIND_LABELS: Record<SettlementKind, string> = labels.SETTLEMENT_KIND_LABELS;

/**
 * PAY-4: the statement's columns: the ten of PAY-4 in its order, then 구분
 * (line kind) and 일자 (event date).
 */
export const STATEMENT_COLUMNS = [
  '예약상세번호',
  '주결제 수단',
  '수수료율',
  '주결제 금액',
  '쿠폰할인',
  '주결제 수수료',
  '포인트 결제금액',
  '포인트 결제 수수료',
  '정산대상금액',
  '정산금액',
  '구분',
  '일자',
] as const;

/** PAY-4: the label of the totals row, in the 예약상세번호 column. */
export const STATEMENT_TOTAL_LABEL = '합계';

/**
 * PAY-3, PAY-4: a VAT-inclusive rate in ppm as a percentage with trailing
 * zeros trimmed: 16,500 → "1.65%", 11,000 → "1.1%", 30,000 → "3%",
 * 1 → "0.0001%". Exact (integer arithmetic).
 */
export function ppmLabel(ppm: number): string {
  assertNonNegativeInteger('ppm', ppm);
  const whole = Math.floor(ppm / 10_000);
  const fraction = String(ppm % 10_000).padStart(4, '0').replace(/0+$/, '');
  return `${whole}${fraction ? `.${fraction}` : ''}%`;
}

function row(texts: { detailNumber: string; mainMethodLabel: string; ratePercentLabel: string; kindLabel: string; eventDate: string }, a: SettlementAmounts): CsvCell[] {
  return [texts.detailNumber, texts.mainMethodLabel, texts.ratePercentLabel, a.main, a.couponPlatform, a.mainFee, a.points, a.pointsFee, a.base, a.payout, texts.kindLabel, texts.eventDate];
}

/**
 * PAY-4: the statement CSV, written by src/platform/csv.ts (the BOM, CRLF,
 * RFC 4180 quoting, the apostrophe before a text cell a spreadsheet could run
 * as a formula): the STATEMENT_COLUMNS header, one row per line, then a 합계
 * row whose amount cells are the column sums (statementTotals) and whose
 * other cells are empty. Fees are written as positive numbers (as the
 * columns name them) and 정산금액 = 정산대상금액 − fees; a reversal's amounts
 * are negative. Amounts are plain integers, never prefixed.
 */
export function statementCsv(lines: readonly StatementLine[]): string {
  lines.forEach((l) => assertAmounts(l.amounts));
  const totals = statementTotals(lines.map((l) => l.amounts));
  return csvDocument(STATEMENT_COLUMNS, [
    ...lines.map((l) => row(l, l.amounts)),
    row({ detailNumber: STATEMENT_TOTAL_LABEL, mainMethodLabel: '', ratePercentLabel: '', kindLabel: '', eventDate: '' }, totals),
  ]);
}
