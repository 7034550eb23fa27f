import type { Kysely } from 'kysely';
import type { DB } from '../../../platform/db/types.ts';
import { AppError, notFound } from '../../../platform/errors/registry.ts';
import type { Actor } from '../../auth/index.ts';
import * as repo from '../repository.ts';

/** A group with users (active or not) stays; move them first. The row lock keeps a new member from racing the check. */
export async function deletePermissionGroup(db: Kysely<DB>, actor: Actor, id: string) {
  await db.transaction().execute(async (trx) => {
    (await repo.findPermissionGroup(trx, actor.businessId, id, 'update')) ?? notFound('PERMISSION_GROUP_NOT_FOUND');
    if (await repo.permissionGroupHasUsers(trx, actor.businessId, id)) throw new AppError('PERMISSION_GROUP_IN_USE');
    await repo.deletePermissionGroup(trx, actor.businessId, id);
  });
}
