import type { Kysely } from 'kysely';
import type { DB } from '../../../platform/db/types.ts';
import type { Actor } from '../../auth/index.ts';
import type { Changes } from '../domain/history.ts';
import * as repo from '../repository.ts';
import { requireSchedule } from './lookups.ts';

/** A schedule's history, oldest first, each row with who made it (a user, or a channel's label). */
export async function listScheduleHistory(db: Kysely<DB>, actor: Actor, scheduleId: string) {
  await requireSchedule(db, actor, scheduleId);
  const rows = await repo.listHistory(db, actor.businessId, scheduleId);
  return {
    items: rows.map((r) => ({
      id: String(r.id),
      at: r.at.toISOString(),
      actorName: r.user_name ?? r.actor_label ?? null,
      action: r.action,
      changes: (r.changes ?? {}) as Changes,
    })),
  };
}
