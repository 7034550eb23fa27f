import type { Kysely } from 'kysely';
import type { DB } from '../../../platform/db/types.ts';
import { AppError } from '../../../platform/errors/registry.ts';
import type { Actor } from '../../auth/index.ts';
import * as connections from '../repository/connections.ts';
import { loadConnectionView } from './present.ts';

/** NAVER-2: the department stays; it no longer stands for the Naver product. */
export async function unlinkNaverProduct(db: Kysely<DB>, actor: Actor, productId: string) {
  const unlinked = await connections.clearProductLink(db, actor.businessId, productId);
  if (!unlinked) throw new AppError('NAVER_PRODUCT_NOT_FOUND');
  return loadConnectionView(db, actor.businessId);
}
