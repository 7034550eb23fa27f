import type { Kysely } from 'kysely';
import type { DB } from '../../../platform/db/types.ts';
import { formatFriendlyDateTime } from '../../../shared/format.ts';
import { SCHEDULE_ASSIGNED_TITLE } from '../../../shared/labels/schedules.ts';
import type { Actor } from '../../auth/index.ts';
import { notifyUsers } from '../../notifications/index.ts';

/** Tells a staff member's login about a schedule given to them ("3월 5일 (목) 14:00 홍길동 고객"), unless they gave it to themselves. */
export async function notifyAssignee(
  trx: Kysely<DB>,
  actor: Actor,
  staff: { user_id: string | null },
  schedule: { id: string; startsAt: Date; customerName: string },
): Promise<void> {
  if (!staff.user_id || staff.user_id === actor.userId) return;
  await notifyUsers(trx, actor.businessId, [staff.user_id], {
    kind: 'schedule_assigned',
    title: SCHEDULE_ASSIGNED_TITLE,
    body: `${formatFriendlyDateTime(schedule.startsAt.toISOString(), actor.timeZone)} ${schedule.customerName} 고객`,
    scheduleId: schedule.id,
  });
}
