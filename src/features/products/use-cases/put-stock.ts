import { AppError } from '../../../platform/errors/registry.ts';
import type { Actor } from '../../auth/index.ts';
import { assertNotBelowTaken, isStockKey, requireScheduled, stockPool } from '../domain/edit-rules.ts';
import * as repo from '../repository/products.ts';
import { editProduct, productDetail, type Db } from './edit.ts';

/** BOOK-5: 날짜/시간별 and 날짜별 quantities in bulk; never under what is booked. */
export async function putStock(db: Db, actor: Actor, productId: string, input: { entries: { key: string; quantity: number }[] }) {
  await editProduct(db, actor, productId, async ({ trx, loaded, taken }) => {
    const product = requireScheduled(loaded.product);
    const mode = product.inventory.mode;
    if (mode !== 'per_date_time' && mode !== 'per_date') throw new AppError('PRODUCT_STOCK_NOT_IN_MODE', { details: { mode } });
    for (const entry of input.entries) {
      if (!isStockKey(entry.key, mode)) throw new AppError('PRODUCT_STOCK_KEY_INVALID', { details: { key: entry.key, mode } });
      assertNotBelowTaken(stockPool(productId, mode, entry.key), entry.quantity, taken);
    }
    const last = new Map(input.entries.map((e) => [e.key, e.quantity]));
    await repo.upsertStock(trx, actor.businessId, productId, [...last].map(([key, quantity]) => ({ key, quantity })));
  });
  return { entries: (await productDetail(db, actor.businessId, productId)).stock };
}
