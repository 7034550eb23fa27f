import type { Kysely } from 'kysely';
import type { DB } from '../../../platform/db/types.ts';
import { lockProductForEdit } from '../../inventory/index.ts';
import { weeklyHoursOf } from '../../places/index.ts';
import { offIntervals, type OffInterval, type StaffAbsence, type StaffTimeRules } from '../domain/staff-hours.ts';
import * as repo from '../repository/staff-hours.ts';

/** OPS-2: the rows of staff_absences and staff.weekly_hours as the pure rules read them. */

/**
 * Inside a change of a staff's hours or absences: the edit lock of each
 * product assigned to the staff (in id order), then the staff's row. A
 * booking holds its product's lock (shared) while it reads the staff's rules
 * and commits, so once these are held no booking of the staff is half-way,
 * and every later booking sees the change (as lockPlaceOpening does for a
 * place's hours). Products first, as everywhere else.
 */
export async function lockStaffTime(db: Kysely<DB>, businessId: string, staffId: string) {
  for (const productId of await repo.listProductIdsOfStaff(db, businessId, staffId)) await lockProductForEdit(db, businessId, productId);
  return repo.findStaffHours(db, businessId, staffId, 'update');
}

type AbsenceRow = Awaited<ReturnType<typeof repo.listStaffAbsences>>[number];

export function absenceOf(row: AbsenceRow): StaffAbsence {
  return {
    id: row.id,
    kind: row.kind,
    memo: row.memo,
    span: row.starts_on !== null && row.ends_on !== null ? { kind: 'days', from: row.starts_on, to: row.ends_on } : { kind: 'time', startsAt: row.starts_at!.getTime(), endsAt: row.ends_at!.getTime() },
  };
}

/**
 * One staff member's rules (weekly hours and the absences not yet over at
 * `now`), or null when the staff does not exist. The schedule checks and a
 * product assigned to the staff (loadProduct) read them.
 */
export async function loadStaffTimeRules(db: Kysely<DB>, businessId: string, staffId: string, now: Date = new Date()): Promise<StaffTimeRules | null> {
  const [staff, absences] = await Promise.all([repo.findStaffHours(db, businessId, staffId), repo.listStaffAbsences(db, businessId, staffId, now)]);
  if (!staff) return null;
  return { weeklyHours: weeklyHoursOf(staff.weekly_hours), absences: absences.map(absenceOf) };
}

/**
 * The off intervals (absences and time outside the weekly hours) of the
 * given staff over [from, to), by staff id: two reads for all of them (the
 * calendar's bands). Staff without hours or absences get none.
 */
export async function loadStaffOffIntervals(db: Kysely<DB>, businessId: string, staffIds: readonly string[], from: Date, to: Date, zone: string): Promise<Map<string, OffInterval[]>> {
  const [hours, absences] = await Promise.all([repo.listStaffWeeklyHours(db, businessId, staffIds), repo.listAbsencesMeeting(db, businessId, staffIds, from, to)]);
  const byStaff = new Map<string, StaffAbsence[]>();
  for (const row of absences) {
    const list = byStaff.get(row.staff_id) ?? [];
    list.push(absenceOf(row));
    byStaff.set(row.staff_id, list);
  }
  const result = new Map<string, OffInterval[]>();
  for (const staff of hours) {
    const rules: StaffTimeRules = { weeklyHours: weeklyHoursOf(staff.weekly_hours), absences: byStaff.get(staff.id) ?? [] };
    result.set(staff.id, offIntervals(rules, from.getTime(), to.getTime(), zone));
  }
  return result;
}
