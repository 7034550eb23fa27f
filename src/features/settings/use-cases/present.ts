import type { Business, Department, MemoType, Staff } from '../../../platform/db/types.ts';
import { canonicalPermissions } from '../../auth/index.ts';
import { STAFF_ABSENCE_KIND_LABELS } from '../../../shared/labels/staff-hours.ts';
import { absenceWhen, type StaffWeeklyHours } from '../domain/staff-hours.ts';
import type * as repo from '../repository.ts';
import type * as staffHoursRepo from '../repository/staff-hours.ts';
import { absenceOf } from './staff-time-rules.ts';

/** The replies of the settings use cases: one shape per entity, the routes' reply schemas. */

export function presentBusiness(row: Business) {
  return {
    id: row.id,
    name: row.name,
    serviceType: row.service_type,
    timeZone: row.time_zone,
    phone: row.phone,
    departmentsEnabled: row.departments_enabled,
  };
}

export function presentDepartment(row: Department) {
  return { id: row.id, name: row.name, color: row.color, sortOrder: row.sort_order };
}

export function presentStaff(row: Staff) {
  return {
    id: row.id,
    name: row.name,
    kind: row.kind,
    userId: row.user_id,
    departmentId: row.department_id,
    color: row.color,
    sortOrder: row.sort_order,
    active: row.active,
  };
}

type UserRow = NonNullable<Awaited<ReturnType<typeof repo.findUser>>>;

export function presentUser(row: UserRow) {
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    role: row.role,
    permissionGroupId: row.permission_group_id,
    active: row.active,
    staffId: row.staff_id,
  };
}

type PermissionGroupRow = NonNullable<Awaited<ReturnType<typeof repo.findPermissionGroupWithCount>>>;

export function presentPermissionGroup(row: PermissionGroupRow) {
  return { id: row.id, name: row.name, permissions: canonicalPermissions(row.permissions), memberCount: Number(row.member_count ?? 0) };
}

export function presentMemoType(row: MemoType) {
  return { id: row.id, name: row.name, sortOrder: row.sort_order, visible: row.visible };
}

// OPS-2: a staff member's weekly hours and absences.

type AbsenceRow = Awaited<ReturnType<typeof staffHoursRepo.listStaffAbsences>>[number];

export function presentAbsence(row: AbsenceRow, timeZone: string) {
  const absence = absenceOf(row);
  return {
    id: row.id,
    staffId: row.staff_id,
    kind: row.kind,
    kindLabel: STAFF_ABSENCE_KIND_LABELS[row.kind],
    memo: row.memo,
    allDay: row.starts_on !== null,
    startsOn: row.starts_on,
    endsOn: row.ends_on,
    startsAt: row.starts_at?.toISOString() ?? null,
    endsAt: row.ends_at?.toISOString() ?? null,
    /** "12월 24일 (목) ~ 12월 26일 (토)", "12월 24일 (목) 14:00–16:00". */
    when: absenceWhen(absence, timeZone),
  };
}

export function presentStaffHours(staffId: string, weeklyHours: StaffWeeklyHours | null, absences: readonly AbsenceRow[], timeZone: string) {
  return {
    staffId,
    weeklyHours: weeklyHours
      ? { 1: [...weeklyHours[1]], 2: [...weeklyHours[2]], 3: [...weeklyHours[3]], 4: [...weeklyHours[4]], 5: [...weeklyHours[5]], 6: [...weeklyHours[6]], 7: [...weeklyHours[7]] }
      : null,
    absences: absences.map((a) => presentAbsence(a, timeZone)),
  };
}
