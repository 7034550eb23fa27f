import { sql, type Kysely } from 'kysely';
import { hasChanges } from '../../../platform/db/changes.ts';
import type { DB } from '../../../platform/db/types.ts';
import './constraints.ts';

type Db = Kysely<DB>;

export async function listGrades(db: Db, businessId: string, onlyId?: string) {
  let q = db
    .selectFrom('customer_grades')
    .selectAll('customer_grades')
    .select((eb) =>
      eb
        .selectFrom('customers')
        .select(eb.fn.countAll<string>().as('n'))
        .whereRef('customers.business_id', '=', 'customer_grades.business_id')
        .whereRef('customers.grade', '=', 'customer_grades.name')
        .as('customer_count'),
    )
    .where('customer_grades.business_id', '=', businessId);
  if (onlyId) q = q.where('customer_grades.id', '=', onlyId);
  return q.orderBy('customer_grades.sort_order').orderBy('customer_grades.name').execute();
}

export async function findGrade(db: Db, businessId: string, id: string, lock = false) {
  const q = db.selectFrom('customer_grades').selectAll().where('business_id', '=', businessId).where('id', '=', id);
  return (lock ? q.forUpdate() : q).executeTakeFirst();
}

export async function insertGrade(db: Db, values: { businessId: string; name: string; sortOrder?: number }) {
  return db
    .insertInto('customer_grades')
    .values({ business_id: values.businessId, name: values.name, sort_order: values.sortOrder ?? sql<number>`(select coalesce(max(sort_order), -1) + 1 from customer_grades where business_id = ${values.businessId})` })
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** Adds grades the business does not have yet (the CSV import names them). */
export async function ensureGrades(db: Db, businessId: string, names: string[]) {
  if (names.length === 0) return;
  await db
    .insertInto('customer_grades')
    .values(names.map((name, i) => ({ business_id: businessId, name, sort_order: 1000 + i })))
    .onConflict((oc) => oc.constraint('customer_grades_name_key').doNothing())
    .execute();
}

export async function updateGrade(db: Db, businessId: string, id: string, changes: { name?: string | undefined; sortOrder?: number | undefined }) {
  if (!hasChanges(changes)) return findGrade(db, businessId, id);
  return db
    .updateTable('customer_grades')
    .set({ name: changes.name, sort_order: changes.sortOrder })
    .where('business_id', '=', businessId)
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirst();
}

export async function renameGradeOnCustomers(db: Db, businessId: string, from: string, to: string) {
  await db
    .updateTable('customers')
    .set({ grade: to, updated_at: sql<Date>`now()` })
    .where('business_id', '=', businessId)
    .where('grade', '=', from)
    .execute();
}

export async function gradeInUse(db: Db, businessId: string, name: string): Promise<boolean> {
  const row = await db.selectFrom('customers').select('id').where('business_id', '=', businessId).where('grade', '=', name).limit(1).executeTakeFirst();
  return row !== undefined;
}

export async function deleteGrade(db: Db, businessId: string, id: string) {
  await db.deleteFrom('customer_grades').where('business_id', '=', businessId).where('id', '=', id).execute();
}
