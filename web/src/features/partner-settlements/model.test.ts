import { describe, expect, it } from 'vitest';
import { RECONCILIATION_LABELS, isPeriodKey, periodLabel, statementCsvName, statementCsvUrl } from './model';

describe('settlement model', () => {
  it('names a week, with the end year only when it differs', () => {
    expect(periodLabel('2026-11-23', '2026-11-29')).toBe('2026년 11월 23일 (월) ~ 11월 29일 (일)');
    expect(periodLabel('2026-12-28', '2027-01-03')).toBe('2026년 12월 28일 (월) ~ 2027년 1월 3일 (일)');
  });

  it('links the CSV of a period', () => {
    expect(statementCsvUrl('2026-11-23')).toBe('/api/settlements/2026-11-23/csv');
    expect(statementCsvName('2026-11-23', '2026-11-29')).toBe('정산내역_2026-11-23_2026-11-29.csv');
  });

  it('accepts only date keys as a period', () => {
    expect(isPeriodKey('2026-11-23')).toBe(true);
    expect(isPeriodKey('2026-11-2')).toBe(false);
    expect(isPeriodKey('../x')).toBe(false);
    expect(isPeriodKey(undefined)).toBe(false);
  });

  it('words every reconciliation status', () => {
    expect(RECONCILIATION_LABELS.matched).toBe('일치');
    expect(RECONCILIATION_LABELS.missing).toBe('결제사 내역 없음');
    expect(RECONCILIATION_LABELS.differs).toBe('차이 있음');
    expect(RECONCILIATION_LABELS.not_fetched).toBe('미확인');
    expect(RECONCILIATION_LABELS.no_pg).toBe('-');
  });
});
