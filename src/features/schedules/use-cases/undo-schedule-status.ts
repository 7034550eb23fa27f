import type { Kysely } from 'kysely';
import type { DB } from '../../../platform/db/types.ts';
import { AppError } from '../../../platform/errors/registry.ts';
import type { Jobs } from '../../../platform/jobs/jobs.ts';
import type { Actor } from '../../auth/index.ts';
import { STATUS_UNDO_ACTION } from '../domain/undo.ts';
import { scheduleHooks, type ScheduleHookContext } from '../hooks.ts';
import * as repo from '../repository.ts';
import { lockForChange } from './lookups.ts';
import { loadScheduleView, refOf, type ScheduleView } from './present.ts';
import { decideUndo } from './undo-offer.ts';
import { writeStatus } from './change-schedule-status.ts';

/**
 * OPS-4: takes back the schedule's last status change (domain/undo.ts says
 * which), under the schedule's row lock, so of two undos one wins and the
 * other finds the undo already done. What the change did elsewhere is
 * reversed in the same transaction: the 노쇼 count here, the visit, the
 * customer's notices and reminders by the features that made them
 * (`afterStatusUndo`). The history says "상태 되돌림" with who did it.
 */
export async function undoScheduleStatus(
  db: Kysely<DB>,
  jobs: Jobs,
  actor: Actor,
  scheduleId: string,
  input: { version?: number },
  now = new Date(),
): Promise<ScheduleView> {
  await db.transaction().execute(async (trx) => {
    const row = await lockForChange(trx, actor, scheduleId, input.version);
    const schedule = refOf(actor.businessId, row);
    const decision = await decideUndo(trx, actor, schedule, now);
    if (!decision.ok) throw new AppError(decision.code, { message: decision.reason, details: { reason: decision.reason } });
    const undone = { from: decision.to, to: row.status };
    await writeStatus(trx, actor, row, decision.to, STATUS_UNDO_ACTION);
    if (undone.to === 'no_show') await repo.removeCustomerNoShow(trx, actor.businessId, row.customer_id);
    const ctx: ScheduleHookContext = { trx, jobs, actor, schedule };
    for (const hooks of scheduleHooks()) await hooks.afterStatusUndo?.(ctx, undone);
  });
  return loadScheduleView(db, actor, scheduleId);
}
