import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { describeCancellationPolicy as describePolicy } from '../../../shared/labels/bookings.ts';
import { cancellationTerms } from './cancellation.ts';

const start = new Date('2026-12-10T05:00:00Z');
const hoursBefore = (h: number) => new Date(start.getTime() - h * 3_600_000);

describe('cancellation terms (BOOK-10)', () => {
  const policy = [
    { hoursBefore: 24, refundPercent: 50 },
    { hoursBefore: 72, refundPercent: 100 },
  ];

  it('gives the best tier whose deadline is ahead, and refuses after the last deadline', () => {
    expect(cancellationTerms(policy, start, hoursBefore(100))).toEqual({ canCancel: true, deadline: hoursBefore(72), refundPercent: 100 });
    expect(cancellationTerms(policy, start, hoursBefore(72))).toEqual({ canCancel: true, deadline: hoursBefore(24), refundPercent: 50 });
    expect(cancellationTerms(policy, start, hoursBefore(24.001))).toMatchObject({ canCancel: true, refundPercent: 50 });
    expect(cancellationTerms(policy, start, hoursBefore(24))).toEqual({ canCancel: false, deadline: null, refundPercent: null });
    expect(cancellationTerms(policy, start, hoursBefore(-1))).toMatchObject({ canCancel: false });
  });

  it('without a policy allows cancelling until the start, in full', () => {
    expect(cancellationTerms([], start, hoursBefore(0.5))).toEqual({ canCancel: true, deadline: start, refundPercent: 100 });
    expect(cancellationTerms([], start, start)).toMatchObject({ canCancel: false });
  });

  it('never refunds more later than earlier (property)', () => {
    const tier = fc.record({ hoursBefore: fc.integer({ min: 0, max: 24 * 30 }), refundPercent: fc.integer({ min: 0, max: 100 }) });
    fc.assert(
      fc.property(fc.uniqueArray(tier, { selector: (t) => t.hoursBefore, minLength: 1, maxLength: 5 }), fc.integer({ min: -100, max: 800 }), fc.integer({ min: 1, max: 100 }), (tiers, h, later) => {
        // Policies are monotone in practice (earlier = more back); sort the shares so the property is about the rule, not the input.
        const shares = tiers.map((t) => t.refundPercent).sort((a, b) => b - a);
        const monotone = [...tiers].sort((a, b) => b.hoursBefore - a.hoursBefore).map((t, i) => ({ ...t, refundPercent: shares[i]! }));
        const early = cancellationTerms(monotone, start, hoursBefore(h));
        const late = cancellationTerms(monotone, start, hoursBefore(h - later));
        if (late.canCancel) expect(early.canCancel).toBe(true);
        if (early.canCancel && late.canCancel) expect(late.refundPercent!).toBeLessThanOrEqual(early.refundPercent!);
        if (early.canCancel) expect(early.deadline!.getTime()).toBeGreaterThan(hoursBefore(h).getTime());
      }),
    );
  });

  it('describes the policy in Korean', () => {
    expect(describePolicy(policy)).toEqual([
      '이용 3일 전까지 취소 시 100% 환불',
      '이용 1일 전까지 취소 시 50% 환불',
      '이용 1일 전 이후에는 직접 취소할 수 없습니다. 업체에 문의해 주세요.',
    ]);
    expect(describePolicy([{ hoursBefore: 3, refundPercent: 100 }])[0]).toBe('이용 3시간 전까지 취소 시 100% 환불');
  });
});
