import type { Kysely } from 'kysely';
import type { DB } from '../../../platform/db/types.ts';
import type { Actor } from '../../auth/index.ts';
import { memoLabel, type Changes } from '../domain/history.ts';
import * as repo from '../repository.ts';
import { requireSchedule, requireVisibleMemoType } from './lookups.ts';

/**
 * Memos stay writable on cancelled and completed schedules: notes after a
 * visit ("시술 후 붉은기") are the common case, and a memo is no change to the
 * appointment itself.
 */
export async function addScheduleMemo(db: Kysely<DB>, actor: Actor, scheduleId: string, input: { memoTypeId: string; body: string }) {
  return db.transaction().execute(async (trx) => {
    await requireSchedule(trx, actor, scheduleId);
    const memoType = await requireVisibleMemoType(trx, actor.businessId, input.memoTypeId);
    const memo = await repo.insertMemo(trx, {
      businessId: actor.businessId,
      scheduleId,
      memoTypeId: memoType.id,
      body: input.body,
      createdBy: actor.userId,
    });
    await repo.insertHistory(trx, {
      businessId: actor.businessId,
      scheduleId,
      userId: actor.userId,
      actorLabel: null,
      action: 'memo_added',
      changes: { memo: { from: null, to: memoLabel(memoType.name, memo.body), toId: memo.id } } satisfies Changes,
    });
    return {
      id: memo.id,
      memoTypeId: memo.memo_type_id,
      memoTypeName: memoType.name,
      body: memo.body,
      createdAt: memo.created_at.toISOString(),
      createdByName: actor.userName,
    };
  });
}
