import { AppError } from '../../../platform/errors/registry.ts';
import type { Actor } from '../../auth/index.ts';
import { poolKeys } from '../../inventory/index.ts';
import { assertNotBelowTaken, requireScheduled } from '../domain/edit-rules.ts';
import * as repo from '../repository/products.ts';
import type { PriceInput } from './add-price.ts';
import { editProduct, itemOf, nothingAsked, productDetail, type Db } from './edit.ts';

/** BOOK-4, BOOK-5: a 가격's name, amount, period or maximum; the maximum never under what it has sold. */
export async function updatePrice(db: Db, actor: Actor, productId: string, priceId: string, input: Partial<PriceInput>) {
  if (nothingAsked(input)) return itemOf(await productDetail(db, actor.businessId, productId), 'prices', priceId);
  await editProduct(db, actor, productId, async ({ trx, loaded, taken }) => {
    const product = requireScheduled(loaded.product);
    if (!product.prices.some((p) => p.id === priceId)) throw new AppError('PRODUCT_PRICE_NOT_FOUND');
    if (input.maxQuantity != null) assertNotBelowTaken(poolKeys.priceMax(productId, priceId), input.maxQuantity, taken);
    await repo.updatePrice(trx, actor.businessId, productId, priceId, {
      name: input.name,
      amount: input.amount,
      bookable_from: input.bookableFrom,
      bookable_to: input.bookableTo,
      max_quantity: input.maxQuantity,
    });
  });
  return itemOf(await productDetail(db, actor.businessId, productId), 'prices', priceId);
}
