import type { Kysely } from 'kysely';
import type { DB } from '../../../platform/db/types.ts';
import { AppError, notFound } from '../../../platform/errors/registry.ts';
import * as grades from '../repository/grades.ts';

/** Only a grade no customer has can go. */
export async function deleteGrade(db: Kysely<DB>, businessId: string, id: string): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const grade = (await grades.findGrade(trx, businessId, id, true)) ?? notFound('CUSTOMER_GRADE_NOT_FOUND');
    if (await grades.gradeInUse(trx, businessId, grade.name)) throw new AppError('CUSTOMER_GRADE_IN_USE');
    await grades.deleteGrade(trx, businessId, id);
  });
}
