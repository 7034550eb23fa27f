import type { BookingStatus } from '../../../platform/db/types.ts';
import * as repo from '../repository.ts';
import type { Db } from './prepare.ts';

/** A booking's status (PAY-2: 결제만 취소 needs a completed booking), null when the business has no such booking. */
export async function bookingStatusOf(db: Db, businessId: string, bookingId: string): Promise<BookingStatus | null> {
  return repo.findBookingStatus(db, businessId, bookingId);
}
