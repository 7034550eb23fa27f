import type { TestApp } from '../../../test/app.ts';

let counter = 0;

/**
 * A schedule written straight to the database, for tests of what a schedule
 * keeps alive (departments, staff, memo types) without depending on the
 * schedules API.
 */
export async function insertSchedule(t: TestApp, businessId: string, refs: { staffId: string; departmentId?: string; memoTypeId?: string }) {
  counter += 1;
  const { db } = t.database;
  const customer = await db
    .insertInto('customers')
    .values({ business_id: businessId, name: `고객${counter}`, phone: `0101234${String(1000 + counter).slice(-4)}` })
    .returning('id')
    .executeTakeFirstOrThrow();
  const start = new Date('2026-11-23T01:00:00Z');
  const schedule = await db
    .insertInto('schedules')
    .values({
      business_id: businessId,
      customer_id: customer.id,
      staff_id: refs.staffId,
      department_id: refs.departmentId ?? null,
      starts_at: start,
      ends_at: new Date(start.getTime() + 30 * 60_000),
      status: 'confirmed',
      source: 'manual',
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  if (refs.memoTypeId) {
    await db.insertInto('schedule_memos').values({ business_id: businessId, schedule_id: schedule.id, memo_type_id: refs.memoTypeId, body: '시술 전 확인' }).execute();
  }
  return schedule.id;
}
