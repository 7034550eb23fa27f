import { dayRange, todayIn } from '../../../platform/time.ts';
import type { Actor } from '../../auth/index.ts';
import * as repo from '../repository.ts';
import type { Db } from './prepare.ts';

/** BOOK-10, BOOK-11: the partner center's home: unanswered inquiries, bookings awaiting approval, today's bookings. */
export async function getPartnerSummary(db: Db, actor: Actor) {
  const today = dayRange(todayIn(actor.timeZone), 1, actor.timeZone);
  const [unanswered, counts] = await Promise.all([repo.countUnansweredInquiries(db, actor.businessId), repo.bookingCounts(db, actor.businessId, today.from, today.to)]);
  return { unansweredInquiries: unanswered, pendingBookings: counts.pending, todayBookings: counts.today };
}
