import { AppError } from '../../../platform/errors/registry.ts';
import type { Actor } from '../../auth/index.ts';
import { bookingSchedulesOf, requireScheduled } from '../domain/edit-rules.ts';
import * as repo from '../repository/products.ts';
import { assertNotBooked, editProduct, type Db } from './edit.ts';

/** BOOK-4: a 가격 and its booking schedules, unless one of them is booked. */
export async function deletePrice(db: Db, actor: Actor, productId: string, priceId: string): Promise<void> {
  await editProduct(db, actor, productId, async ({ trx, loaded }) => {
    const product = requireScheduled(loaded.product);
    if (!product.prices.some((p) => p.id === priceId)) throw new AppError('PRODUCT_PRICE_NOT_FOUND');
    await assertNotBooked(trx, actor.businessId, bookingSchedulesOf(product, { priceId }).map((b) => b.id));
    await repo.deletePrice(trx, actor.businessId, productId, priceId);
  });
}
