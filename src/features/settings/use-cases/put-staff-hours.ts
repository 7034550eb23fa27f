import type { Kysely } from 'kysely';
import type { DB } from '../../../platform/db/types.ts';
import { AppError, catalogAppError, notFound } from '../../../platform/errors/registry.ts';
import type { Actor } from '../../auth/index.ts';
import { fullWeek, staffHoursProblem, type StaffWeeklyHours } from '../domain/staff-hours.ts';
import { isVirtualStaff } from '../domain/staff.ts';
import * as repo from '../repository/staff-hours.ts';
import { lockStaffTime } from './staff-time-rules.ts';
import { getStaffHours } from './get-staff-hours.ts';

export type WeeklyHoursInput = Partial<Record<string, { openMinute: number; closeMinute: number }[]>>;

/** OPS-2: sets (or, with null, clears: always available) a staff member's weekly hours. Channel columns have none. */
export async function putStaffHours(db: Kysely<DB>, actor: Actor, staffId: string, input: WeeklyHoursInput | null) {
  let hours: StaffWeeklyHours | null = null;
  if (input) {
    const unknownDay = Object.keys(input).find((key) => !/^[1-7]$/.test(key));
    if (unknownDay) throw new AppError('STAFF_HOURS_INVALID', { message: '요일은 1(월)부터 7(일)까지입니다.', details: { path: `weeklyHours.${unknownDay}` } });
    hours = fullWeek(input);
    const problem = staffHoursProblem(hours);
    if (problem) throw catalogAppError(problem);
  }
  await db.transaction().execute(async (trx) => {
    const staff = (await lockStaffTime(trx, actor.businessId, staffId)) ?? notFound('STAFF_NOT_FOUND');
    if (isVirtualStaff(staff.kind)) throw new AppError('STAFF_VIRTUAL_PROTECTED');
    await repo.setStaffWeeklyHours(trx, actor.businessId, staffId, hours ? JSON.stringify(hours) : null);
  });
  return getStaffHours(db, actor, staffId);
}
