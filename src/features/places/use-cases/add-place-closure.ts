import { catalogAppError } from '../../../platform/errors/registry.ts';
import type { Actor } from '../../auth/index.ts';
import { addDays, closureProblem } from '../domain/opening.ts';
import * as repo from '../repository.ts';
import { bookingsOnClosedDays, lockPlaceOpening, openingContext, presentClosure, startOfDate } from './opening-support.ts';
import type { Db } from './present.ts';

/**
 * OPS-1: a 임시휴무 of the place on the local dates [startsOn, endsOn] with
 * its reason. From its commit on, the booking page offers nothing on those
 * days and a booking for them is refused (BOOKING_DAY_CLOSED). The live
 * bookings already on those days are answered (`affectedBookings`) for the
 * shop to call or cancel; none is cancelled.
 */
export async function addPlaceClosure(db: Db, actor: Actor, placeId: string, input: { startsOn: string; endsOn: string; reason: string }) {
  const reason = input.reason.normalize('NFC').trim();
  return db.transaction().execute(async (trx) => {
    await lockPlaceOpening(trx, actor.businessId, placeId);
    const existing = await repo.listClosures(trx, actor.businessId, placeId);
    const problem = closureProblem(
      { from: input.startsOn, to: input.endsOn },
      existing.map((c) => ({ id: c.id, from: c.starts_on, to: c.ends_on, reason: c.reason })),
    );
    if (problem) throw catalogAppError(problem);
    const row = await repo.insertClosure(trx, actor.businessId, placeId, { startsOn: input.startsOn, endsOn: input.endsOn, reason });
    const context = await openingContext(trx, actor.businessId, placeId);
    const from = startOfDate(input.startsOn, context.timeZone);
    const now = new Date();
    const affected = await bookingsOnClosedDays(trx, actor.businessId, context, {
      from: from.getTime() > now.getTime() ? from : now,
      to: startOfDate(addDays(input.endsOn, 1), context.timeZone),
    });
    return presentClosure({ id: row.id, from: row.starts_on, to: row.ends_on, reason: row.reason, createdAt: row.created_at }, affected);
  });
}
