import type { Kysely } from 'kysely';
import type { DB } from '../../../platform/db/types.ts';
import * as grades from '../repository/grades.ts';
import { cleanName, presentGrade } from './present.ts';

/** A taken name answers CUSTOMER_GRADE_NAME_TAKEN (the constraint's registered code). */
export async function createGrade(db: Kysely<DB>, businessId: string, input: { name: string; sortOrder?: number | undefined }) {
  const row = await grades.insertGrade(db, { businessId, name: cleanName(input.name), sortOrder: input.sortOrder });
  return presentGrade(row);
}
