import type { Kysely } from 'kysely';
import type { DB, Department } from '../../platform/db/types.ts';
import { AppError, notFound } from '../../platform/errors/registry.ts';
import type { Actor } from '../auth/index.ts';
import { mapUniqueViolations } from './constraints.ts';
import * as repo from './repository.ts';

const uniqueCodes = { departments_name_key: 'DEPARTMENT_NAME_TAKEN' } as const;

export function presentDepartment(row: Department) {
  return { id: row.id, name: row.name, color: row.color, sortOrder: row.sort_order };
}

export async function listDepartments(db: Kysely<DB>, actor: Actor) {
  const rows = await repo.listDepartments(db, actor.businessId);
  return { items: rows.map(presentDepartment) };
}

/** CORE-3: departments exist only for businesses that turned "부서기능 사용" on. */
export async function createDepartment(db: Kysely<DB>, actor: Actor, input: { name: string; color?: string; sortOrder?: number }) {
  const row = await mapUniqueViolations(
    () =>
      db.transaction().execute(async (trx) => {
        const business = (await repo.findBusiness(trx, actor.businessId)) ?? notFound('BUSINESS_NOT_FOUND');
        if (!business.departments_enabled) throw new AppError('DEPARTMENTS_DISABLED');
        const sortOrder = input.sortOrder ?? (await repo.nextSortOrder(trx, 'departments', actor.businessId));
        return repo.insertDepartment(trx, { businessId: actor.businessId, name: input.name, color: input.color, sortOrder });
      }),
    uniqueCodes,
  );
  return presentDepartment(row);
}

export async function updateDepartment(db: Kysely<DB>, actor: Actor, id: string, changes: { name?: string; color?: string; sortOrder?: number }) {
  const row = await mapUniqueViolations(() => repo.updateDepartment(db, actor.businessId, id, changes), uniqueCodes);
  return presentDepartment(row ?? notFound('DEPARTMENT_NOT_FOUND'));
}

/** A department that schedules or staff still point at stays; the row lock keeps new references from racing the check. */
export async function deleteDepartment(db: Kysely<DB>, actor: Actor, id: string) {
  await db.transaction().execute(async (trx) => {
    (await repo.findDepartment(trx, actor.businessId, id, 'update')) ?? notFound('DEPARTMENT_NOT_FOUND');
    const usage = await repo.departmentUsage(trx, actor.businessId, id);
    if (usage.hasSchedules || usage.hasStaff) throw new AppError('DEPARTMENT_IN_USE');
    await repo.deleteDepartment(trx, actor.businessId, id);
  });
}
