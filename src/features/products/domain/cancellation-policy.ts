import { AppError } from '../../../platform/errors/registry.ts';

/**
 * BOOK-10: a product's cancellation policy, a list of tiers "until N hours
 * before the usage starts, M% is refunded", kept sorted by deadline, latest
 * first (largest hoursBefore). Bookings apply it (their cancellation terms).
 */
export interface CancellationTier {
  hoursBefore: number;
  refundPercent: number;
}

/** The stored policy (jsonb) as tiers; anything that is not a tier is dropped. */
export function parseCancellationPolicy(value: unknown): CancellationTier[] {
  const raw = typeof value === 'string' ? JSON.parse(value) : value;
  if (!Array.isArray(raw)) return [];
  return raw
    .filter((t): t is CancellationTier => typeof t?.hoursBefore === 'number' && typeof t?.refundPercent === 'number')
    .sort((a, b) => b.hoursBefore - a.hoursBefore);
}

/** Tiers sorted by deadline, latest first; CANCELLATION_POLICY_INVALID for duplicates or values out of range. */
export function normaliseCancellationPolicy(tiers: readonly { hoursBefore: number; refundPercent: number }[]): CancellationTier[] {
  const seen = new Set<number>();
  for (const tier of tiers) {
    const valid =
      Number.isSafeInteger(tier.hoursBefore) && tier.hoursBefore >= 0 && Number.isSafeInteger(tier.refundPercent) && tier.refundPercent >= 0 && tier.refundPercent <= 100;
    if (!valid || seen.has(tier.hoursBefore)) throw new AppError('CANCELLATION_POLICY_INVALID', { details: { tier } });
    seen.add(tier.hoursBefore);
  }
  return tiers.map((t) => ({ hoursBefore: t.hoursBefore, refundPercent: t.refundPercent })).sort((a, b) => b.hoursBefore - a.hoursBefore);
}
