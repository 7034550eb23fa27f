import type { ReconciliationStatus } from '../../api/models';
import { formatDateTitle, formatShortDateTitle } from '../../../../src/shared/format';

/**
 * 정산 (PAY-4) as the partner center shows it: the words of the
 * reconciliation with the payment provider's own settlement, a period's
 * title, and where its CSV is downloaded from.
 */

/** 대사: how a line compares with what the provider reported; no_pg = nothing was paid through the provider (points only). */
export const RECONCILIATION_LABELS: Record<ReconciliationStatus, string> = {
  matched: '일치',
  missing: '결제사 내역 없음',
  differs: '차이 있음',
  not_fetched: '미확인',
  no_pg: '-',
};

/** "2026년 11월 23일 (월) ~ 11월 29일 (일)"; the end with its year when it is in another one. */
export function periodLabel(periodStart: string, periodEnd: string): string {
  const end = periodStart.slice(0, 4) === periodEnd.slice(0, 4) ? formatShortDateTitle(periodEnd) : formatDateTitle(periodEnd);
  return `${formatDateTitle(periodStart)} ~ ${end}`;
}

/** The statement as CSV (UTF-8 with BOM), sent with the session cookie by a plain link. */
export function statementCsvUrl(periodStart: string): string {
  return `/api/settlements/${encodeURIComponent(periodStart)}/csv`;
}

/** The file name the browser suggests (the server names it too; this is the fallback of <a download>). */
export function statementCsvName(periodStart: string, periodEnd: string): string {
  return `정산내역_${periodStart}_${periodEnd}.csv`;
}

/** A statement's period in the address: yyyy-MM-dd only. */
export function isPeriodKey(value: string | undefined): value is string {
  return typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value);
}
