import type { ScheduleStatus } from '../../../platform/db/types.ts';
import type { Jobs } from '../../../platform/jobs/jobs.ts';
import type { Actor } from '../../auth/index.ts';
import { actionForScheduleStatus } from '../domain/status.ts';
import * as repo from '../repository.ts';
import { applyBookingAction } from './apply-action.ts';
import type { Db } from './prepare.ts';

/**
 * The calendar changed the status of a booking-page schedule (CORE-7): the
 * booking follows in the same transaction, so the two never disagree.
 */
export async function applyScheduleStatusToBooking(trx: Db, actor: Actor, scheduleId: string, status: ScheduleStatus, now = new Date(), jobs: Jobs | null = null): Promise<void> {
  const booking = await repo.findBookingIdBySchedule(trx, actor.businessId, scheduleId);
  const action = actionForScheduleStatus(status);
  if (!booking || !action) return;
  await applyBookingAction(trx, actor.businessId, booking.id, action, { userId: actor.userId, label: null, side: 'business', now, fromSchedule: true, jobs });
}
