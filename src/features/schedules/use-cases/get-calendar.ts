import type { Kysely } from 'kysely';
import type { DB } from '../../../platform/db/types.ts';
import { AppError } from '../../../platform/errors/registry.ts';
import { dayRange } from '../../../platform/time.ts';
import type { Actor } from '../../auth/index.ts';
import { loadStaffOffIntervals } from '../../settings/index.ts';
import * as repo from '../repository.ts';
import { presentSchedule } from './present.ts';

const INVALID_DATE = '날짜는 YYYY-MM-DD 형식의 실제 날짜여야 합니다.';

/**
 * CORE-9: everything the calendar draws for a range of the business's days,
 * in queries run together; OPS-2's bands (absences and time outside the
 * weekly hours) for all shown staff in two more.
 */
export async function getCalendar(db: Kysely<DB>, actor: Actor, date: string, days: number) {
  let range: { from: Date; to: Date };
  try {
    range = dayRange(date, days, actor.timeZone);
  } catch {
    throw new AppError('VALIDATION_FAILED', { message: INVALID_DATE, details: { fields: [{ path: 'date', message: INVALID_DATE }] } });
  }
  const [staff, departments, schedules] = await Promise.all([
    repo.listActiveStaff(db, actor.businessId),
    repo.listDepartments(db, actor.businessId),
    repo.listCalendarSchedules(db, actor.businessId, range.from, range.to),
  ]);
  const people = staff.filter((s) => s.kind === 'user' || s.kind === 'resource').map((s) => s.id);
  const off = await loadStaffOffIntervals(db, actor.businessId, people, range.from, range.to, actor.timeZone);
  return {
    from: range.from.toISOString(),
    to: range.to.toISOString(),
    timeZone: actor.timeZone,
    staff: staff.map((s) => ({
      id: s.id,
      name: s.name,
      kind: s.kind,
      userId: s.user_id,
      departmentId: s.department_id,
      color: s.color,
      sortOrder: s.sort_order,
      active: s.active,
    })),
    departments: departments.map((d) => ({ id: d.id, name: d.name, color: d.color, sortOrder: d.sort_order })),
    schedules: schedules.map((row) => ({ ...presentSchedule(actor, row), memoCount: row.memo_count })),
    staffOff: people.flatMap((staffId) =>
      (off.get(staffId) ?? []).map((o) => ({ staffId, startsAt: new Date(o.startsAt).toISOString(), endsAt: new Date(o.endsAt).toISOString(), kind: o.kind, label: o.label })),
    ),
  };
}
