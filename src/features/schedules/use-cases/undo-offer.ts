import type { Kysely } from 'kysely';
import type { DB, ScheduleStatus } from '../../../platform/db/types.ts';
import type { Actor } from '../../auth/index.ts';
import type { Changes } from '../domain/history.ts';
import { decideStatusUndo, type LastStatusChange, type UndoDecision } from '../domain/undo.ts';
import { scheduleHooks, type ScheduleRef } from '../hooks.ts';
import * as repo from '../repository.ts';

/** The schedule's last status change as the undo rule reads it, from its history. */
async function lastStatusChange(db: Kysely<DB>, businessId: string, scheduleId: string): Promise<LastStatusChange | null> {
  const row = await repo.findLastStatusChange(db, businessId, scheduleId);
  const status = (row?.changes as Changes | undefined)?.status;
  if (!row || !status?.from || !status.to) return null;
  return { action: row.action, from: status.from as ScheduleStatus, to: status.to as ScheduleStatus, at: row.at, userId: row.user_id };
}

/**
 * OPS-4: whether this actor can take back the schedule's last status change
 * now: the pure rule (domain/undo.ts), then every feature that reacted to the
 * change, which may know it can no longer be taken back (a notice sent).
 */
export async function decideUndo(db: Kysely<DB>, actor: Actor, schedule: ScheduleRef, now: Date): Promise<UndoDecision> {
  const decision = decideStatusUndo({
    source: schedule.source,
    status: schedule.status,
    last: await lastStatusChange(db, actor.businessId, schedule.id),
    actor: { userId: actor.userId, isAdmin: actor.role === 'admin', mayChangeStatus: actor.permissions.has('schedules.edit') },
    now,
  });
  if (!decision.ok) return decision;
  for (const hooks of scheduleHooks()) {
    const reason = await hooks.statusUndoBlocker?.(db, schedule, { from: decision.to, to: schedule.status });
    if (reason) return { ok: false, code: 'SCHEDULE_UNDO_NOT_ALLOWED', reason };
  }
  return decision;
}

/** What the detail view offers: 되돌리기 to `to` until `until`, or null. */
export async function undoOffer(db: Kysely<DB>, actor: Actor, schedule: ScheduleRef, now = new Date()): Promise<{ to: ScheduleStatus; until: string } | null> {
  const decision = await decideUndo(db, actor, schedule, now);
  return decision.ok ? { to: decision.to, until: decision.until.toISOString() } : null;
}
