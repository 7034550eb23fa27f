import type { Kysely } from 'kysely';
import type { DB } from '../../../platform/db/types.ts';
import type { Actor } from '../../auth/index.ts';
import * as repo from '../repository.ts';
import { presentMemoType } from './present.ts';

export async function createMemoType(db: Kysely<DB>, actor: Actor, input: { name: string; sortOrder?: number; visible?: boolean }) {
  const row = await db.transaction().execute(async (trx) => {
    const sortOrder = input.sortOrder ?? (await repo.nextSortOrder(trx, 'memo_types', actor.businessId));
    return repo.insertMemoType(trx, { businessId: actor.businessId, name: input.name, sortOrder, visible: input.visible });
  });
  return presentMemoType(row);
}
