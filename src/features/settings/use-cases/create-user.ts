import type { Kysely } from 'kysely';
import type { DB, UserRole } from '../../../platform/db/types.ts';
import { notFound } from '../../../platform/errors/registry.ts';
import { authRepository as authRepo, hashPassword, type Actor } from '../../auth/index.ts';
import { permissionGroupFor } from '../domain/users.ts';
import * as repo from '../repository.ts';
import { presentUser } from './present.ts';
import { assertPermissionGroup } from './references.ts';

export interface NewUser {
  name: string;
  email: string;
  password: string;
  role: UserRole;
  permissionGroupId?: string | null;
}

/**
 * CORE-2: a login of this business. Every user is also a staff member
 * (담당자) so schedules can be assigned to them. A taken email (unique
 * across businesses: it is the login) is refused as EMAIL_TAKEN.
 */
export async function createUser(db: Kysely<DB>, actor: Actor, input: NewUser) {
  const permissionGroupId = permissionGroupFor(input.role, input.permissionGroupId);
  const passwordHash = await hashPassword(input.password);
  const row = await db.transaction().execute(async (trx) => {
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
  });
  return presentUser(row ?? notFound('USER_NOT_FOUND'));
}
