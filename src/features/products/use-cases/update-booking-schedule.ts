import { AppError } from '../../../platform/errors/registry.ts';
import type { Actor } from '../../auth/index.ts';
import { poolKeys } from '../../inventory/index.ts';
import { assertNotBelowTaken, requireScheduled } from '../domain/edit-rules.ts';
import { quantityOnBookingSchedule } from '../domain/model.ts';
import * as repo from '../repository/products.ts';
import { editProduct, itemOf, productDetail, type Db } from './edit.ts';

/** BOOK-5: one booking schedule's own quantity (예약 스케줄별 / 가격별), never under what it has sold. */
export async function updateBookingSchedule(db: Db, actor: Actor, productId: string, bookingScheduleId: string, input: { quantity?: number | undefined }) {
  const quantity = input.quantity;
  if (quantity === undefined) return itemOf(await productDetail(db, actor.businessId, productId), 'bookingSchedules', bookingScheduleId);
  await editProduct(db, actor, productId, async ({ trx, loaded, taken }) => {
    const product = requireScheduled(loaded.product);
    if (!product.bookingSchedules.some((b) => b.id === bookingScheduleId)) throw new AppError('BOOKING_SCHEDULE_NOT_FOUND');
    if (!quantityOnBookingSchedule(product.inventory.mode)) {
      throw new AppError('INVENTORY_QUANTITY_NOT_IN_MODE', { details: { mode: product.inventory.mode } });
    }
    assertNotBelowTaken(poolKeys.bookingSchedule(productId, bookingScheduleId), quantity, taken);
    await repo.updateBookingScheduleQuantity(trx, actor.businessId, productId, bookingScheduleId, quantity);
  });
  return itemOf(await productDetail(db, actor.businessId, productId), 'bookingSchedules', bookingScheduleId);
}
