import type { UserRole } from '../../../platform/db/types.ts';
import { AppError } from '../../../platform/errors/registry.ts';

/**
 * CORE-2: admins hold every permission, so only members carry a permission
 * group, and every member must. The group a user of this role keeps.
 */
export function permissionGroupFor(role: UserRole, groupId: string | null | undefined): string | null {
  if (role === 'admin') return null;
  if (!groupId) throw new AppError('MEMBER_NEEDS_GROUP');
  return groupId;
}

/** Whether a change takes away the business's active admin status from this user (the last one may not lose it). */
export function losesActiveAdmin(before: { role: UserRole; active: boolean }, after: { role: UserRole; active: boolean }): boolean {
  return before.role === 'admin' && before.active && !(after.role === 'admin' && after.active);
}
