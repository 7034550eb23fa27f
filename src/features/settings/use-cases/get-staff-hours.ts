import type { Kysely } from 'kysely';
import type { DB } from '../../../platform/db/types.ts';
import { notFound } from '../../../platform/errors/registry.ts';
import { dateKeyOf } from '../../../shared/time.ts';
import { weeklyHoursOf } from '../../places/index.ts';
import type { Actor } from '../../auth/index.ts';
import * as repo from '../repository/staff-hours.ts';
import { presentStaffHours } from './present.ts';

/** OPS-2: a staff member's weekly hours (null = always available) and the absences not over yet. */
export async function getStaffHours(db: Kysely<DB>, actor: Actor, staffId: string, now: Date = new Date()) {
  const [staff, absences] = await Promise.all([repo.findStaffHours(db, actor.businessId, staffId), repo.listStaffAbsences(db, actor.businessId, staffId, now)]);
  if (!staff) notFound('STAFF_NOT_FOUND');
  const today = dateKeyOf(now, actor.timeZone);
  const current = absences.filter((a) => (a.ends_at ? a.ends_at > now : a.ends_on! >= today));
  return presentStaffHours(staff.id, weeklyHoursOf(staff.weekly_hours), current, actor.timeZone);
}
