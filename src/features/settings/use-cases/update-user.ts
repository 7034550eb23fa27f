import type { Kysely } from 'kysely';
import type { DB, UserRole } from '../../../platform/db/types.ts';
import { AppError, notFound } from '../../../platform/errors/registry.ts';
import { hasChanges } from '../../../platform/db/changes.ts';
import type { Actor } from '../../auth/index.ts';
import { losesActiveAdmin, permissionGroupFor } from '../domain/users.ts';
import * as repo from '../repository.ts';
import { presentUser } from './present.ts';
import { assertPermissionGroup } from './references.ts';

export interface UserChanges {
  name?: string;
  role?: UserRole;
  permissionGroupId?: string | null;
  active?: boolean;
}

/**
 * Changes a user's name, role, group or active state. The business row lock
 * serializes these changes per business, so two admins demoting each other
 * at once cannot leave the business without an active admin.
 */
export async function updateUser(db: Kysely<DB>, actor: Actor, id: string, changes: UserChanges) {
  const row = await db.transaction().execute(async (trx) => {
    await repo.lockBusiness(trx, actor.businessId);
    const current = (await repo.findUser(trx, actor.businessId, id)) ?? notFound('USER_NOT_FOUND');
    if (!hasChanges({ ...changes })) return current;
    const role = changes.role ?? current.role;
    const active = changes.active ?? current.active;
    const permissionGroupId = permissionGroupFor(role, changes.permissionGroupId !== undefined ? changes.permissionGroupId : current.permission_group_id);
    if (permissionGroupId) await assertPermissionGroup(trx, actor.businessId, permissionGroupId);
    if (losesActiveAdmin(current, { role, active }) && (await repo.countActiveAdminsExcept(trx, actor.businessId, id)) === 0) {
      throw new AppError('LAST_ADMIN');
    }

    await repo.updateUser(trx, actor.businessId, id, { name: changes.name, role, permissionGroupId, active });
    if (changes.name !== undefined && changes.name !== current.name) {
      await repo.renameUserStaff(trx, actor.businessId, id, current.name, changes.name);
    }
    if (active !== current.active) {
      // An inactive user can neither log in nor take new schedules.
      await repo.setUserStaffActive(trx, actor.businessId, id, active);
      if (!active) await repo.deleteUserSessions(trx, actor.businessId, id);
    }
    return repo.findUser(trx, actor.businessId, id);
  });
  return presentUser(row ?? notFound('USER_NOT_FOUND'));
}
