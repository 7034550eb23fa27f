import { todayIn } from '../../../platform/time.ts';
import type { Actor } from '../../auth/index.ts';
import * as repo from '../repository.ts';
import { bookingsOnClosedDays, openingContext, presentClosure } from './opening-support.ts';
import type { Db } from './present.ts';

/** OPS-1: the place's 임시휴무 that have not ended, each with the live bookings on its days. */
export async function listPlaceClosures(db: Db, actor: Actor, placeId: string) {
  const context = await openingContext(db, actor.businessId, placeId);
  const closures = await repo.listClosures(db, actor.businessId, placeId, todayIn(context.timeZone));
  const affected = closures.length > 0 ? await bookingsOnClosedDays(db, actor.businessId, context, { from: new Date() }) : [];
  return {
    items: closures.map((c) => presentClosure({ id: c.id, from: c.starts_on, to: c.ends_on, reason: c.reason, createdAt: c.created_at }, affected)),
  };
}
