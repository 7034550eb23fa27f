import type { CancellationTier } from '../products/index.ts';

/**
 * BOOK-10: a product's cancellation policy applied to a customer's own
 * cancellation. The policy is a list of tiers "until N hours before the
 * usage starts, M% is refunded". At any instant the customer gets the best
 * tier whose deadline is still ahead; once the last (smallest) deadline has
 * passed, only the business can cancel. With no tiers the customer may
 * cancel until the usage starts, with a full refund.
 */
export interface CancellationTerms {
  canCancel: boolean;
  /** Until when the current refund share holds (null when cancelling is no longer possible). */
  deadline: Date | null;
  refundPercent: number | null;
}

const HOUR_MS = 3_600_000;

export function cancellationTerms(policy: readonly CancellationTier[], usageStartsAt: Date, now: Date): CancellationTerms {
  const start = usageStartsAt.getTime();
  if (policy.length === 0) {
    return now.getTime() < start ? { canCancel: true, deadline: usageStartsAt, refundPercent: 100 } : { canCancel: false, deadline: null, refundPercent: null };
  }
  // Largest hoursBefore first: the earliest deadline, with the best refund.
  const tiers = [...policy].sort((a, b) => b.hoursBefore - a.hoursBefore);
  for (const tier of tiers) {
    const deadline = start - tier.hoursBefore * HOUR_MS;
    if (now.getTime() < deadline) return { canCancel: true, deadline: new Date(deadline), refundPercent: tier.refundPercent };
  }
  return { canCancel: false, deadline: null, refundPercent: null };
}

/** "이용 24시간 전까지 100% 환불" lines for the booking page. */
export function describePolicy(policy: readonly CancellationTier[]): string[] {
  if (policy.length === 0) return ['이용 시작 전까지 취소할 수 있고, 전액 환불됩니다.'];
  const tiers = [...policy].sort((a, b) => b.hoursBefore - a.hoursBefore);
  const lines = tiers.map((t) => `이용 ${formatHours(t.hoursBefore)} 전까지 취소 시 ${t.refundPercent}% 환불`);
  lines.push(`이용 ${formatHours(tiers.at(-1)!.hoursBefore)} 전 이후에는 직접 취소할 수 없습니다. 업체에 문의해 주세요.`);
  return lines;
}

function formatHours(hours: number): string {
  if (hours === 0) return '시작';
  if (hours % 24 === 0) return `${hours / 24}일`;
  return `${hours}시간`;
}
