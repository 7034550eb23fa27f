import type { Kysely } from 'kysely';
import type { DB } from '../../../platform/db/types.ts';
import * as grades from '../repository/grades.ts';
import { presentGrade } from './present.ts';

export async function listGrades(db: Kysely<DB>, businessId: string) {
  return { items: (await grades.listGrades(db, businessId)).map(presentGrade) };
}
