import type { Kysely } from 'kysely';
import type { DB } from '../../../platform/db/types.ts';
import { AppError, notFound } from '../../../platform/errors/registry.ts';
import type { Actor } from '../../auth/index.ts';
import { memoTypeDeletionBlocker } from '../domain/memo-types.ts';
import * as repo from '../repository.ts';

export async function deleteMemoType(db: Kysely<DB>, actor: Actor, id: string) {
  await db.transaction().execute(async (trx) => {
    (await repo.findMemoType(trx, actor.businessId, id, 'update')) ?? notFound('MEMO_TYPE_NOT_FOUND');
    const blocker = memoTypeDeletionBlocker(await repo.memoTypeUsage(trx, actor.businessId, id));
    if (blocker) throw new AppError(blocker);
    await repo.deleteMemoType(trx, actor.businessId, id);
  });
}
