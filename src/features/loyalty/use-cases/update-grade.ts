import type { Kysely } from 'kysely';
import type { DB } from '../../../platform/db/types.ts';
import { notFound } from '../../../platform/errors/registry.ts';
import * as grades from '../repository/grades.ts';
import { cleanName, presentGrade } from './present.ts';

/** Renaming a grade renames it on its customers in the same transaction. */
export async function updateGrade(db: Kysely<DB>, businessId: string, id: string, input: { name?: string | undefined; sortOrder?: number | undefined }) {
  const row = await db.transaction().execute(async (trx) => {
    const current = (await grades.findGrade(trx, businessId, id, true)) ?? notFound('CUSTOMER_GRADE_NOT_FOUND');
    const name = input.name === undefined ? undefined : cleanName(input.name);
    const updated = (await grades.updateGrade(trx, businessId, id, { name, sortOrder: input.sortOrder })) ?? notFound('CUSTOMER_GRADE_NOT_FOUND');
    if (name !== undefined && name !== current.name) await grades.renameGradeOnCustomers(trx, businessId, current.name, name);
    return updated;
  });
  const [counted] = await grades.listGrades(db, businessId, row.id);
  return presentGrade(counted ?? row);
}
