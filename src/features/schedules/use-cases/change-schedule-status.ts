import type { Kysely } from 'kysely';
import type { DB, ScheduleStatus } from '../../../platform/db/types.ts';
import { AppError } from '../../../platform/errors/registry.ts';
import type { Jobs } from '../../../platform/jobs/jobs.ts';
import type { Actor } from '../../auth/index.ts';
import type { Changes } from '../domain/history.ts';
import { assertTransition } from '../domain/status.ts';
import { scheduleHooks, type ScheduleHookContext } from '../hooks.ts';
import * as repo from '../repository.ts';
import { lockForChange } from './lookups.ts';
import { loadScheduleView, refOf, type ScheduleView } from './present.ts';

/**
 * The one way a schedule's status changes (CORE-7): the transition table of
 * domain/status.ts decides by current status and source. Channel commands
 * (NAVER-7, NAVER-8) hook in here, inside the same transaction. OPS-4: the
 * last change may be taken back for a while (undo-schedule-status.ts).
 */
export async function changeScheduleStatus(
  db: Kysely<DB>,
  jobs: Jobs,
  actor: Actor,
  scheduleId: string,
  input: { status: ScheduleStatus; version?: number; confirmEarly?: boolean },
  now = new Date(),
): Promise<ScheduleView> {
  await db.transaction().execute(async (trx) => {
    const row = await lockForChange(trx, actor, scheduleId, input.version);
    assertTransition(row.status, input.status, row.source);
    // OPS-4: a no-show is known only once the time has come.
    if (input.status === 'no_show' && row.starts_at.getTime() > now.getTime()) throw new AppError('SCHEDULE_NO_SHOW_BEFORE_START');
    // 완료 before the start records a visit now (loyalty's hook): only when the user confirmed that is meant.
    if (input.status === 'completed' && row.starts_at.getTime() > now.getTime() && input.confirmEarly !== true) throw new AppError('SCHEDULE_COMPLETE_EARLY');
    await writeStatus(trx, actor, row, input.status, 'status');
    if (input.status === 'no_show') await repo.addCustomerNoShow(trx, actor.businessId, row.customer_id);
    const ctx: ScheduleHookContext = { trx, jobs, actor, schedule: refOf(actor.businessId, row) };
    for (const hooks of scheduleHooks()) await hooks.afterStatusChange?.(ctx, { from: row.status, to: input.status });
  });
  return loadScheduleView(db, actor, scheduleId);
}

/**
 * The status write of a change or of its undo, at the version the caller
 * locked, with its history row (`action`: 'status', or the undo's).
 */
export async function writeStatus(
  trx: Kysely<DB>,
  actor: Actor,
  row: { id: string; status: ScheduleStatus; version: number },
  to: ScheduleStatus,
  action: string,
): Promise<void> {
  const updated = await repo.updateScheduleAtVersion(trx, actor.businessId, row.id, row.version, { status: to });
  if (!updated) throw new AppError('SCHEDULE_VERSION_CONFLICT');
  await repo.insertHistory(trx, {
    businessId: actor.businessId,
    scheduleId: row.id,
    userId: actor.userId,
    actorLabel: null,
    action,
    changes: { status: { from: row.status, to } } satisfies Changes,
  });
}
