import type { Kysely } from 'kysely';
import type { DB } from '../../../platform/db/types.ts';
import { notFound } from '../../../platform/errors/registry.ts';
import * as repo from '../repository.ts';

/**
 * The rows of this business a write is about to point at, read with a
 * key-share lock so a concurrent delete cannot slip between the check and
 * the write.
 */
export async function assertDepartment(db: Kysely<DB>, businessId: string, departmentId: string): Promise<void> {
  (await repo.findDepartment(db, businessId, departmentId, 'keyShare')) ?? notFound('DEPARTMENT_NOT_FOUND');
}

export async function assertPermissionGroup(db: Kysely<DB>, businessId: string, id: string): Promise<void> {
  (await repo.findPermissionGroup(db, businessId, id, 'keyShare')) ?? notFound('PERMISSION_GROUP_NOT_FOUND');
}
