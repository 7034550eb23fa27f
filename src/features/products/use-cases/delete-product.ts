import { AppError, notFound } from '../../../platform/errors/registry.ts';
import type { Actor } from '../../auth/index.ts';
import { lockProductForEdit } from '../../inventory/index.ts';
import * as repo from '../repository/products.ts';
import { loadProduct } from '../repository/product-store.ts';
import type { Db } from './edit.ts';

/** A product that was ever booked stays (PRODUCT_HAS_BOOKINGS): its bookings point at it. */
export async function deleteProduct(db: Db, actor: Actor, productId: string): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await lockProductForEdit(trx, actor.businessId, productId);
    (await loadProduct(trx, actor.businessId, productId)) ?? notFound('PRODUCT_NOT_FOUND');
    if (await repo.productHasBookings(trx, actor.businessId, productId)) throw new AppError('PRODUCT_HAS_BOOKINGS');
    await repo.deleteProduct(trx, actor.businessId, productId);
  });
}
