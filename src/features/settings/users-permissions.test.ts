import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Session, type TestApp } from '../../../test/app.ts';
import { engines } from '../../../test/db.ts';
import { PERMISSIONS } from '../auth/index.ts';
import { addMember, expectError, MISSING_ID } from '../../../test/helpers.ts';

describe.each(engines)('users and permission groups on %s (CORE-2)', (engine) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(engine);
  });
  afterAll(async () => t?.close());

  const uniqueEmail = (name: string) => `${name}-${Date.now()}-${Math.random().toString(36).slice(2, 8)}@test.yeyak.kr`;

  it('lists every permission flag with its Korean label', async () => {
    const admin = await t.signup();
    const res = await t.call(admin, 'GET', '/api/permissions');
    expect(res.status).toBe(200);
    expect(res.body.items.map((p: { key: string }) => p.key)).toEqual([...PERMISSIONS]);
    expect(res.body.items).toContainEqual({ key: 'naver.alert', label: '네이버예약 알림' });
    expect(res.body.items).toContainEqual({ key: 'settings.manage', label: '설정 관리' });
  });

  describe('permission groups', () => {
    let admin: Session;
    beforeAll(async () => {
      admin = await t.signup();
    });

    it('lists the default group with its member count', async () => {
      const res = await t.call(admin, 'GET', '/api/permission-groups');
      expect(res.status).toBe(200);
      expect(res.body.items).toEqual([
        { id: expect.any(String), name: '일반 직원', permissions: ['customers.view', 'customers.edit', 'schedules.edit'], memberCount: 0 },
      ]);
    });

    it('creates a group with known flags only, each once, in the canonical order', async () => {
      const res = await t.call(admin, 'POST', '/api/permission-groups', { name: '상담실장', permissions: ['naver.alert', 'customers.view', 'naver.alert', 'customers.phone_full'] });
      expect(res.status).toBe(201);
      expect(res.body).toEqual({ id: expect.any(String), name: '상담실장', permissions: ['customers.view', 'customers.phone_full', 'naver.alert'], memberCount: 0 });
      const empty = await t.call(admin, 'POST', '/api/permission-groups', { name: '견학생', permissions: [] });
      expect(empty.body.permissions).toEqual([]);

      expectError(await t.call(admin, 'POST', '/api/permission-groups', { name: '관리자급', permissions: ['everything'] }), 400, 'VALIDATION_FAILED');
      expectError(await t.call(admin, 'POST', '/api/permission-groups', { name: '권한 없음' }), 400, 'VALIDATION_FAILED');
      expectError(await t.call(admin, 'POST', '/api/permission-groups', { name: '상담실장', permissions: [] }), 409, 'PERMISSION_GROUP_NAME_TAKEN');
    });

    it('renames a group and replaces its flags', async () => {
      const g = (await t.call(admin, 'POST', '/api/permission-groups', { name: '간호사', permissions: ['customers.view'] })).body;
      const res = await t.call(admin, 'PATCH', `/api/permission-groups/${g.id}`, { name: '간호팀', permissions: ['schedules.edit', 'customers.view'] });
      expect(res.status).toBe(200);
      expect(res.body).toEqual({ id: g.id, name: '간호팀', permissions: ['customers.view', 'schedules.edit'], memberCount: 0 });
      expect((await t.call(admin, 'PATCH', `/api/permission-groups/${g.id}`, {})).body).toEqual(res.body);
      expectError(await t.call(admin, 'PATCH', `/api/permission-groups/${g.id}`, { name: '일반 직원' }), 409, 'PERMISSION_GROUP_NAME_TAKEN');
      expectError(await t.call(admin, 'PATCH', `/api/permission-groups/${g.id}`, { permissions: ['root'] }), 400, 'VALIDATION_FAILED');
      expectError(await t.call(admin, 'PATCH', `/api/permission-groups/${MISSING_ID}`, { name: '없음' }), 404, 'PERMISSION_GROUP_NOT_FOUND');
    });

    it('deletes an empty group and keeps one that users are in', async () => {
      const { groupId } = await addMember(t, admin, ['customers.view']);
      const groups = (await t.call(admin, 'GET', '/api/permission-groups')).body.items;
      expect(groups.find((g: { id: string }) => g.id === groupId).memberCount).toBe(1);
      expectError(await t.call(admin, 'DELETE', `/api/permission-groups/${groupId}`), 409, 'PERMISSION_GROUP_IN_USE');

      const spare = (await t.call(admin, 'POST', '/api/permission-groups', { name: '임시 그룹', permissions: [] })).body;
      expect((await t.call(admin, 'DELETE', `/api/permission-groups/${spare.id}`)).status).toBe(204);
      expectError(await t.call(admin, 'DELETE', `/api/permission-groups/${spare.id}`), 404, 'PERMISSION_GROUP_NOT_FOUND');
    });

    it('changes what a member may do at once when their group changes', async () => {
      const { session, groupId } = await addMember(t, admin, ['customers.view']);
      expectError(await t.call(session, 'POST', '/api/memo-types', { name: '권한 테스트' }), 403, 'FORBIDDEN');
      await t.call(admin, 'PATCH', `/api/permission-groups/${groupId}`, { permissions: ['customers.view', 'settings.manage'] });
      expect((await t.call(session, 'POST', '/api/memo-types', { name: '권한 테스트' })).status).toBe(201);
      const me = await t.call(session, 'GET', '/api/auth/me');
      expect(me.body.user.permissions).toEqual(['customers.view', 'settings.manage']);
    });
  });

  describe('users', () => {
    let admin: Session;
    let groupId: string;
    beforeAll(async () => {
      admin = await t.signup({ name: '박대표' });
      groupId = (await t.call(admin, 'GET', '/api/permission-groups')).body.items[0].id;
    });

    it('lists the admin', async () => {
      const res = await t.call(admin, 'GET', '/api/users');
      expect(res.status).toBe(200);
      expect(res.body.items).toEqual([
        { id: admin.userId, email: expect.stringContaining('@test.yeyak.kr'), name: '박대표', role: 'admin', permissionGroupId: null, active: true, staffId: admin.staffId },
      ]);
    });

    it('creates a member who is also staff and can log in with the group\'s permissions', async () => {
      const email = uniqueEmail('Choi');
      const res = await t.call(admin, 'POST', '/api/users', { name: '최간호사', email: `  ${email.toUpperCase()} `, password: 'nurse-pass-1', role: 'member', permissionGroupId: groupId });
      expect(res.status).toBe(201);
      expect(res.body).toEqual({ id: expect.any(String), email: email.toLowerCase(), name: '최간호사', role: 'member', permissionGroupId: groupId, active: true, staffId: expect.any(String) });
      expect(JSON.stringify(res.body)).not.toMatch(/password|argon/);

      const staff = (await t.call(admin, 'GET', '/api/staff')).body.items;
      expect(staff).toContainEqual(expect.objectContaining({ id: res.body.staffId, kind: 'user', userId: res.body.id, name: '최간호사', active: true }));

      const session = await t.login(email.toLowerCase(), 'nurse-pass-1');
      expect(session.staffId).toBe(res.body.staffId);
      const me = await t.call(session, 'GET', '/api/auth/me');
      expect(me.body.user).toMatchObject({ role: 'member', permissions: ['customers.view', 'customers.edit', 'schedules.edit'] });
      expect((await t.call(admin, 'GET', '/api/users')).body.items).toHaveLength(2);
    });

    it('creates an admin without a group', async () => {
      const res = await t.call(admin, 'POST', '/api/users', { name: '부원장', email: uniqueEmail('vice'), password: 'vice-pass-1', role: 'admin', permissionGroupId: groupId });
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({ role: 'admin', permissionGroupId: null });
    });

    it('refuses a member without a group, an unknown group, a taken email and bad input', async () => {
      expectError(await t.call(admin, 'POST', '/api/users', { name: '무소속', email: uniqueEmail('x'), password: 'password123', role: 'member' }), 400, 'MEMBER_NEEDS_GROUP');
      expectError(await t.call(admin, 'POST', '/api/users', { name: '무소속', email: uniqueEmail('x'), password: 'password123', role: 'member', permissionGroupId: null }), 400, 'MEMBER_NEEDS_GROUP');
      expectError(
        await t.call(admin, 'POST', '/api/users', { name: '유령', email: uniqueEmail('x'), password: 'password123', role: 'member', permissionGroupId: MISSING_ID }),
        404,
        'PERMISSION_GROUP_NOT_FOUND',
      );
      const email = uniqueEmail('dup');
      expect((await t.call(admin, 'POST', '/api/users', { name: '첫째', email, password: 'password123', role: 'member', permissionGroupId: groupId })).status).toBe(201);
      expectError(await t.call(admin, 'POST', '/api/users', { name: '둘째', email: email.toUpperCase(), password: 'password123', role: 'member', permissionGroupId: groupId }), 409, 'EMAIL_TAKEN');
      // Emails are unique across businesses: they are the login.
      const other = await t.signup();
      const otherGroup = (await t.call(other, 'GET', '/api/permission-groups')).body.items[0].id;
      expectError(await t.call(other, 'POST', '/api/users', { name: '셋째', email, password: 'password123', role: 'member', permissionGroupId: otherGroup }), 409, 'EMAIL_TAKEN');

      expectError(await t.call(admin, 'POST', '/api/users', { name: '짧은', email: uniqueEmail('x'), password: 'short', role: 'member', permissionGroupId: groupId }), 400, 'VALIDATION_FAILED');
      expectError(await t.call(admin, 'POST', '/api/users', { name: '메일', email: 'not-an-email', password: 'password123', role: 'admin' }), 400, 'VALIDATION_FAILED');
      expectError(await t.call(admin, 'POST', '/api/users', { name: '역할', email: uniqueEmail('x'), password: 'password123', role: 'owner' }), 400, 'VALIDATION_FAILED');
    });

    it('renames a user (and the staff entry that carries their name), moves them between groups and roles', async () => {
      const created = (await t.call(admin, 'POST', '/api/users', { name: '정직원', email: uniqueEmail('jung'), password: 'password123', role: 'member', permissionGroupId: groupId })).body;
      const other = (await t.call(admin, 'POST', '/api/permission-groups', { name: '실장', permissions: ['settings.manage'] })).body;

      const renamed = await t.call(admin, 'PATCH', `/api/users/${created.id}`, { name: '정실장', permissionGroupId: other.id });
      expect(renamed.status).toBe(200);
      expect(renamed.body).toEqual({ ...created, name: '정실장', permissionGroupId: other.id });
      const staff = (await t.call(admin, 'GET', '/api/staff')).body.items.find((s: { id: string }) => s.id === created.staffId);
      expect(staff.name).toBe('정실장');

      // A staff name set by hand is the business's choice and stays.
      await t.call(admin, 'PATCH', `/api/staff/${created.staffId}`, { name: '정 실장님' });
      await t.call(admin, 'PATCH', `/api/users/${created.id}`, { name: '정팀장' });
      const kept = (await t.call(admin, 'GET', '/api/staff')).body.items.find((s: { id: string }) => s.id === created.staffId);
      expect(kept.name).toBe('정 실장님');

      const promoted = await t.call(admin, 'PATCH', `/api/users/${created.id}`, { role: 'admin' });
      expect(promoted.body).toMatchObject({ role: 'admin', permissionGroupId: null });
      expectError(await t.call(admin, 'PATCH', `/api/users/${created.id}`, { role: 'member' }), 400, 'MEMBER_NEEDS_GROUP');
      expectError(await t.call(admin, 'PATCH', `/api/users/${created.id}`, { role: 'member', permissionGroupId: MISSING_ID }), 404, 'PERMISSION_GROUP_NOT_FOUND');
      const demoted = await t.call(admin, 'PATCH', `/api/users/${created.id}`, { role: 'member', permissionGroupId: groupId });
      expect(demoted.body).toMatchObject({ role: 'member', permissionGroupId: groupId });
      expectError(await t.call(admin, 'PATCH', `/api/users/${created.id}`, { permissionGroupId: null }), 400, 'MEMBER_NEEDS_GROUP');
      expectError(await t.call(admin, 'PATCH', `/api/users/${MISSING_ID}`, { name: '없음' }), 404, 'USER_NOT_FOUND');
    });

    it('deactivating a user ends their sessions, blocks login and their staff entry; reactivating restores them', async () => {
      const { session, userId, staffId, email } = await addMember(t, admin, ['customers.view']);
      expect((await t.call(session, 'GET', '/api/auth/me')).status).toBe(200);

      const off = await t.call(admin, 'PATCH', `/api/users/${userId}`, { active: false });
      expect(off.status).toBe(200);
      expect(off.body.active).toBe(false);
      expectError(await t.call(session, 'GET', '/api/auth/me'), 401, 'UNAUTHENTICATED');
      expectError(await t.call(null, 'POST', '/api/auth/login', { email, password: 'member-pass-1' }), 401, 'LOGIN_FAILED');
      const staff = (await t.call(admin, 'GET', '/api/staff')).body.items.find((s: { id: string }) => s.id === staffId);
      expect(staff.active).toBe(false);

      const on = await t.call(admin, 'PATCH', `/api/users/${userId}`, { active: true });
      expect(on.body.active).toBe(true);
      expect((await t.login(email, 'member-pass-1')).userId).toBe(userId);
      const back = (await t.call(admin, 'GET', '/api/staff')).body.items.find((s: { id: string }) => s.id === staffId);
      expect(back.active).toBe(true);
    });
  });

  describe('last admin', () => {
    it('never leaves a business without an active admin', async () => {
      const owner = await t.signup();
      expectError(await t.call(owner, 'PATCH', `/api/users/${owner.userId}`, { active: false }), 409, 'LAST_ADMIN');
      const groupId = (await t.call(owner, 'GET', '/api/permission-groups')).body.items[0].id;
      expectError(await t.call(owner, 'PATCH', `/api/users/${owner.userId}`, { role: 'member', permissionGroupId: groupId }), 409, 'LAST_ADMIN');
      expect((await t.call(owner, 'PATCH', `/api/users/${owner.userId}`, { role: 'admin', active: true, name: '대표' })).status).toBe(200);

      const secondEmail = uniqueEmail('second');
      const second = (await t.call(owner, 'POST', '/api/users', { name: '공동대표', email: secondEmail, password: 'password123', role: 'admin' })).body;
      // An inactive admin does not count.
      await t.call(owner, 'PATCH', `/api/users/${second.id}`, { active: false });
      expectError(await t.call(owner, 'PATCH', `/api/users/${owner.userId}`, { role: 'member', permissionGroupId: groupId }), 409, 'LAST_ADMIN');

      await t.call(owner, 'PATCH', `/api/users/${second.id}`, { active: true });
      const demoted = await t.call(owner, 'PATCH', `/api/users/${owner.userId}`, { role: 'member', permissionGroupId: groupId });
      expect(demoted.status).toBe(200);
      // The owner is now a member without 설정 관리.
      expectError(await t.call(owner, 'GET', '/api/users'), 403, 'FORBIDDEN');

      const secondSession = await t.login(secondEmail, 'password123');
      const last = await t.call(secondSession, 'PATCH', `/api/users/${second.id}`, { active: false });
      expectError(last, 409, 'LAST_ADMIN');
      expect(last.body.error.message).toMatch(/마지막 관리자/);
      // With the owner an admin again, the second admin may step down.
      expect((await t.call(secondSession, 'PATCH', `/api/users/${owner.userId}`, { role: 'admin' })).status).toBe(200);
      expect((await t.call(secondSession, 'PATCH', `/api/users/${second.id}`, { active: false })).status).toBe(200);
    });

    it('lets only one of two admins demoting each other at the same moment succeed', async () => {
      const a = await t.signup();
      const groupId = (await t.call(a, 'GET', '/api/permission-groups')).body.items[0].id;
      const bEmail = uniqueEmail('b');
      const bUser = (await t.call(a, 'POST', '/api/users', { name: '관리자B', email: bEmail, password: 'password123', role: 'admin' })).body;
      const b = await t.login(bEmail, 'password123');
      const results = await Promise.all([
        t.call(a, 'PATCH', `/api/users/${bUser.id}`, { role: 'member', permissionGroupId: groupId }),
        t.call(b, 'PATCH', `/api/users/${a.userId}`, { role: 'member', permissionGroupId: groupId }),
      ]);
      // The loser is refused either by the last-admin rule or, when the winner committed before the
      // loser's request was authorized, because the loser is no longer an admin.
      const outcomes = results.map((r) => (r.status === 200 ? 'ok' : r.body.error.code)).sort();
      expect(outcomes[1]).toBe('ok');
      expect(['FORBIDDEN', 'LAST_ADMIN']).toContain(outcomes[0]);
      const admins = await t.database.db
        .selectFrom('users')
        .select('id')
        .where('business_id', '=', a.businessId)
        .where('role', '=', 'admin')
        .where('active', '=', true)
        .execute();
      expect(admins).toHaveLength(1);
    });
  });
});
