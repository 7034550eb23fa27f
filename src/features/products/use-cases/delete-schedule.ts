import { AppError } from '../../../platform/errors/registry.ts';
import type { Actor } from '../../auth/index.ts';
import { bookingSchedulesOf, requireScheduled } from '../domain/edit-rules.ts';
import * as repo from '../repository/products.ts';
import { assertNotBooked, editProduct, type Db } from './edit.ts';

/** BOOK-4: an 일정 and its booking schedules, unless one of them is booked. */
export async function deleteSchedule(db: Db, actor: Actor, productId: string, scheduleId: string): Promise<void> {
  await editProduct(db, actor, productId, async ({ trx, loaded }) => {
    const product = requireScheduled(loaded.product);
    if (!product.schedules.some((s) => s.id === scheduleId)) throw new AppError('PRODUCT_SCHEDULE_NOT_FOUND');
    await assertNotBooked(trx, actor.businessId, bookingSchedulesOf(product, { scheduleId }).map((b) => b.id));
    await repo.deleteSchedule(trx, actor.businessId, productId, scheduleId);
  });
}
