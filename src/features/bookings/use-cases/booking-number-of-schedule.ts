import * as repo from '../repository.ts';
import type { Db } from './prepare.ts';

/** The 예약번호 a booking-page schedule shows in the calendar. */
export async function bookingNumberOfSchedule(db: Db, businessId: string, scheduleId: string): Promise<string | null> {
  return (await repo.findBookingIdBySchedule(db, businessId, scheduleId))?.booking_number ?? null;
}
