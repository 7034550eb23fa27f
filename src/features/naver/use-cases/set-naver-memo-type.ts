import type { Kysely } from 'kysely';
import type { DB } from '../../../platform/db/types.ts';
import { AppError } from '../../../platform/errors/registry.ts';
import type { Actor } from '../../auth/index.ts';
import { schedulesRepository as schedulesRepo } from '../../schedules/index.ts';
import * as connections from '../repository/connections.ts';
import { loadConnectionView } from './present.ts';

/** NAVER-3: the memo type that receives options and requests; only visible types, and only once a product is linked. */
export async function setNaverMemoType(db: Kysely<DB>, actor: Actor, memoTypeId: string) {
  await db.transaction().execute(async (trx) => {
    const connection = await connections.findConnection(trx, actor.businessId);
    if (!connection) throw new AppError('NAVER_NOT_CONNECTED');
    if ((await connections.listLinkedProducts(trx, actor.businessId)).length === 0) throw new AppError('NAVER_NO_PRODUCT_LINKED');
    const memoType = await schedulesRepo.findMemoType(trx, actor.businessId, memoTypeId);
    if (!memoType) throw new AppError('MEMO_TYPE_NOT_FOUND');
    if (!memoType.visible) throw new AppError('MEMO_TYPE_HIDDEN');
    await connections.setConnectionMemoType(trx, actor.businessId, memoTypeId);
  });
  return loadConnectionView(db, actor.businessId);
}
