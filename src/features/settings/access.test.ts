import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Session, type TestApp } from '../../../test/app.ts';
import { engines } from '../../../test/db.ts';
import { addMember, expectError } from '../../../test/helpers.ts';

const ID = '00000000-0000-4000-8000-000000000001';

/** Every settings change, and the two lists only managers see. */
const managerOnly: [string, string, unknown][] = [
  ['PATCH', '/api/business', { name: '바뀐 이름' }],
  ['POST', '/api/departments', { name: '부서' }],
  ['PATCH', `/api/departments/${ID}`, { name: '부서' }],
  ['DELETE', `/api/departments/${ID}`, undefined],
  ['POST', '/api/staff', { name: '방', kind: 'resource' }],
  ['PATCH', `/api/staff/${ID}`, { name: '방' }],
  ['DELETE', `/api/staff/${ID}`, undefined],
  ['GET', '/api/users', undefined],
  ['POST', '/api/users', { name: '새 직원', email: 'new@test.yeyak.kr', password: 'password123', role: 'admin' }],
  ['PATCH', `/api/users/${ID}`, { role: 'admin' }],
  ['GET', '/api/permission-groups', undefined],
  ['POST', '/api/permission-groups', { name: '그룹', permissions: ['settings.manage'] }],
  ['PATCH', `/api/permission-groups/${ID}`, { permissions: ['settings.manage'] }],
  ['DELETE', `/api/permission-groups/${ID}`, undefined],
  ['POST', '/api/memo-types', { name: '메모' }],
  ['PATCH', `/api/memo-types/${ID}`, { name: '메모' }],
  ['DELETE', `/api/memo-types/${ID}`, undefined],
];

const sessionOnly = ['/api/business', '/api/departments', '/api/staff', '/api/memo-types', '/api/permissions'];

describe.each(engines)('settings access on %s (CORE-1, CORE-2)', (engine) => {
  let t: TestApp;
  let admin: Session;
  beforeAll(async () => {
    t = await createTestApp(engine);
    admin = await t.signup();
    await t.call(admin, 'PATCH', '/api/business', { departmentsEnabled: true });
  });
  afterAll(async () => t?.close());

  it('needs a session for every settings route', async () => {
    for (const [method, url, body] of managerOnly) expectError(await t.call(null, method, url, body), 401, 'UNAUTHENTICATED');
    for (const url of sessionOnly) expectError(await t.call(null, 'GET', url), 401, 'UNAUTHENTICATED');
  });

  it('refuses a member without 설정 관리 every change and the user and group lists, even with bad input', async () => {
    const { session } = await addMember(t, admin, ['customers.view', 'customers.edit', 'schedules.edit', 'naver.alert']);
    for (const [method, url, body] of managerOnly) {
      const res = await t.call(session, method, url, body);
      expect({ method, url, status: res.status, code: res.body?.error?.code }).toEqual({ method, url, status: 403, code: 'FORBIDDEN' });
    }
    expectError(await t.call(session, 'POST', '/api/departments', { color: 'not a colour' }), 403, 'FORBIDDEN');
    for (const url of sessionOnly) expect((await t.call(session, 'GET', url)).status).toBe(200);
    // Nothing changed.
    expect((await t.call(admin, 'GET', '/api/business')).body.name).not.toBe('바뀐 이름');
  });

  it('lets a member with 설정 관리 manage settings', async () => {
    const { session } = await addMember(t, admin, ['settings.manage']);
    expect((await t.call(session, 'GET', '/api/users')).status).toBe(200);
    expect((await t.call(session, 'POST', '/api/departments', { name: '매니저 부서' })).status).toBe(201);
    expect((await t.call(session, 'POST', '/api/staff', { name: '매니저 방', kind: 'resource' })).status).toBe(201);
  });

  it('documents every settings route with a tag and a Korean summary', async () => {
    const doc = (await t.call(null, 'GET', '/api/openapi.json')).body;
    const routes: [string, string][] = [
      ...managerOnly.map(([m, u]) => [m, u.replace(ID, '{id}')] as [string, string]),
      ...sessionOnly.map((u) => ['GET', u] as [string, string]),
    ];
    for (const [method, url] of routes) {
      const op = doc.paths[url]?.[method.toLowerCase()];
      expect(op, `${method} ${url}`).toBeDefined();
      expect(op.tags).toEqual(['settings']);
      expect(op.summary).toMatch(/[가-힣]/);
    }
  });
});

describe.each(engines)('settings tenancy on %s (CORE-1)', (engine) => {
  let t: TestApp;
  let a: Session;
  let b: Session;
  const ids = { department: '', staff: '', user: '', group: '', memoType: '' };
  beforeAll(async () => {
    t = await createTestApp(engine);
    a = await t.signup({ businessName: '가 업체' });
    b = await t.signup({ businessName: '나 업체' });
    for (const s of [a, b]) await t.call(s, 'PATCH', '/api/business', { departmentsEnabled: true });
    ids.department = (await t.call(a, 'POST', '/api/departments', { name: '가 부서' })).body.id;
    ids.staff = (await t.call(a, 'POST', '/api/staff', { name: '가 방', kind: 'resource' })).body.id;
    ids.group = (await t.call(a, 'POST', '/api/permission-groups', { name: '가 그룹', permissions: ['customers.view'] })).body.id;
    ids.user = (await t.call(a, 'POST', '/api/users', { name: '가 직원', email: `ga-${Date.now()}@test.yeyak.kr`, password: 'password123', role: 'member', permissionGroupId: ids.group })).body.id;
    ids.memoType = (await t.call(a, 'POST', '/api/memo-types', { name: '가 메모' })).body.id;
    expect(Object.values(ids).every(Boolean)).toBe(true);
  });
  afterAll(async () => t?.close());

  it("answers 404 to another business's department, staff, user, group and memo type", async () => {
    const cases: [string, string, unknown, number, string][] = [
      ['PATCH', `/api/departments/${ids.department}`, { name: '탈취' }, 404, 'DEPARTMENT_NOT_FOUND'],
      ['DELETE', `/api/departments/${ids.department}`, undefined, 404, 'DEPARTMENT_NOT_FOUND'],
      ['PATCH', `/api/staff/${ids.staff}`, { name: '탈취' }, 404, 'STAFF_NOT_FOUND'],
      ['DELETE', `/api/staff/${ids.staff}`, undefined, 404, 'STAFF_NOT_FOUND'],
      ['PATCH', `/api/users/${ids.user}`, { active: false }, 404, 'USER_NOT_FOUND'],
      ['PATCH', `/api/permission-groups/${ids.group}`, { name: '탈취' }, 404, 'PERMISSION_GROUP_NOT_FOUND'],
      ['DELETE', `/api/permission-groups/${ids.group}`, undefined, 404, 'PERMISSION_GROUP_NOT_FOUND'],
      ['PATCH', `/api/memo-types/${ids.memoType}`, { visible: false }, 404, 'MEMO_TYPE_NOT_FOUND'],
      ['DELETE', `/api/memo-types/${ids.memoType}`, undefined, 404, 'MEMO_TYPE_NOT_FOUND'],
    ];
    for (const [method, url, body, status, code] of cases) {
      const res = await t.call(b, method, url, body);
      expect({ method, url, status: res.status, code: res.body?.error?.code }).toEqual({ method, url, status, code });
    }
  });

  it("does not let one business point its rows at another's", async () => {
    const bGroup = (await t.call(b, 'GET', '/api/permission-groups')).body.items[0].id;
    const bUser = (await t.call(b, 'POST', '/api/users', { name: '나 직원', email: `na-${Date.now()}@test.yeyak.kr`, password: 'password123', role: 'member', permissionGroupId: bGroup })).body;
    expectError(await t.call(b, 'POST', '/api/staff', { name: '나 방', kind: 'resource', departmentId: ids.department }), 404, 'DEPARTMENT_NOT_FOUND');
    expectError(await t.call(b, 'PATCH', `/api/staff/${b.staffId}`, { departmentId: ids.department }), 404, 'DEPARTMENT_NOT_FOUND');
    expectError(await t.call(b, 'POST', '/api/staff', { name: '가 직원', kind: 'user', userId: ids.user }), 404, 'USER_NOT_FOUND');
    expectError(
      await t.call(b, 'POST', '/api/users', { name: '나 직원2', email: `na2-${Date.now()}@test.yeyak.kr`, password: 'password123', role: 'member', permissionGroupId: ids.group }),
      404,
      'PERMISSION_GROUP_NOT_FOUND',
    );
    expectError(await t.call(b, 'PATCH', `/api/users/${bUser.id}`, { permissionGroupId: ids.group }), 404, 'PERMISSION_GROUP_NOT_FOUND');
  });

  it("lists only the business's own settings and leaves the other's untouched", async () => {
    const lists = ['/api/departments', '/api/staff', '/api/users', '/api/permission-groups', '/api/memo-types'];
    const own = Object.values(ids);
    for (const url of lists) {
      const seen = (await t.call(b, 'GET', url)).body.items.map((x: { id: string }) => x.id);
      expect(seen.filter((id: string) => own.includes(id)), url).toEqual([]);
    }
    expect((await t.call(b, 'GET', '/api/business')).body).toMatchObject({ id: b.businessId, name: '나 업체' });

    expect((await t.call(a, 'GET', '/api/departments')).body.items).toContainEqual(expect.objectContaining({ id: ids.department, name: '가 부서' }));
    expect((await t.call(a, 'GET', '/api/staff')).body.items).toContainEqual(expect.objectContaining({ id: ids.staff, name: '가 방' }));
    expect((await t.call(a, 'GET', '/api/users')).body.items).toContainEqual(expect.objectContaining({ id: ids.user, active: true }));
    expect((await t.call(a, 'GET', '/api/permission-groups')).body.items).toContainEqual(expect.objectContaining({ id: ids.group, name: '가 그룹', memberCount: 1 }));
    expect((await t.call(a, 'GET', '/api/memo-types')).body.items).toContainEqual(expect.objectContaining({ id: ids.memoType, visible: true }));
  });
});
