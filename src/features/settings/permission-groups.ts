import type { Kysely } from 'kysely';
import type { DB } from '../../platform/db/types.ts';
import { AppError, notFound } from '../../platform/errors/registry.ts';
import type { Actor } from '../auth/index.ts';
import { PERMISSION_LABELS, PERMISSIONS, type Permission } from '../auth/index.ts';
import { mapUniqueViolations } from './constraints.ts';
import * as repo from './repository.ts';

const uniqueCodes = { permission_groups_name_key: 'PERMISSION_GROUP_NAME_TAKEN' } as const;

type GroupRow = NonNullable<Awaited<ReturnType<typeof repo.findPermissionGroupWithCount>>>;

export function presentPermissionGroup(row: GroupRow) {
  return { id: row.id, name: row.name, permissions: canonical(row.permissions), memberCount: Number(row.member_count ?? 0) };
}

/** Known flags only, once each, in the order of PERMISSIONS. */
function canonical(permissions: readonly string[]): Permission[] {
  return PERMISSIONS.filter((p) => permissions.includes(p));
}

export function listPermissions() {
  return { items: PERMISSIONS.map((key) => ({ key, label: PERMISSION_LABELS[key] })) };
}

export async function listPermissionGroups(db: Kysely<DB>, actor: Actor) {
  const rows = await repo.listPermissionGroups(db, actor.businessId);
  return { items: rows.map(presentPermissionGroup) };
}

export async function createPermissionGroup(db: Kysely<DB>, actor: Actor, input: { name: string; permissions: readonly Permission[] }) {
  const row = await mapUniqueViolations(
    () =>
      db.transaction().execute(async (trx) => {
        const group = await repo.insertPermissionGroup(trx, { businessId: actor.businessId, name: input.name, permissions: canonical(input.permissions) });
        return repo.findPermissionGroupWithCount(trx, actor.businessId, group.id);
      }),
    uniqueCodes,
  );
  return presentPermissionGroup(row ?? notFound('PERMISSION_GROUP_NOT_FOUND'));
}

export async function updatePermissionGroup(
  db: Kysely<DB>,
  actor: Actor,
  id: string,
  changes: { name?: string; permissions?: readonly Permission[] },
) {
  const row = await mapUniqueViolations(
    () =>
      db.transaction().execute(async (trx) => {
        (await repo.findPermissionGroup(trx, actor.businessId, id)) ?? notFound('PERMISSION_GROUP_NOT_FOUND');
        await repo.updatePermissionGroup(trx, actor.businessId, id, {
          name: changes.name,
          permissions: changes.permissions && canonical(changes.permissions),
        });
        return repo.findPermissionGroupWithCount(trx, actor.businessId, id);
      }),
    uniqueCodes,
  );
  return presentPermissionGroup(row ?? notFound('PERMISSION_GROUP_NOT_FOUND'));
}

/** A group with users (active or not) stays; move them first. The row lock keeps a new member from racing the check. */
export async function deletePermissionGroup(db: Kysely<DB>, actor: Actor, id: string) {
  await db.transaction().execute(async (trx) => {
    (await repo.findPermissionGroup(trx, actor.businessId, id, 'update')) ?? notFound('PERMISSION_GROUP_NOT_FOUND');
    if (await repo.permissionGroupHasUsers(trx, actor.businessId, id)) throw new AppError('PERMISSION_GROUP_IN_USE');
    await repo.deletePermissionGroup(trx, actor.businessId, id);
  });
}
