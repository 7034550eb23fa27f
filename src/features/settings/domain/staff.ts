import type { Staff } from '../../../platform/db/types.ts';

export interface StaffChanges {
  name?: string;
  departmentId?: string | null;
  color?: string;
  sortOrder?: number;
  active?: boolean;
}

/** Columns no person stands behind: "네이버예약" and "예약페이지" receive channel bookings until someone takes them. */
export function isVirtualStaff(kind: Staff['kind']): boolean {
  return kind === 'naver' || kind === 'booking_page';
}

/** A virtual staff keeps its name, department and active state; only its place and colour change. */
export function changesVirtualProtectedFields(current: Pick<Staff, 'name' | 'active' | 'department_id'>, changes: StaffChanges): boolean {
  return (
    (changes.name !== undefined && changes.name !== current.name) ||
    (changes.active !== undefined && changes.active !== current.active) ||
    (changes.departmentId !== undefined && changes.departmentId !== current.department_id)
  );
}
