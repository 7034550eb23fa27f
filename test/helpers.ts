import { expect } from 'vitest';
import type { Permission } from '../src/features/auth/index.ts';
import type { Session, TestApp } from './app.ts';

/** An id that no row has (a valid UUID, so it reaches the lookup and answers 404). */
export const MISSING_ID = '00000000-0000-4000-8000-000000000000';

/** Checks an error reply: its status, its code, and a message in Korean. */
export function expectError(res: { status: number; body: any }, status: number, code: string): void {
  expect({ status: res.status, code: res.body?.error?.code }, JSON.stringify(res.body)).toEqual({ status, code });
  expect(res.body.error.message).toMatch(/[가-힣]/);
}

export interface Member {
  session: Session;
  userId: string;
  /** The staff row every user gets (the member can be given schedules). */
  staffId: string;
  groupId: string;
  email: string;
}

export const MEMBER_PASSWORD = 'member-pass-1';

let members = 0;

/**
 * A member of the admin's business in a new permission group with exactly
 * these permissions, created through the API as a shop would, and logged in.
 */
export async function addMember(t: TestApp, admin: Session, permissions: Permission[], options: { name?: string } = {}): Promise<Member> {
  members += 1;
  const group = await t.call(admin, 'POST', '/api/permission-groups', { name: `그룹 ${members}`, permissions });
  expect(group.status, JSON.stringify(group.body)).toBe(201);
  const email = `member${members}-${Date.now()}@test.yeyak.kr`;
  const name = options.name ?? `직원${members}`;
  const user = await t.call(admin, 'POST', '/api/users', { name, email, password: MEMBER_PASSWORD, role: 'member', permissionGroupId: group.body.id });
  expect(user.status, JSON.stringify(user.body)).toBe(201);
  const session = await t.login(email, MEMBER_PASSWORD);
  return { session, userId: user.body.id, staffId: user.body.staffId, groupId: group.body.id, email };
}
