import type { Kysely } from 'kysely';
import type { DB } from '../../../platform/db/types.ts';
import { AppError } from '../../../platform/errors/registry.ts';
import type { Actor } from '../../auth/index.ts';
import { schedulesRepository as schedulesRepo } from '../../schedules/index.ts';
import * as bookings from '../repository/bookings.ts';
import { loadScheduleCommands } from './present.ts';

/** The Naver block of a schedule's panel: its Naver booking (none for other schedules) and the commands sent for it. */
export async function getScheduleNaverSync(db: Kysely<DB>, actor: Actor, scheduleId: string) {
  if (!(await schedulesRepo.scheduleExists(db, actor.businessId, scheduleId))) throw new AppError('SCHEDULE_NOT_FOUND');
  const booking = await bookings.findBookingBySchedule(db, actor.businessId, scheduleId);
  return {
    bookingId: booking?.booking_id ?? null,
    productId: booking?.product_id ?? null,
    commands: booking ? await loadScheduleCommands(db, actor.businessId, scheduleId) : [],
  };
}
