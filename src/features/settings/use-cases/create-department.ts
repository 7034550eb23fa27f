import type { Kysely } from 'kysely';
import type { DB } from '../../../platform/db/types.ts';
import { AppError, notFound } from '../../../platform/errors/registry.ts';
import type { Actor } from '../../auth/index.ts';
import * as repo from '../repository.ts';
import { presentDepartment } from './present.ts';

/** CORE-3: departments exist only for businesses that turned "부서기능 사용" on. */
export async function createDepartment(db: Kysely<DB>, actor: Actor, input: { name: string; color?: string; sortOrder?: number }) {
  const row = await db.transaction().execute(async (trx) => {
    const business = (await repo.findBusiness(trx, actor.businessId)) ?? notFound('BUSINESS_NOT_FOUND');
    if (!business.departments_enabled) throw new AppError('DEPARTMENTS_DISABLED');
    const sortOrder = input.sortOrder ?? (await repo.nextSortOrder(trx, 'departments', actor.businessId));
    return repo.insertDepartment(trx, { businessId: actor.businessId, name: input.name, color: input.color, sortOrder });
  });
  return presentDepartment(row);
}
