import type { BookingHooks } from '../bookings/index.ts';
import type { ScheduleHooks } from '../schedules/index.ts';
import { recordScheduleVisit } from './use-cases/record-schedule-visit.ts';
import { reverseScheduleVisit } from './use-cases/reverse-schedule-visit.ts';

/** MSG-1: a completed schedule is one visit of its customer, at its start (never later than now); OPS-4: a 완료 taken back is not. */
export const loyaltyScheduleHooks: ScheduleHooks = {
  async afterStatusChange({ trx, schedule }, change) {
    if (change.to !== 'completed') return;
    await recordScheduleVisit(trx, schedule.businessId, { id: schedule.id, customerId: schedule.customerId, startsAt: schedule.startsAt }, new Date());
  },
  async afterStatusUndo({ trx, schedule }, undone) {
    if (undone.to !== 'completed') return;
    await reverseScheduleVisit(trx, schedule.businessId, schedule.id);
  },
};

/** MSG-1: a booking used (이용완료) in the partner center is a visit of its customer, as a completed schedule is. */
export const loyaltyBookingHooks: BookingHooks = {
  async afterStatusChange(trx, change) {
    if (change.to !== 'completed' || !change.schedule) return;
    await recordScheduleVisit(trx, change.businessId, { id: change.schedule.id, customerId: change.customerId, startsAt: change.schedule.startsAt }, change.now);
  },
};
