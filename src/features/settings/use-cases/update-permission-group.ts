import type { Kysely } from 'kysely';
import type { DB } from '../../../platform/db/types.ts';
import { notFound } from '../../../platform/errors/registry.ts';
import { canonicalPermissions, type Actor, type Permission } from '../../auth/index.ts';
import * as repo from '../repository.ts';
import { presentPermissionGroup } from './present.ts';

/** Renames a group or replaces its flags; its members hold the new flags from their next request on. */
export async function updatePermissionGroup(db: Kysely<DB>, actor: Actor, id: string, changes: { name?: string; permissions?: readonly Permission[] }) {
  const row = await db.transaction().execute(async (trx) => {
    (await repo.findPermissionGroup(trx, actor.businessId, id)) ?? notFound('PERMISSION_GROUP_NOT_FOUND');
    await repo.updatePermissionGroup(trx, actor.businessId, id, {
      name: changes.name,
      permissions: changes.permissions && canonicalPermissions(changes.permissions),
    });
    return repo.findPermissionGroupWithCount(trx, actor.businessId, id);
  });
  return presentPermissionGroup(row ?? notFound('PERMISSION_GROUP_NOT_FOUND'));
}
