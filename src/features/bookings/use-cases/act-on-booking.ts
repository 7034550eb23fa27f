import type { Jobs } from '../../../platform/jobs/jobs.ts';
import type { Actor } from '../../auth/index.ts';
import type { BookingAction } from '../domain/status.ts';
import { applyBookingAction } from './apply-action.ts';
import { getBooking } from './get-booking.ts';
import type { Db } from './prepare.ts';

/** BOOK-10: confirm, reject, cancel or complete a whole booking number from the partner center. */
export async function actOnBooking(db: Db, actor: Actor, bookingId: string, action: BookingAction, reason: string | null = null, now = new Date(), jobs: Jobs | null = null) {
  await db.transaction().execute((trx) => applyBookingAction(trx, actor.businessId, bookingId, action, { userId: actor.userId, label: null, side: 'business', reason, now, jobs }));
  return getBooking(db, actor, bookingId, now);
}
