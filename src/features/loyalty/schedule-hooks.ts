import type { BookingHooks } from '../bookings/index.ts';
import type { ScheduleHooks } from '../schedules/index.ts';
import { recordScheduleVisit } from './use-cases/record-schedule-visit.ts';

/** MSG-1: a completed schedule is one visit of its customer, at its start (never later than now). */
export const loyaltyScheduleHooks: ScheduleHooks = {
  async afterStatusChange({ trx, schedule }, change) {
    if (change.to !== 'completed') return;
    const at = new Date(Math.min(schedule.startsAt.getTime(), Date.now()));
    await recordScheduleVisit(trx, schedule.businessId, schedule.id, schedule.customerId, at);
  },
};

/** MSG-1: a booking used (이용완료) is a visit of its customer, as a completed schedule is. */
export const loyaltyBookingHooks: BookingHooks = {
  async afterStatusChange(trx, change) {
    if (change.to !== 'completed' || !change.scheduleId) return;
    await recordScheduleVisit(trx, change.businessId, change.scheduleId, change.customerId, change.now);
  },
};
