import type { Kysely } from 'kysely';
import type { DB } from '../../../platform/db/types.ts';
import { notFound } from '../../../platform/errors/registry.ts';
import { canonicalPermissions, type Actor, type Permission } from '../../auth/index.ts';
import * as repo from '../repository.ts';
import { presentPermissionGroup } from './present.ts';

export async function createPermissionGroup(db: Kysely<DB>, actor: Actor, input: { name: string; permissions: readonly Permission[] }) {
  const row = await db.transaction().execute(async (trx) => {
    const group = await repo.insertPermissionGroup(trx, { businessId: actor.businessId, name: input.name, permissions: canonicalPermissions(input.permissions) });
    return repo.findPermissionGroupWithCount(trx, actor.businessId, group.id);
  });
  return presentPermissionGroup(row ?? notFound('PERMISSION_GROUP_NOT_FOUND'));
}
