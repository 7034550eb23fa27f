import type { CancellationTier } from '../../products/index.ts';

/**
 * BOOK-10: a product's cancellation policy applied to a customer's own
 * cancellation. The policy is a list of tiers "until N hours before the
 * usage starts, M% is refunded". At any instant the customer gets the best
 * tier whose deadline is still ahead; once the last (smallest) deadline has
 * passed, only the business can cancel. With no tiers the customer may
 * cancel until the usage starts, with a full refund. The policy as the
 * sentences the booking page shows is src/shared/labels/bookings.ts's
 * `describeCancellationPolicy`.
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
