import { AppError } from '../../../platform/errors/registry.ts';

/** A schedule ends after it starts (the table's check says the same). */
export function requireTimeOrder(startsAt: Date, endsAt: Date): void {
  if (!(endsAt.getTime() > startsAt.getTime())) throw new AppError('SCHEDULE_TIME_INVALID');
}
