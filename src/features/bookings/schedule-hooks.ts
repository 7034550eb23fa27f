import { AppError } from '../../platform/errors/registry.ts';
import type { ScheduleHooks } from '../schedules/index.ts';
import { applyScheduleStatusToBooking } from './use-cases/apply-schedule-status-to-booking.ts';
import { bookingNumberOfSchedule } from './use-cases/booking-number-of-schedule.ts';

/** BOOK-9: a booking-page schedule is its booking's calendar entry; the two change together. */
export const bookingScheduleHooks: ScheduleHooks = {
  beforeUpdate({ schedule }, change) {
    // The time is the slot the customer booked and holds its capacity: moving only the calendar
    // entry would leave the customer's booking and the slot's count behind.
    if (schedule.source !== 'booking_page') return;
    if (change.startsAt.getTime() !== schedule.startsAt.getTime() || change.endsAt.getTime() !== schedule.endsAt.getTime()) throw new AppError('BOOKING_PAGE_TIME_FIXED');
  },
  async afterStatusChange({ trx, jobs, actor, schedule }, change) {
    if (schedule.source === 'booking_page') await applyScheduleStatusToBooking(trx, actor, schedule.id, change.to, new Date(), jobs);
  },
  async describe(db, schedule) {
    return schedule.source === 'booking_page' ? { bookingNumber: await bookingNumberOfSchedule(db, schedule.businessId, schedule.id) } : {};
  },
};
