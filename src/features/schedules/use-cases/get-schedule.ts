import type { Kysely } from 'kysely';
import type { DB } from '../../../platform/db/types.ts';
import type { Actor } from '../../auth/index.ts';
import { loadScheduleView, type ScheduleView } from './present.ts';

/** One schedule with its memos and what its channel adds (the booking number). */
export function getSchedule(db: Kysely<DB>, actor: Actor, scheduleId: string): Promise<ScheduleView> {
  return loadScheduleView(db, actor, scheduleId);
}
