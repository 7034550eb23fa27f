import type { Actor } from '../../auth/index.ts';
import { bookingsOnClosedDays, openingContext } from './opening-support.ts';
import type { Db } from './present.ts';

/**
 * OPS-1: the live bookings of the place, from now on, at a time the place
 * is now closed (a 임시휴무, a closed holiday, outside its hours), in time
 * order with why: the shop's list to call or cancel, as long as any remain.
 */
export async function listClosedDayBookings(db: Db, actor: Actor, placeId: string) {
  const context = await openingContext(db, actor.businessId, placeId);
  return { items: await bookingsOnClosedDays(db, actor.businessId, context, { from: new Date() }) };
}
