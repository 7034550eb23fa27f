import type { Kysely } from 'kysely';
import type { DB } from '../../../platform/db/types.ts';
import { AppError, notFound } from '../../../platform/errors/registry.ts';
import type { Actor } from '../../auth/index.ts';
import { isVirtualStaff } from '../domain/staff.ts';
import * as repo from '../repository.ts';

/** Staff with schedules stay (deactivate them instead); the row lock keeps a new schedule from racing the check. */
export async function deleteStaff(db: Kysely<DB>, actor: Actor, id: string) {
  await db.transaction().execute(async (trx) => {
    const current = (await repo.findStaff(trx, actor.businessId, id, 'update')) ?? notFound('STAFF_NOT_FOUND');
    if (isVirtualStaff(current.kind)) throw new AppError('STAFF_VIRTUAL_PROTECTED');
    if (await repo.staffHasSchedules(trx, actor.businessId, id)) throw new AppError('STAFF_IN_USE');
    await repo.deleteStaff(trx, actor.businessId, id);
  });
}
