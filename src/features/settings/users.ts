import type { Kysely } from 'kysely';
import type { DB, UserRole } from '../../platform/db/types.ts';
import { AppError, notFound } from '../../platform/errors/registry.ts';
import type { Actor } from '../auth/index.ts';
import { hashPassword } from '../auth/index.ts';
import { authRepository as authRepo } from '../auth/index.ts';
import { mapUniqueViolations } from './constraints.ts';
import { hasChanges } from '../../platform/db/changes.ts';
import * as repo from './repository.ts';

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

export async function listUsers(db: Kysely<DB>, actor: Actor) {
  const rows = await repo.listUsers(db, actor.businessId);
  return { items: rows.map(presentUser) };
}

export interface NewUser {
  name: string;
  email: string;
  password: string;
  role: UserRole;
  permissionGroupId?: string | null;
}

/**
 * CORE-2: a login of this business. Every user is also a staff member
 * (담당자) so schedules can be assigned to them. Admins hold every permission,
 * so only members carry a permission group.
 */
export async function createUser(db: Kysely<DB>, actor: Actor, input: NewUser) {
  const permissionGroupId = input.role === 'member' ? (input.permissionGroupId ?? null) : null;
  if (input.role === 'member' && !permissionGroupId) throw new AppError('MEMBER_NEEDS_GROUP');
  const passwordHash = await hashPassword(input.password);
  const row = await mapUniqueViolations(
    () =>
      db.transaction().execute(async (trx) => {
        if (permissionGroupId) await assertPermissionGroup(trx, actor.businessId, permissionGroupId);
        const user = await authRepo.insertUser(trx, {
          businessId: actor.businessId,
          email: input.email,
          passwordHash,
          name: input.name,
          role: input.role,
          permissionGroupId,
        });
        const sortOrder = await repo.nextSortOrder(trx, 'staff', actor.businessId);
        await repo.insertStaff(trx, { businessId: actor.businessId, name: user.name, kind: 'user', userId: user.id, sortOrder });
        return repo.findUser(trx, actor.businessId, user.id);
      }),
    { users_email_key: 'EMAIL_TAKEN' },
  );
  return presentUser(row ?? notFound('USER_NOT_FOUND'));
}

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

    let permissionGroupId: string | null = null;
    if (role === 'member') {
      permissionGroupId = changes.permissionGroupId !== undefined ? changes.permissionGroupId : current.permission_group_id;
      if (!permissionGroupId) throw new AppError('MEMBER_NEEDS_GROUP');
      await assertPermissionGroup(trx, actor.businessId, permissionGroupId);
    }

    const wasActiveAdmin = current.role === 'admin' && current.active;
    const staysActiveAdmin = role === 'admin' && active;
    if (wasActiveAdmin && !staysActiveAdmin && (await repo.countActiveAdminsExcept(trx, actor.businessId, id)) === 0) {
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

async function assertPermissionGroup(db: Kysely<DB>, businessId: string, id: string) {
  (await repo.findPermissionGroup(db, businessId, id, 'keyShare')) ?? notFound('PERMISSION_GROUP_NOT_FOUND');
}
