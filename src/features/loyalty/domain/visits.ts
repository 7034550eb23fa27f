import { AppError } from '../../../platform/errors/registry.ts';

// MSG-1: the rules of a POS visit that need no database.

/** A POS's clock may run a little ahead of the server's. */
export const FUTURE_TOLERANCE_MS = 5 * 60_000;

/**
 * When a visit is stored: the time the POS sent (now when none); refused
 * when it is ahead of now by more than the tolerance, and read as now when
 * only slightly ahead, so no visit is stored in the future (the groups count
 * accruals up to now).
 */
export function visitTime(requested: Date | null, now: Date): Date {
  const at = requested ?? now;
  if (at.getTime() > now.getTime() + FUTURE_TOLERANCE_MS) throw new AppError('VISIT_TIME_IN_FUTURE');
  return at.getTime() > now.getTime() ? now : at;
}

/** Points can be used only from those held. */
export function checkPointsUse(pointsHeld: number, pointsUsed: number): void {
  if (pointsUsed > pointsHeld) throw new AppError('POINTS_INSUFFICIENT', { details: { pointsHeld, pointsUsed } });
}
