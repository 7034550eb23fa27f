import { AppError } from '../../../platform/errors/registry.ts';
import type { Actor } from '../../auth/index.ts';
import { requireScheduled } from '../domain/edit-rules.ts';
import * as repo from '../repository/products.ts';
import { assertNotBooked, editProduct, type Db } from './edit.ts';

/** BOOK-4: a booking schedule nobody has booked. */
export async function deleteBookingSchedule(db: Db, actor: Actor, productId: string, bookingScheduleId: string): Promise<void> {
  await editProduct(db, actor, productId, async ({ trx, loaded }) => {
    const product = requireScheduled(loaded.product);
    if (!product.bookingSchedules.some((b) => b.id === bookingScheduleId)) throw new AppError('BOOKING_SCHEDULE_NOT_FOUND');
    await assertNotBooked(trx, actor.businessId, [bookingScheduleId]);
    await repo.deleteBookingSchedule(trx, actor.businessId, productId, bookingScheduleId);
  });
}
