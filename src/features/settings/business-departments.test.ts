import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Session, type TestApp } from '../../../test/app.ts';
import { engines } from '../../../test/db.ts';
import { expectError, MISSING_ID } from '../../../test/helpers.ts';
import { insertSchedule } from './test-fixtures.ts';

describe.each(engines)('business settings and departments on %s (CORE-1, CORE-3)', (engine) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(engine);
  });
  afterAll(async () => t?.close());

  describe('business', () => {
    let admin: Session;
    beforeAll(async () => {
      admin = await t.signup({ businessName: '맑은 피부과', serviceType: 'clinic' });
    });

    it('shows the business with its defaults', async () => {
      const res = await t.call(admin, 'GET', '/api/business');
      expect(res.status).toBe(200);
      expect(res.body).toEqual({
        id: admin.businessId,
        name: '맑은 피부과',
        serviceType: 'clinic',
        timeZone: 'Asia/Seoul',
        phone: '',
        departmentsEnabled: false,
      });
    });

    it('changes name, phone (stored as digits), service type, time zone and departments', async () => {
      const res = await t.call(admin, 'PATCH', '/api/business', {
        name: '  맑은 피부과의원 ',
        phone: '02-123-4567',
        serviceType: 'beauty',
        timeZone: 'America/New_York',
        departmentsEnabled: true,
      });
      expect(res.status).toBe(200);
      expect(res.body).toEqual({
        id: admin.businessId,
        name: '맑은 피부과의원',
        serviceType: 'beauty',
        timeZone: 'America/New_York',
        phone: '021234567',
        departmentsEnabled: true,
      });
      const me = await t.call(admin, 'GET', '/api/auth/me');
      expect(me.body.business).toMatchObject({ name: '맑은 피부과의원', timeZone: 'America/New_York', departmentsEnabled: true, phone: '021234567' });

      const mobile = await t.call(admin, 'PATCH', '/api/business', { phone: '+82 10-9876-5432' });
      expect(mobile.body.phone).toBe('01098765432');
      const cleared = await t.call(admin, 'PATCH', '/api/business', { phone: '' });
      expect(cleared.body.phone).toBe('');
      const unchanged = await t.call(admin, 'PATCH', '/api/business', {});
      expect(unchanged.status).toBe(200);
      expect(unchanged.body.name).toBe('맑은 피부과의원');
    });

    it('refuses an invalid phone, time zone or service type', async () => {
      expectError(await t.call(admin, 'PATCH', '/api/business', { phone: '123' }), 400, 'PHONE_INVALID');
      expectError(await t.call(admin, 'PATCH', '/api/business', { phone: '010-12-34' }), 400, 'PHONE_INVALID');
      expectError(await t.call(admin, 'PATCH', '/api/business', { timeZone: 'Mars/Olympus_Mons' }), 400, 'TIME_ZONE_INVALID');
      expectError(await t.call(admin, 'PATCH', '/api/business', { serviceType: 'bank' }), 400, 'VALIDATION_FAILED');
      expectError(await t.call(admin, 'PATCH', '/api/business', { name: '   ' }), 400, 'VALIDATION_FAILED');
      const after = await t.call(admin, 'GET', '/api/business');
      expect(after.body.timeZone).toBe('America/New_York');
    });
  });

  describe('departments', () => {
    let admin: Session;
    beforeAll(async () => {
      admin = await t.signup();
    });

    it('refuses to add a department while "부서기능 사용" is off', async () => {
      expectError(await t.call(admin, 'POST', '/api/departments', { name: '피부과' }), 409, 'DEPARTMENTS_DISABLED');
      expect((await t.call(admin, 'GET', '/api/departments')).body).toEqual({ items: [] });
    });

    it('adds, lists in order, renames and recolours departments once turned on', async () => {
      await t.call(admin, 'PATCH', '/api/business', { departmentsEnabled: true });
      const first = await t.call(admin, 'POST', '/api/departments', { name: '피부과 진료' });
      expect(first.status).toBe(201);
      expect(first.body).toEqual({ id: expect.any(String), name: '피부과 진료', color: '#4f7cff', sortOrder: 0 });
      const second = await t.call(admin, 'POST', '/api/departments', { name: '레이저 시술', color: '#f97316' });
      expect(second.body.sortOrder).toBe(1);
      const early = await t.call(admin, 'POST', '/api/departments', { name: '상담', sortOrder: -5 });
      expect(early.body.sortOrder).toBe(-5);
      const tie = await t.call(admin, 'POST', '/api/departments', { name: '가나 상담', sortOrder: 1 });

      const list = await t.call(admin, 'GET', '/api/departments');
      expect(list.status).toBe(200);
      expect(list.body.items.map((d: { name: string }) => d.name)).toEqual(['상담', '피부과 진료', '가나 상담', '레이저 시술']);

      const renamed = await t.call(admin, 'PATCH', `/api/departments/${tie.body.id}`, { name: '보톡스', color: '#10b981', sortOrder: 9 });
      expect(renamed.status).toBe(200);
      expect(renamed.body).toEqual({ id: tie.body.id, name: '보톡스', color: '#10b981', sortOrder: 9 });
      const same = await t.call(admin, 'PATCH', `/api/departments/${tie.body.id}`, {});
      expect(same.body).toEqual(renamed.body);
    });

    it('refuses a second department of the same name, on add and on rename', async () => {
      const a = await t.call(admin, 'POST', '/api/departments', { name: '소아과' });
      expect(a.status).toBe(201);
      expectError(await t.call(admin, 'POST', '/api/departments', { name: ' 소아과 ' }), 409, 'DEPARTMENT_NAME_TAKEN');
      const b = await t.call(admin, 'POST', '/api/departments', { name: '내과' });
      expectError(await t.call(admin, 'PATCH', `/api/departments/${b.body.id}`, { name: '소아과' }), 409, 'DEPARTMENT_NAME_TAKEN');
    });

    it('answers bad input and unknown ids without a 500', async () => {
      expectError(await t.call(admin, 'POST', '/api/departments', { name: '색상', color: 'red' }), 400, 'VALIDATION_FAILED');
      expectError(await t.call(admin, 'POST', '/api/departments', {}), 400, 'VALIDATION_FAILED');
      expectError(await t.call(admin, 'PATCH', '/api/departments/not-a-uuid', { name: 'x' }), 400, 'VALIDATION_FAILED');
      expectError(await t.call(admin, 'PATCH', `/api/departments/${MISSING_ID}`, { name: 'x' }), 404, 'DEPARTMENT_NOT_FOUND');
      expectError(await t.call(admin, 'DELETE', `/api/departments/${MISSING_ID}`), 404, 'DEPARTMENT_NOT_FOUND');
    });

    it('deletes an unused department and keeps one that staff or schedules use', async () => {
      const byStaff = (await t.call(admin, 'POST', '/api/departments', { name: '직원 부서' })).body;
      const bySchedule = (await t.call(admin, 'POST', '/api/departments', { name: '일정 부서' })).body;
      const unused = (await t.call(admin, 'POST', '/api/departments', { name: '빈 부서' })).body;

      const room = await t.call(admin, 'POST', '/api/staff', { name: '상담실', kind: 'resource', departmentId: byStaff.id });
      expect(room.status).toBe(201);
      await insertSchedule(t, admin.businessId, { staffId: admin.staffId!, departmentId: bySchedule.id });

      expectError(await t.call(admin, 'DELETE', `/api/departments/${byStaff.id}`), 409, 'DEPARTMENT_IN_USE');
      expectError(await t.call(admin, 'DELETE', `/api/departments/${bySchedule.id}`), 409, 'DEPARTMENT_IN_USE');

      const gone = await t.call(admin, 'DELETE', `/api/departments/${unused.id}`);
      expect(gone.status).toBe(204);
      const names = (await t.call(admin, 'GET', '/api/departments')).body.items.map((d: { name: string }) => d.name);
      expect(names).toContain('직원 부서');
      expect(names).not.toContain('빈 부서');
      expectError(await t.call(admin, 'DELETE', `/api/departments/${unused.id}`), 404, 'DEPARTMENT_NOT_FOUND');

      // Once the staff moves elsewhere, the department can go.
      await t.call(admin, 'PATCH', `/api/staff/${room.body.id}`, { departmentId: null });
      expect((await t.call(admin, 'DELETE', `/api/departments/${byStaff.id}`)).status).toBe(204);
    });

    it('keeps departments editable after the feature is turned off again', async () => {
      const d = (await t.call(admin, 'POST', '/api/departments', { name: '임시 부서' })).body;
      await t.call(admin, 'PATCH', '/api/business', { departmentsEnabled: false });
      expectError(await t.call(admin, 'POST', '/api/departments', { name: '새 부서' }), 409, 'DEPARTMENTS_DISABLED');
      expect((await t.call(admin, 'PATCH', `/api/departments/${d.id}`, { name: '임시 부서 2' })).status).toBe(200);
      expect((await t.call(admin, 'DELETE', `/api/departments/${d.id}`)).status).toBe(204);
    });
  });
});
