import type { Actor } from '../../auth/index.ts';
import { productDetail, type Db } from './edit.ts';

/** One product with everything it sells and what each quantity has given out. */
export async function getProduct(db: Db, actor: Actor, productId: string) {
  return productDetail(db, actor.businessId, productId);
}
