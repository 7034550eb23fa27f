import type { Actor } from '../../auth/index.ts';
import { requireScheduled } from '../domain/edit-rules.ts';
import * as repo from '../repository/products.ts';
import { editProduct, itemOf, productDetail, type Db } from './edit.ts';

export interface PriceInput {
  name: string;
  amount: number;
  bookableFrom: string;
  bookableTo: string;
  maxQuantity?: number | null | undefined;
}

/** BOOK-4: a 가격 with its 예약가능 기간; BOOK-5: its 최대 예약 수량 where the mode has one. */
export async function addPrice(db: Db, actor: Actor, productId: string, input: PriceInput) {
  const id = await editProduct(db, actor, productId, async ({ trx, loaded }) => {
    requireScheduled(loaded.product);
    const row = await repo.insertPrice(trx, actor.businessId, productId, {
      name: input.name,
      amount: input.amount,
      bookable_from: input.bookableFrom,
      bookable_to: input.bookableTo,
      max_quantity: input.maxQuantity ?? null,
      sort_order: await repo.nextPriceSortOrder(trx, actor.businessId, productId),
    });
    return row.id;
  });
  return itemOf(await productDetail(db, actor.businessId, productId), 'prices', id);
}
