import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays } from '../../../shared/time.ts';
import { DEFAULT_FEE_RULES, FEE_METHOD_LABELS, REVENUE_GRADE_LABELS, feeMethodOf, gradeOn, rateOn, type FeeMethod, type FeeRule, type RevenueGrade } from './fees.ts';

const GRADES: RevenueGrade[] = ['small', 'medium1', 'medium2', 'medium3', 'general'];
const METHODS: FeeMethod[] = ['card', 'kakaopay_card', 'kakaopay_money', 'points'];

describe('fee rules (PAY-3)', () => {
  it('names grades and methods in Korean', () => {
    expect(GRADES.map((g) => REVENUE_GRADE_LABELS[g])).toEqual(['영세', '중소1', '중소2', '중소3', '일반']);
    expect(METHODS.map((m) => FEE_METHOD_LABELS[m])).toEqual(['신용카드', '카카오페이 카드', '카카오페이 머니', '포인트결제']);
  });

  it('maps the main payment method to a fee method, anything else as a card', () => {
    expect(feeMethodOf('card')).toBe('card');
    expect(feeMethodOf('kakaopay_card')).toBe('kakaopay_card');
    expect(feeMethodOf('kakaopay_money')).toBe('kakaopay_money');
    expect(feeMethodOf('other')).toBe('card');
  });

  it('ships illustrative VAT-inclusive defaults from 2025-01-01 for every method and grade', () => {
    const rate = (method: FeeMethod, grade: RevenueGrade, date = '2026-03-02') => rateOn(DEFAULT_FEE_RULES, method, grade, date)?.ratePpm ?? null;
    expect(GRADES.map((g) => rate('card', g))).toEqual([16_500, 22_000, 24_200, 26_400, 30_800]);
    expect(GRADES.map((g) => rate('kakaopay_card', g))).toEqual([16_500, 22_000, 24_200, 26_400, 30_800]);
    expect(GRADES.map((g) => rate('kakaopay_money', g))).toEqual(GRADES.map(() => 11_000));
    expect(GRADES.map((g) => rate('points', g))).toEqual(GRADES.map(() => 33_000));
    expect(rate('card', 'small', '2025-01-01')).toBe(16_500);
    expect(rate('card', 'small', '2024-12-31')).toBeNull();
  });

  it('chooses the rule valid on the date: validFrom inclusive, validTo exclusive, the grade over every grade, then the latest', () => {
    const rules: FeeRule[] = [
      { method: 'card', grade: 'small', ratePpm: 16_500, validFrom: '2025-01-01', validTo: '2025-08-14' },
      { method: 'card', grade: 'small', ratePpm: 15_400, validFrom: '2025-08-14', validTo: null },
      { method: 'card', grade: null, ratePpm: 33_000, validFrom: '2025-09-01', validTo: null },
      { method: 'points', grade: null, ratePpm: 33_000, validFrom: '2025-01-01', validTo: '2026-01-01' },
      { method: 'points', grade: null, ratePpm: 22_000, validFrom: '2025-06-01', validTo: null },
    ];
    expect(rateOn(rules, 'card', 'small', '2025-08-13')?.ratePpm).toBe(16_500);
    expect(rateOn(rules, 'card', 'small', '2025-08-14')?.ratePpm).toBe(15_400);
    // A newer rule for every grade does not override the grade's own.
    expect(rateOn(rules, 'card', 'small', '2025-10-01')?.ratePpm).toBe(15_400);
    // …but applies to a grade without one, from its date.
    expect(rateOn(rules, 'card', 'general', '2025-08-31')).toBeNull();
    expect(rateOn(rules, 'card', 'general', '2025-09-01')?.ratePpm).toBe(33_000);
    // Overlapping rules: the latest validFrom.
    expect(rateOn(rules, 'points', 'small', '2025-05-31')?.ratePpm).toBe(33_000);
    expect(rateOn(rules, 'points', 'small', '2025-06-01')?.ratePpm).toBe(22_000);
    expect(rateOn(rules, 'kakaopay_money', 'small', '2025-06-01')).toBeNull();
    expect(() => rateOn(rules, 'card', 'small', '2025-8-14')).toThrow(RangeError);
  });

  it('takes the business grade of the date, a change effective on its own date, 일반 before any', () => {
    const history = [
      { grade: 'medium1' as const, validFrom: '2025-08-14' },
      { grade: 'small' as const, validFrom: '2025-02-14' },
    ];
    expect(gradeOn(history, '2025-02-13')).toBe('general');
    expect(gradeOn(history, '2025-02-14')).toBe('small');
    expect(gradeOn(history, '2025-08-13')).toBe('small');
    expect(gradeOn(history, '2025-08-14')).toBe('medium1');
    expect(gradeOn([], '2025-08-14')).toBe('general');
    // Two entries on one day: the later one (a correction) wins.
    expect(gradeOn([...history, { grade: 'medium2', validFrom: '2025-08-14' }], '2025-08-14')).toBe('medium2');
    expect(() => gradeOn(history, '20250814')).toThrow(RangeError);
  });

  const dayArb = fc.integer({ min: 0, max: 60 }).map((n) => addDays('2025-01-01', n));

  it('rateOn agrees with an oracle that ranks every rule valid that day (property)', () => {
    const ruleArb: fc.Arbitrary<FeeRule> = fc
      .record({
        method: fc.constantFrom(...METHODS),
        grade: fc.option(fc.constantFrom(...GRADES)),
        ratePpm: fc.integer({ min: 0, max: 100_000 }),
        validFrom: dayArb,
        length: fc.option(fc.integer({ min: 1, max: 30 })),
      })
      .map(({ length, ...r }) => ({ ...r, validTo: length === null ? null : addDays(r.validFrom, length) }));
    fc.assert(
      fc.property(fc.array(ruleArb, { maxLength: 12 }), fc.constantFrom(...METHODS), fc.constantFrom(...GRADES), dayArb, (rules, method, grade, date) => {
        const valid = rules
          .map((rule, index) => ({ rule, index }))
          .filter(({ rule }) => rule.method === method && (rule.grade === null || rule.grade === grade))
          .filter(({ rule }) => Date.parse(rule.validFrom) <= Date.parse(date) && (rule.validTo === null || Date.parse(date) < Date.parse(rule.validTo)))
          .sort((a, b) => Number(b.rule.grade !== null) - Number(a.rule.grade !== null) || b.rule.validFrom.localeCompare(a.rule.validFrom) || a.index - b.index);
        expect(rateOn(rules, method, grade, date)).toBe(valid[0]?.rule ?? null);
      }),
    );
  });

  it('a grade change applies from its date and not the day before (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ grade: fc.constantFrom(...GRADES), validFrom: dayArb }), { maxLength: 6 }),
        fc.constantFrom(...GRADES),
        dayArb,
        fc.integer({ min: 0, max: 10 }),
        (history, next, changeDay, after) => {
          // A change later than every other entry.
          const last = history.reduce((m, h) => (h.validFrom > m ? h.validFrom : m), '2024-12-31');
          const change = changeDay > last ? changeDay : addDays(last, 1);
          const withChange = [...history, { grade: next, validFrom: change }];
          expect(gradeOn(withChange, change)).toBe(next);
          expect(gradeOn(withChange, addDays(change, after))).toBe(next);
          expect(gradeOn(withChange, addDays(change, -1))).toBe(gradeOn(history, addDays(change, -1)));
          const started = history.filter((h) => h.validFrom <= addDays(change, -1));
          if (started.length === 0) expect(gradeOn(withChange, addDays(change, -1))).toBe('general');
        },
      ),
    );
  });
});
