import type { Business, Department, MemoType, Staff } from '../../../platform/db/types.ts';
import { canonicalPermissions } from '../../auth/index.ts';
import type * as repo from '../repository.ts';

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
