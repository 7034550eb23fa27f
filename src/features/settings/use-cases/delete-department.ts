import type { Kysely } from 'kysely';
import type { DB } from '../../../platform/db/types.ts';
import { AppError, notFound } from '../../../platform/errors/registry.ts';
import type { Actor } from '../../auth/index.ts';
import * as repo from '../repository.ts';

/** A department that schedules or staff still point at stays; the row lock keeps new references from racing the check. */
export async function deleteDepartment(db: Kysely<DB>, actor: Actor, id: string) {
  await db.transaction().execute(async (trx) => {
    (await repo.findDepartment(trx, actor.businessId, id, 'update')) ?? notFound('DEPARTMENT_NOT_FOUND');
    const usage = await repo.departmentUsage(trx, actor.businessId, id);
    if (usage.hasSchedules || usage.hasStaff) throw new AppError('DEPARTMENT_IN_USE');
    await repo.deleteDepartment(trx, actor.businessId, id);
  });
}
