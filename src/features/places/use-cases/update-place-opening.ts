import { catalogAppError } from '../../../platform/errors/registry.ts';
import type { Actor } from '../../auth/index.ts';
import { weeklyHoursProblem, type PlaceWeeklyHours } from '../domain/opening.ts';
import * as repo from '../repository.ts';
import { bookingsOnClosedDays, lockPlaceOpening, openingContext, presentOpening } from './opening-support.ts';
import type { Db } from './present.ts';

export interface PlaceOpeningInput {
  /** null: no place-level limit (each product's own hours apply). */
  weeklyHours?: PlaceWeeklyHours | null | undefined;
  /** null: the category's default. */
  holidaysClosed?: boolean | null | undefined;
}

/**
 * OPS-1: sets the place's weekly hours and/or 공휴일 휴무. Existing bookings
 * that now fall on a closed time are answered (`affectedBookings`) for the
 * shop to handle; none is cancelled.
 */
export async function updatePlaceOpening(db: Db, actor: Actor, placeId: string, input: PlaceOpeningInput) {
  if (input.weeklyHours) {
    const problem = weeklyHoursProblem(input.weeklyHours);
    if (problem) throw catalogAppError(problem);
  }
  const changes: { weekly_hours?: string | null; holidays_closed?: boolean | null } = {};
  if (input.weeklyHours !== undefined) changes.weekly_hours = input.weeklyHours === null ? null : JSON.stringify(input.weeklyHours);
  if (input.holidaysClosed !== undefined) changes.holidays_closed = input.holidaysClosed;
  const answer = async (trx: Db) => {
    const context = await openingContext(trx, actor.businessId, placeId);
    const affectedBookings = await bookingsOnClosedDays(trx, actor.businessId, context, { from: new Date() });
    return { ...presentOpening(context), affectedBookings };
  };
  // QUAL-3: nothing to change answers the place as it is, without a lock or a write.
  if (Object.keys(changes).length === 0) return answer(db);
  return db.transaction().execute(async (trx) => {
    await lockPlaceOpening(trx, actor.businessId, placeId);
    await repo.updatePlaceOpening(trx, actor.businessId, placeId, changes);
    return answer(trx);
  });
}
