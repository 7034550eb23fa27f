/** CORE-2: the flags a permission group can hold. Admins hold all of them. */
export const PERMISSIONS = [
  'customers.view',
  'customers.edit',
  'customers.phone_full',
  'schedules.edit',
  'settings.manage',
  'messages.send',
  'settlement.view',
  'naver.alert',
  'bookings.manage',
] as const;

export type Permission = (typeof PERMISSIONS)[number];

export const PERMISSION_LABELS: Record<Permission, string> = {
  'customers.view': '고객 조회',
  'customers.edit': '고객 수정',
  'customers.phone_full': '전체 전화번호 보기',
  'schedules.edit': '일정 수정',
  'settings.manage': '설정 관리',
  'messages.send': '메시지 발송',
  'settlement.view': '정산 조회',
  'naver.alert': '네이버예약 알림',
  'bookings.manage': '예약 관리(파트너센터)',
};

export function isPermission(value: string): value is Permission {
  return (PERMISSIONS as readonly string[]).includes(value);
}

export function effectivePermissions(role: 'admin' | 'member', groupPermissions: readonly string[] | null): Permission[] {
  if (role === 'admin') return [...PERMISSIONS];
  return (groupPermissions ?? []).filter(isPermission);
}
