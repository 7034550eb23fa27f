import { expect } from 'vitest';
import type { Session, TestApp } from '../../../test/app.ts';
import type { Permission } from '../auth/index.ts';

let counter = 0;

/** A member in a new permission group with exactly these permissions, created through the API and logged in. */
export async function addMember(t: TestApp, admin: Session, permissions: Permission[]) {
  counter += 1;
  const group = await t.call(admin, 'POST', '/api/permission-groups', { name: `그룹 ${counter}`, permissions });
  expect(group.status).toBe(201);
  const email = `member${counter}-${Date.now()}@test.yeyak.kr`;
  const user = await t.call(admin, 'POST', '/api/users', { name: `직원${counter}`, email, password: 'member-pass-1', role: 'member', permissionGroupId: group.body.id });
  expect(user.status).toBe(201);
  const session = await t.login(email, 'member-pass-1');
  return { session, user: user.body as { id: string; staffId: string }, groupId: group.body.id as string, email };
}

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

export function expectError(res: { status: number; body: any }, status: number, code: string) {
  expect({ status: res.status, code: res.body?.error?.code }).toEqual({ status, code });
  expect(res.body.error.message).toMatch(/[가-힣]/);
}

export const MISSING_ID = '00000000-0000-4000-8000-000000000000';
