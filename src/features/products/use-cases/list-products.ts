import type { Actor } from '../../auth/index.ts';
import * as repo from '../repository/products.ts';
import type { Db } from './edit.ts';
import { presentProductRow } from './present.ts';

/** The business's products, of one place or all, in the places' and then the products' order. */
export async function listProducts(db: Db, actor: Actor, placeId: string | undefined) {
  const rows = await repo.listProducts(db, actor.businessId, placeId);
  return { items: rows.map(({ place_name, ...row }) => presentProductRow(row, place_name)) };
}
