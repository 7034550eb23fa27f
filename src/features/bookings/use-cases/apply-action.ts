import { AppError } from '../../../platform/errors/registry.ts';
import type { Jobs } from '../../../platform/jobs/jobs.ts';
import { releaseBookingClaims } from '../../inventory/index.ts';
import { schedulesRepository as schedulesRepo } from '../../schedules/index.ts';
import { runBookingStatusHooks } from '../hooks.ts';
import { effectiveBookingAction, nextBookingStatus, releasesCapacity, scheduleStatusOf, type BookingAction } from '../domain/status.ts';
import * as repo from '../repository.ts';
import type { Db } from './prepare.ts';

/** Who changes a booking's status, as the calendar's history names them. */
export interface StatusChangeBy {
  userId: string | null;
  label: string | null;
  side: 'customer' | 'business';
  reason?: string | null;
  refundPercent?: number | null;
  now: Date;
  /** The calendar changed the schedule itself: the booking follows, the schedule is left as it is. */
  fromSchedule?: boolean;
  /** The process's jobs, for reactions that enqueue one (a refund); without them a sweep picks the work up. */
  jobs?: Jobs | null;
}

/**
 * BOOK-10: one status change of a whole booking number and its calendar
 * schedule, in the caller's transaction, under the booking's row lock (the
 * partner center, the calendar and the customer queue there). A booking
 * that gives its quantity back (cancelled, rejected) deletes its claims.
 */
export async function applyBookingAction(trx: Db, businessId: string, bookingId: string, action: BookingAction, by: StatusChangeBy) {
  const booking = await repo.lockBooking(trx, businessId, bookingId);
  if (!booking) throw new AppError('BOOKING_NOT_FOUND');
  const next = nextBookingStatus(booking.status, effectiveBookingAction(booking.status, action, by.side), booking.prepaid);
  const now = by.now;
  await repo.updateBooking(trx, businessId, bookingId, {
    status: next,
    ...(next === 'confirmed' ? { confirmed_at: now } : {}),
    ...(next === 'completed' ? { completed_at: now } : {}),
    ...(releasesCapacity(next)
      ? { cancelled_at: now, cancelled_by: by.side, cancel_reason: by.reason?.trim() || null, refund_percent: by.refundPercent ?? null }
      : {}),
  });
  if (releasesCapacity(next)) await releaseBookingClaims(trx, businessId, bookingId);
  const change = {
    businessId,
    bookingId,
    customerId: booking.customer_id,
    from: booking.status,
    to: next,
    now,
    side: by.side,
    userId: by.userId,
    refundPercent: by.side === 'customer' ? (by.refundPercent ?? null) : null,
    prepaid: booking.prepaid,
    jobs: by.jobs ?? null,
    booking: {
      number: booking.booking_number,
      customerName: booking.customer_name,
      customerPhone: booking.customer_phone,
      startsAt: booking.usage_starts_at,
      scheduleId: booking.schedule_id,
      reason: releasesCapacity(next) ? by.reason?.trim() || null : null,
    },
  };

  if (by.fromSchedule) {
    if (next === 'rejected' && booking.schedule_id) await schedulesRepo.markScheduleRejected(trx, businessId, booking.schedule_id);
    await runBookingStatusHooks(trx, { ...change, schedule: null, fromSchedule: true });
    return { before: booking, status: next };
  }

  const schedule = booking.schedule_id ? await schedulesRepo.lockSchedule(trx, businessId, booking.schedule_id) : undefined;
  const target = scheduleStatusOf(next);
  if (schedule && schedule.status !== target) {
    const updated = await schedulesRepo.updateScheduleAtVersion(trx, businessId, schedule.id, schedule.version, { status: target, rejected: next === 'rejected' });
    if (!updated) throw new AppError('SCHEDULE_VERSION_CONFLICT');
    await schedulesRepo.insertHistory(trx, {
      businessId,
      scheduleId: schedule.id,
      userId: by.userId,
      actorLabel: by.label,
      action: 'status',
      changes: { status: { from: schedule.status, to: target }, ...(next === 'rejected' ? { bookingStatus: { from: booking.status, to: next } } : {}) },
    });
  }
  await runBookingStatusHooks(trx, { ...change, schedule: schedule ? { id: schedule.id, startsAt: schedule.starts_at } : null, fromSchedule: false });
  return { before: booking, status: next };
}
