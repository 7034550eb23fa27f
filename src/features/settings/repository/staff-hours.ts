import type { Kysely } from 'kysely';
import type { DB, StaffAbsenceKind } from '../../../platform/db/types.ts';

type Db = Kysely<DB>;

// OPS-2: a staff member's weekly hours (staff.weekly_hours) and absences (staff_absences).

const absenceColumns = ['id', 'staff_id', 'kind', 'starts_at', 'ends_at', 'starts_on', 'ends_on', 'memo', 'created_at'] as const;

export async function findStaffHours(db: Db, businessId: string, staffId: string, lock?: 'update') {
  const query = db.selectFrom('staff').select(['id', 'name', 'kind', 'weekly_hours']).where('business_id', '=', businessId).where('id', '=', staffId);
  return (lock === 'update' ? query.forUpdate() : query).executeTakeFirst();
}

/** The products whose bookings go to this staff (products.staff_id), in id order: the order their locks are taken in. */
export async function listProductIdsOfStaff(db: Db, businessId: string, staffId: string): Promise<string[]> {
  const rows = await db.selectFrom('products').select('id').where('business_id', '=', businessId).where('staff_id', '=', staffId).orderBy('id').execute();
  return rows.map((r) => r.id);
}

export async function setStaffWeeklyHours(db: Db, businessId: string, staffId: string, weeklyHours: string | null) {
  await db.updateTable('staff').set({ weekly_hours: weeklyHours }).where('business_id', '=', businessId).where('id', '=', staffId).execute();
}

/** The staff's absences, soonest first; `endingAfter` keeps those still running or to come at that instant. */
export async function listStaffAbsences(db: Db, businessId: string, staffId: string, endingAfter?: Date) {
  let query = db.selectFrom('staff_absences').select(absenceColumns).where('business_id', '=', businessId).where('staff_id', '=', staffId);
  if (endingAfter) {
    // A whole-day absence is kept from the day before in UTC terms, so no zone can drop a day still running.
    const dayBefore = new Date(endingAfter.getTime() - 86_400_000).toISOString().slice(0, 10);
    query = query.where((eb) => eb.or([eb('ends_at', '>', endingAfter), eb('ends_on', '>=', dayBefore)]));
  }
  return query.orderBy('starts_at').orderBy('starts_on').orderBy('id').execute();
}

/**
 * Every absence of the business's given staff meeting [from, to), in one
 * read (the calendar's bands). Whole days are compared as dates a day wider
 * than the range; the pure rules clip them in the business's zone.
 */
export async function listAbsencesMeeting(db: Db, businessId: string, staffIds: readonly string[], from: Date, to: Date) {
  if (staffIds.length === 0) return [];
  const firstDate = new Date(from.getTime() - 86_400_000).toISOString().slice(0, 10);
  const lastDate = new Date(to.getTime() + 86_400_000).toISOString().slice(0, 10);
  return db
    .selectFrom('staff_absences')
    .select(absenceColumns)
    .where('business_id', '=', businessId)
    .where('staff_id', 'in', [...staffIds])
    .where((eb) =>
      eb.or([
        eb.and([eb('starts_at', '<', to), eb('ends_at', '>', from)]),
        eb.and([eb('starts_on', '<=', lastDate), eb('ends_on', '>=', firstDate)]),
      ]),
    )
    .orderBy('id')
    .execute();
}

/** The weekly hours of the business's given staff, in one read. */
export async function listStaffWeeklyHours(db: Db, businessId: string, staffIds: readonly string[]) {
  if (staffIds.length === 0) return [];
  return db.selectFrom('staff').select(['id', 'weekly_hours']).where('business_id', '=', businessId).where('id', 'in', [...staffIds]).execute();
}

export async function insertStaffAbsence(
  db: Db,
  values: { businessId: string; staffId: string; kind: StaffAbsenceKind; startsAt: Date | null; endsAt: Date | null; startsOn: string | null; endsOn: string | null; memo: string },
) {
  return db
    .insertInto('staff_absences')
    .values({
      business_id: values.businessId,
      staff_id: values.staffId,
      kind: values.kind,
      starts_at: values.startsAt,
      ends_at: values.endsAt,
      starts_on: values.startsOn,
      ends_on: values.endsOn,
      memo: values.memo,
    })
    .returning(absenceColumns)
    .executeTakeFirstOrThrow();
}

/** Deletes one absence of the staff; false when there was none. */
export async function deleteStaffAbsence(db: Db, businessId: string, staffId: string, absenceId: string): Promise<boolean> {
  const result = await db.deleteFrom('staff_absences').where('business_id', '=', businessId).where('staff_id', '=', staffId).where('id', '=', absenceId).executeTakeFirst();
  return result.numDeletedRows > 0n;
}
