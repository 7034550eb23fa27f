import type { Kysely } from 'kysely';
import type { DB } from '../../../platform/db/types.ts';
import { AppError } from '../../../platform/errors/registry.ts';
import type { Actor } from '../../auth/index.ts';
import { memoLabel, type Changes } from '../domain/history.ts';
import * as repo from '../repository.ts';
import { requireSchedule } from './lookups.ts';

/** Deletes a memo of the schedule and records what it said in the history. */
export async function deleteScheduleMemo(db: Kysely<DB>, actor: Actor, scheduleId: string, memoId: string): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await requireSchedule(trx, actor, scheduleId);
    const memo = await repo.deleteMemo(trx, actor.businessId, scheduleId, memoId);
    if (!memo) throw new AppError('MEMO_NOT_FOUND');
    await repo.insertHistory(trx, {
      businessId: actor.businessId,
      scheduleId,
      userId: actor.userId,
      actorLabel: null,
      action: 'memo_deleted',
      changes: { memo: { from: memoLabel(memo.memo_type_name, memo.body), to: null, fromId: memo.id } } satisfies Changes,
    });
  });
}
