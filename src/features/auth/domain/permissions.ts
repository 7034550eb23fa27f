/** CORE-2: the flags a permission group can hold, in the order settings show them. Admins hold all of them. */
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

export function isPermission(value: string): value is Permission {
  return (PERMISSIONS as readonly string[]).includes(value);
}

export function effectivePermissions(role: 'admin' | 'member', groupPermissions: readonly string[] | null): Permission[] {
  if (role === 'admin') return [...PERMISSIONS];
  return (groupPermissions ?? []).filter(isPermission);
}

/** Known flags only, once each, in the order of PERMISSIONS: how a permission group stores what it was given. */
export function canonicalPermissions(permissions: readonly string[]): Permission[] {
  return PERMISSIONS.filter((p) => permissions.includes(p));
}
