import * as labels from '../../../shared/labels/payments.ts';
import type { MainMethod } from '../provider/types.ts';
import { assertDateKey } from './money.ts';

/**
 * PAY-3: the platform's fee schedule. A rate depends on the fee method and,
 * for cards, on the business's revenue grade (매출 등급) on the day the fee
 * is due; rates are VAT-inclusive parts per million (1.65% = 16,500) and
 * change over time (validFrom inclusive, validTo exclusive). Grades are
 * re-selected twice a year, so a business's grade also has a history.
 */

/** PAY-3: the card-fee revenue grades (우대수수료 구간). */
export type RevenueGrade = 'small' | 'medium1' | 'medium2' | 'medium3' | 'general';

/** PAY-3: the grades as the screens and statements name them. */
export const REVENUE_GRADE_LABELS: Record<RevenueGrade, string> = labels.REVENUE_GRADE_LABELS;

/** PAY-3, PAY-4: the methods a fee is charged by, as the statement's 주결제 수단 names them (points have their own fee). */
export type FeeMethod = 'card' | 'kakaopay_card' | 'kakaopay_money' | 'points';

/** PAY-3, PAY-4: the fee methods' Korean labels. */
export const FEE_METHOD_LABELS: Record<FeeMethod, string> = labels.FEE_METHOD_LABELS;

/** PAY-3: one rate of the schedule. */
export interface FeeRule {
  method: FeeMethod;
  /** null = every grade (points, 카카오페이 머니). A rule for the grade wins over a null one. */
  grade: RevenueGrade | null;
  /** VAT included, parts per million: 1.65% = 16,500. */
  ratePpm: number;
  /** yyyy-MM-dd, inclusive. */
  validFrom: string;
  /** yyyy-MM-dd, exclusive; null = open-ended. */
  validTo: string | null;
}

const DEFAULTS_FROM = '2025-01-01';

/** Card rates by grade, VAT included (illustrative). */
const CARD_RATES_PPM: Record<RevenueGrade, number> = {
  small: 16_500,
  medium1: 22_000,
  medium2: 24_200,
  medium3: 26_400,
  general: 30_800,
};

const GRADES = Object.keys(CARD_RATES_PPM) as RevenueGrade[];

/**
 * PAY-3 (decision 6): the rate table a business starts with. These rates are
 * ILLUSTRATIVE, VAT-inclusive defaults, not any PG's or card company's
 * published schedule; a business (or the operator) edits them. Valid from
 * 2025-01-01, open-ended: 신용카드 and 카카오페이 카드 by grade (영세 1.65%,
 * 중소1 2.20%, 중소2 2.42%, 중소3 2.64%, 일반 3.08%), 카카오페이 머니 1.10% and
 * 포인트결제 3.30% for every grade.
 */
export const DEFAULT_FEE_RULES: FeeRule[] = [
  ...(['card', 'kakaopay_card'] as const).flatMap((method) =>
    GRADES.map((grade): FeeRule => ({ method, grade, ratePpm: CARD_RATES_PPM[grade], validFrom: DEFAULTS_FROM, validTo: null })),
  ),
  { method: 'kakaopay_money', grade: null, ratePpm: 11_000, validFrom: DEFAULTS_FROM, validTo: null },
  { method: 'points', grade: null, ratePpm: 33_000, validFrom: DEFAULTS_FROM, validTo: null },
];

/** PAY-3: the fee method of a payment's main method; a method the statement has no name for (`other`: 토스페이, 가상계좌, …) is charged as a card. */
export function feeMethodOf(main: MainMethod): FeeMethod {
  switch (main) {
    case 'card':
    case 'kakaopay_card':
    case 'kakaopay_money':
      return main;
    default:
      return 'card';
  }
}

/**
 * PAY-3: the rule that sets the fee for `method` and `grade` on `date`
 * (yyyy-MM-dd, the fee's event date): among the rules valid that day
 * (validFrom ≤ date < validTo), one for the grade wins over one for every
 * grade (null); among those, the latest validFrom; on a tie, the first in
 * the list. Null when no rule applies.
 */
export function rateOn(rules: readonly FeeRule[], method: FeeMethod, grade: RevenueGrade, date: string): FeeRule | null {
  assertDateKey(date);
  let best: FeeRule | null = null;
  for (const rule of rules) {
    if (rule.method !== method) continue;
    if (rule.grade !== null && rule.grade !== grade) continue;
    if (!(rule.validFrom <= date && (rule.validTo === null || date < rule.validTo))) continue;
    if (best === null) {
      best = rule;
      continue;
    }
    const specific = rule.grade !== null;
    const bestSpecific = best.grade !== null;
    if (specific !== bestSpecific) {
      if (specific) best = rule;
    } else if (rule.validFrom > best.validFrom) {
      best = rule;
    }
  }
  return best;
}

/**
 * PAY-3: a business's revenue grade on `date` (yyyy-MM-dd): the entry with
 * the latest validFrom ≤ date, so a grade change takes effect on its own
 * date; on equal dates the later entry in the list (a correction) wins.
 * 'general' (일반) when no entry has started yet.
 */
export function gradeOn(history: readonly { grade: RevenueGrade; validFrom: string }[], date: string): RevenueGrade {
  assertDateKey(date);
  let best: { grade: RevenueGrade; validFrom: string } | null = null;
  for (const entry of history) {
    if (entry.validFrom > date) continue;
    if (best === null || entry.validFrom >= best.validFrom) best = entry;
  }
  return best?.grade ?? 'general';
}
