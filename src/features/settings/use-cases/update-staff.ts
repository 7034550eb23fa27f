import type { Kysely } from 'kysely';
import type { DB } from '../../../platform/db/types.ts';
import { AppError, notFound } from '../../../platform/errors/registry.ts';
import type { Actor } from '../../auth/index.ts';
import { changesVirtualProtectedFields, isVirtualStaff, type StaffChanges } from '../domain/staff.ts';
import * as repo from '../repository.ts';
import { presentStaff } from './present.ts';
import { assertDepartment } from './references.ts';

export async function updateStaff(db: Kysely<DB>, actor: Actor, id: string, changes: StaffChanges) {
  const row = await db.transaction().execute(async (trx) => {
    const current = (await repo.findStaff(trx, actor.businessId, id)) ?? notFound('STAFF_NOT_FOUND');
    if (isVirtualStaff(current.kind) && changesVirtualProtectedFields(current, changes)) throw new AppError('STAFF_VIRTUAL_PROTECTED');
    if (changes.departmentId) await assertDepartment(trx, actor.businessId, changes.departmentId);
    return repo.updateStaff(trx, actor.businessId, id, changes);
  });
  return presentStaff(row ?? notFound('STAFF_NOT_FOUND'));
}
