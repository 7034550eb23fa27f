import { AppError } from '../../../platform/errors/registry.ts';
import type { Actor } from '../../auth/index.ts';
import * as repo from '../repository.ts';
import type { Db } from './prepare.ts';

/** BOOK-10: a cancelled (or rejected) booking is never restored; the answer says why. */
export async function restoreBooking(db: Db, actor: Actor, bookingId: string): Promise<never> {
  const row = await repo.findBookingView(db, actor.businessId, bookingId);
  if (!row) throw new AppError('BOOKING_NOT_FOUND');
  if (row.status === 'cancelled' || row.status === 'rejected') throw new AppError('BOOKING_CANCELLED_FINAL');
  throw new AppError('BOOKING_STATUS_NOT_ALLOWED', { message: '취소된 예약만 복원을 요청할 수 있고, 취소된 예약은 되돌릴 수 없습니다.' });
}
