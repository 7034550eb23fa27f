import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Session, type TestApp } from '../../../test/app.ts';
import { engines } from '../../../test/db.ts';
import { expectError, MISSING_ID } from '../../../test/helpers.ts';
import { insertSchedule } from './test-fixtures.ts';

describe.each(engines)('staff on %s (CORE-4)', (engine) => {
  let t: TestApp;
  let admin: Session;
  let department: { id: string };
  beforeAll(async () => {
    t = await createTestApp(engine);
    admin = await t.signup({ name: '김원장' });
    await t.call(admin, 'PATCH', '/api/business', { departmentsEnabled: true });
    department = (await t.call(admin, 'POST', '/api/departments', { name: '레이저 시술' })).body;
  });
  afterAll(async () => t?.close());

  async function staffList() {
    const res = await t.call(admin, 'GET', '/api/staff');
    expect(res.status).toBe(200);
    return res.body.items as { id: string; name: string; kind: string; userId: string | null; departmentId: string | null; color: string; sortOrder: number; active: boolean }[];
  }
  async function naver() {
    return (await staffList()).find((s) => s.kind === 'naver')!;
  }

  it('starts with the virtual "네이버예약" and "예약페이지" staff first and the admin as staff', async () => {
    const items = await staffList();
    expect(items).toEqual([
      { id: expect.any(String), name: '네이버예약', kind: 'naver', userId: null, departmentId: null, color: '#03c75a', sortOrder: -1, active: true },
      { id: expect.any(String), name: '예약페이지', kind: 'booking_page', userId: null, departmentId: null, color: '#f5c400', sortOrder: -1, active: true },
      { id: admin.staffId, name: '김원장', kind: 'user', userId: admin.userId, departmentId: null, color: '#6b7280', sortOrder: 0, active: true },
    ]);
  });

  it('adds a resource at the end, in a department, and lists naver first whatever the order', async () => {
    const room = await t.call(admin, 'POST', '/api/staff', { name: '레이저실 1', kind: 'resource', departmentId: department.id, color: '#7c3aed' });
    expect(room.status).toBe(201);
    expect(room.body).toEqual({ id: expect.any(String), name: '레이저실 1', kind: 'resource', userId: null, departmentId: department.id, color: '#7c3aed', sortOrder: 1, active: true });

    const first = await t.call(admin, 'POST', '/api/staff', { name: '상담실', kind: 'resource', sortOrder: -10 });
    expect(first.body.sortOrder).toBe(-10);
    const names = (await staffList()).map((s) => s.name);
    expect(names).toEqual(['네이버예약', '예약페이지', '상담실', '김원장', '레이저실 1']);
  });

  it('adds a login user as staff once, only a user of this business', async () => {
    // A member created through /api/users is already staff; freed by deleting that entry, they can be added again.
    const group = (await t.call(admin, 'GET', '/api/permission-groups')).body.items[0];
    const member = await t.call(admin, 'POST', '/api/users', { name: '이실장', email: `lee-${Date.now()}@test.yeyak.kr`, password: 'password123', role: 'member', permissionGroupId: group.id });
    expect(member.status).toBe(201);
    expectError(await t.call(admin, 'POST', '/api/staff', { name: '이실장', kind: 'user', userId: member.body.id }), 409, 'STAFF_USER_TAKEN');
    expectError(await t.call(admin, 'POST', '/api/staff', { name: '원장님', kind: 'user', userId: admin.userId }), 409, 'STAFF_USER_TAKEN');

    expect((await t.call(admin, 'DELETE', `/api/staff/${member.body.staffId}`)).status).toBe(204);
    const users = (await t.call(admin, 'GET', '/api/users')).body.items;
    expect(users.find((u: { id: string }) => u.id === member.body.id).staffId).toBeNull();

    const again = await t.call(admin, 'POST', '/api/staff', { name: '이실장(상담)', kind: 'user', userId: member.body.id, departmentId: department.id });
    expect(again.status).toBe(201);
    expect(again.body).toMatchObject({ kind: 'user', userId: member.body.id, name: '이실장(상담)', departmentId: department.id });
    const after = (await t.call(admin, 'GET', '/api/users')).body.items;
    expect(after.find((u: { id: string }) => u.id === member.body.id).staffId).toBe(again.body.id);

    const other = await t.signup();
    expectError(await t.call(admin, 'POST', '/api/staff', { name: '남의 직원', kind: 'user', userId: other.userId }), 404, 'USER_NOT_FOUND');
    expectError(await t.call(admin, 'POST', '/api/staff', { name: '없는 사람', kind: 'user', userId: MISSING_ID }), 404, 'USER_NOT_FOUND');
  });

  it('validates the kind, the user id and the department', async () => {
    expectError(await t.call(admin, 'POST', '/api/staff', { name: '누구', kind: 'user' }), 400, 'VALIDATION_FAILED');
    expectError(await t.call(admin, 'POST', '/api/staff', { name: '가상', kind: 'naver' }), 400, 'VALIDATION_FAILED');
    expectError(await t.call(admin, 'POST', '/api/staff', { name: '', kind: 'resource' }), 400, 'VALIDATION_FAILED');
    expectError(await t.call(admin, 'POST', '/api/staff', { name: '방', kind: 'resource', departmentId: MISSING_ID }), 404, 'DEPARTMENT_NOT_FOUND');
    expectError(await t.call(admin, 'PATCH', `/api/staff/${admin.staffId}`, { departmentId: MISSING_ID }), 404, 'DEPARTMENT_NOT_FOUND');
    expectError(await t.call(admin, 'PATCH', `/api/staff/${MISSING_ID}`, { name: '누구' }), 404, 'STAFF_NOT_FOUND');
    expectError(await t.call(admin, 'DELETE', `/api/staff/${MISSING_ID}`), 404, 'STAFF_NOT_FOUND');
  });

  it('renames, moves, recolours, reorders and deactivates staff', async () => {
    const room = (await t.call(admin, 'POST', '/api/staff', { name: '피부관리실', kind: 'resource' })).body;
    const res = await t.call(admin, 'PATCH', `/api/staff/${room.id}`, { name: '피부관리실 A', departmentId: department.id, color: '#111111', sortOrder: 50, active: false });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ ...room, name: '피부관리실 A', departmentId: department.id, color: '#111111', sortOrder: 50, active: false });
    const back = await t.call(admin, 'PATCH', `/api/staff/${room.id}`, { departmentId: null, active: true });
    expect(back.body).toMatchObject({ departmentId: null, active: true });
    expect((await staffList()).find((s) => s.id === room.id)).toEqual(back.body);
  });

  it('protects "네이버예약": no rename, deactivation, department or deletion; order and colour may change', async () => {
    const n = await naver();
    expectError(await t.call(admin, 'PATCH', `/api/staff/${n.id}`, { name: '네이버' }), 409, 'STAFF_VIRTUAL_PROTECTED');
    expectError(await t.call(admin, 'PATCH', `/api/staff/${n.id}`, { active: false }), 409, 'STAFF_VIRTUAL_PROTECTED');
    expectError(await t.call(admin, 'PATCH', `/api/staff/${n.id}`, { departmentId: department.id }), 409, 'STAFF_VIRTUAL_PROTECTED');
    expectError(await t.call(admin, 'PATCH', `/api/staff/${n.id}`, { sortOrder: 3, name: '예약' }), 409, 'STAFF_VIRTUAL_PROTECTED');
    expectError(await t.call(admin, 'DELETE', `/api/staff/${n.id}`), 409, 'STAFF_VIRTUAL_PROTECTED');

    const res = await t.call(admin, 'PATCH', `/api/staff/${n.id}`, { sortOrder: 99, color: '#00aa55' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ name: '네이버예약', kind: 'naver', sortOrder: 99, color: '#00aa55', active: true });
    // A form that sends the unchanged fields back is fine.
    const echo = await t.call(admin, 'PATCH', `/api/staff/${n.id}`, { name: '네이버예약', active: true, departmentId: null, color: '#03c75a' });
    expect(echo.status).toBe(200);
    expect((await staffList())[0]).toMatchObject({ kind: 'naver', name: '네이버예약', color: '#03c75a' });
  });

  it('keeps staff that have schedules (deactivate instead) and deletes the rest', async () => {
    const busy = (await t.call(admin, 'POST', '/api/staff', { name: '바쁜 방', kind: 'resource' })).body;
    const idle = (await t.call(admin, 'POST', '/api/staff', { name: '빈 방', kind: 'resource' })).body;
    await insertSchedule(t, admin.businessId, { staffId: busy.id });

    const refused = await t.call(admin, 'DELETE', `/api/staff/${busy.id}`);
    expectError(refused, 409, 'STAFF_IN_USE');
    expect(refused.body.error.message).toMatch(/비활성화/);
    expect((await t.call(admin, 'PATCH', `/api/staff/${busy.id}`, { active: false })).body.active).toBe(false);

    expect((await t.call(admin, 'DELETE', `/api/staff/${idle.id}`)).status).toBe(204);
    const ids = (await staffList()).map((s) => s.id);
    expect(ids).toContain(busy.id);
    expect(ids).not.toContain(idle.id);
    expectError(await t.call(admin, 'DELETE', `/api/staff/${idle.id}`), 404, 'STAFF_NOT_FOUND');
  });
});
