import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Session, type TestApp } from '../../../test/app.ts';
import { engines } from '../../../test/db.ts';
import { addMember, expectError, MISSING_ID } from '../../../test/helpers.ts';
import type { ScheduleSource, ScheduleStatus } from '../../platform/db/types.ts';
import { constraintError } from '../../platform/errors/constraints.ts';
import { AppError } from '../../platform/errors/registry.ts';
import { SCHEDULE_ASSIGNED_TITLE as ASSIGNED_TITLE } from '../../shared/labels/schedules.ts';
import * as settingsRepo from '../settings/repository.ts';
import * as repo from './repository.ts';

const KST = (local: string) => new Date(`${local}+09:00`).toISOString();

/** A business with its admin, a customer and the ids every test needs, set up without the settings or customers APIs. */
async function setUpBusiness(t: TestApp, options: { departments?: boolean } = {}) {
  const { db } = t.database;
  const admin = await t.signup({ name: '김원장' });
  const businessId = admin.businessId;
  if (options.departments) await db.updateTable('businesses').set({ departments_enabled: true }).where('id', '=', businessId).execute();
  const naverStaff = await db.selectFrom('staff').select('id').where('business_id', '=', businessId).where('kind', '=', 'naver').executeTakeFirstOrThrow();
  const memoType = await db.selectFrom('memo_types').select('id').where('business_id', '=', businessId).executeTakeFirstOrThrow();
  const customer = await addCustomer(t, businessId, '홍길동', '01012345678');
  return { admin, businessId, adminStaffId: admin.staffId!, naverStaffId: naverStaff.id, memoTypeId: memoType.id, customer };
}

async function addCustomer(t: TestApp, businessId: string, name: string, phone: string) {
  return t.database.db.insertInto('customers').values({ business_id: businessId, name, phone }).returning(['id', 'name', 'phone']).executeTakeFirstOrThrow();
}

describe.each(engines)('schedules on %s (CORE-7, CORE-9)', (engine) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(engine);
  });
  afterAll(async () => t?.close());

  function create(session: Session, body: Record<string, unknown>) {
    return t.call(session, 'POST', '/api/schedules', body);
  }

  function base(b: Awaited<ReturnType<typeof setUpBusiness>>, overrides: Record<string, unknown> = {}) {
    return {
      customerId: b.customer.id,
      staffId: b.adminStaffId,
      startsAt: '2026-03-10T10:00:00+09:00',
      endsAt: '2026-03-10T10:30:00+09:00',
      ...overrides,
    };
  }

  async function schedulesInDb(businessId: string) {
    const rows = await t.database.db.selectFrom('schedules').select('id').where('business_id', '=', businessId).execute();
    return rows.length;
  }

  it('creates a schedule with a memo, in one piece, and shows it with the customer, staff, memos and allowed statuses', async () => {
    const b = await setUpBusiness(t);
    const res = await create(b.admin, base(b, { title: '레이저 토닝', memo: { memoTypeId: b.memoTypeId, body: '시술 전 알레르기 확인' } }));
    expect(res.status).toBe(201);
    expect(res.body).toEqual({
      id: expect.any(String),
      bookingNumber: null,
      customerId: b.customer.id,
      customer: { id: b.customer.id, name: '홍길동', phone: '010-1234-5678' },
      staffId: b.adminStaffId,
      staffName: '김원장',
      departmentId: null,
      departmentName: null,
      startsAt: '2026-03-10T01:00:00.000Z',
      endsAt: '2026-03-10T01:30:00.000Z',
      status: 'confirmed',
      rejected: false,
      source: 'manual',
      title: '레이저 토닝',
      version: 1,
      allowedStatuses: ['completed', 'no_show', 'cancelled'],
      undo: null,
      memos: [
        {
          id: expect.any(String),
          memoTypeId: b.memoTypeId,
          memoTypeName: '일반 메모',
          body: '시술 전 알레르기 확인',
          createdAt: expect.any(String),
          createdByName: '김원장',
        },
      ],
      createdAt: expect.any(String),
      updatedAt: expect.any(String),
    });

    const got = await t.call(b.admin, 'GET', `/api/schedules/${res.body.id}`);
    expect(got.status).toBe(200);
    expect(got.body).toEqual(res.body);

    const history = await t.call(b.admin, 'GET', `/api/schedules/${res.body.id}/history`);
    expect(history.body.items).toEqual([{ id: expect.any(String), at: expect.any(String), actorName: '김원장', action: 'created', changes: {} }]);

    const pending = await create(b.admin, base(b, { status: 'pending', allowOverlap: true }));
    expect(pending.body.status).toBe('pending');
    expect(pending.body.allowedStatuses).toEqual(['confirmed', 'cancelled', 'completed']);
  });

  it('masks the phone for users without the full-phone permission (CORE-5)', async () => {
    const b = await setUpBusiness(t);
    const viewer = await addMember(t, b.admin, ['schedules.edit'], { name: '최간호사' });
    const res = await create(b.admin, base(b));
    const seen = await t.call(viewer.session, 'GET', `/api/schedules/${res.body.id}`);
    expect(seen.body.customer.phone).toBe('010-****-5678');
    const calendar = await t.call(viewer.session, 'GET', '/api/calendar?date=2026-03-10');
    expect(calendar.body.schedules[0].customer.phone).toBe('010-****-5678');
  });

  it('answers every invalid creation with its own code and writes nothing', async () => {
    const b = await setUpBusiness(t);
    const other = await setUpBusiness(t, { departments: true });
    const otherDepartment = await settingsRepo.insertDepartment(t.database.db, { businessId: other.businessId, name: '피부과' });
    const inactive = await settingsRepo.insertStaff(t.database.db, { businessId: b.businessId, name: '퇴사자', kind: 'resource' });
    await t.database.db.updateTable('staff').set({ active: false }).where('id', '=', inactive.id).execute();
    const hidden = await settingsRepo.insertMemoType(t.database.db, { businessId: b.businessId, name: '이전 상담 기록', visible: false });
    const before = await schedulesInDb(b.businessId);

    expectError(await create(b.admin, base(b, { endsAt: '2026-03-10T10:00:00+09:00' })), 400, 'SCHEDULE_TIME_INVALID');
    expectError(await create(b.admin, base(b, { endsAt: '2026-03-10T09:00:00+09:00' })), 400, 'SCHEDULE_TIME_INVALID');
    expectError(await create(b.admin, base(b, { staffId: MISSING_ID })), 404, 'STAFF_NOT_FOUND');
    expectError(await create(b.admin, base(b, { staffId: other.adminStaffId })), 404, 'STAFF_NOT_FOUND');
    expectError(await create(b.admin, base(b, { staffId: inactive.id })), 409, 'STAFF_INACTIVE');
    expectError(await create(b.admin, base(b, { customerId: other.customer.id })), 404, 'CUSTOMER_NOT_FOUND');
    expectError(await create(b.admin, base(b, { customerId: MISSING_ID })), 404, 'CUSTOMER_NOT_FOUND');
    expectError(await create(b.admin, base(b, { departmentId: otherDepartment.id })), 409, 'DEPARTMENTS_DISABLED');
    expectError(await create(b.admin, base(b, { memo: { memoTypeId: hidden.id, body: '메모' } })), 409, 'MEMO_TYPE_HIDDEN');
    expectError(await create(b.admin, base(b, { memo: { memoTypeId: other.memoTypeId, body: '메모' } })), 404, 'MEMO_TYPE_NOT_FOUND');
    expectError(await create(b.admin, base(b, { memo: { memoTypeId: b.memoTypeId, body: 'x'.repeat(2001) } })), 400, 'VALIDATION_FAILED');
    expectError(await create(b.admin, base(b, { status: 'completed' })), 400, 'VALIDATION_FAILED');
    expectError(await create(b.admin, base(b, { startsAt: '2026-03-10 10:00' })), 400, 'VALIDATION_FAILED');
    expectError(await create(b.admin, { ...base(b), customerId: 'not-a-uuid' }), 400, 'VALIDATION_FAILED');

    // With departments on: another business's department is not found.
    expectError(await create(other.admin, base(other, { departmentId: (await settingsRepo.insertDepartment(t.database.db, { businessId: b.businessId, name: '남의 부서' })).id })), 404, 'DEPARTMENT_NOT_FOUND');

    expect(await schedulesInDb(b.businessId)).toBe(before);
    const memos = await t.database.db.selectFrom('schedule_memos').select('id').where('business_id', '=', b.businessId).execute();
    expect(memos).toHaveLength(0);
  });

  it('needs the schedules.edit permission to write, and a session to read', async () => {
    const b = await setUpBusiness(t);
    const reader = await addMember(t, b.admin, ['customers.view'], { name: '안내데스크' });
    expectError(await create(reader.session, base(b)), 403, 'FORBIDDEN');
    const created = await create(b.admin, base(b));
    expect((await t.call(reader.session, 'GET', `/api/schedules/${created.body.id}`)).status).toBe(200);
    expectError(await t.call(reader.session, 'PATCH', `/api/schedules/${created.body.id}`, { title: '변경' }), 403, 'FORBIDDEN');
    expectError(await t.call(reader.session, 'POST', `/api/schedules/${created.body.id}/status`, { status: 'cancelled' }), 403, 'FORBIDDEN');
    expectError(await t.call(null, 'GET', '/api/calendar?date=2026-03-10'), 401, 'UNAUTHENTICATED');
  });

  it('puts a schedule in its staff member\'s department when departments are on, unless told otherwise', async () => {
    const b = await setUpBusiness(t, { departments: true });
    const { db } = t.database;
    const laser = await settingsRepo.insertDepartment(db, { businessId: b.businessId, name: '레이저 시술' });
    const consult = await settingsRepo.insertDepartment(db, { businessId: b.businessId, name: '상담' });
    const room = await settingsRepo.insertStaff(db, { businessId: b.businessId, name: '레이저실 1', kind: 'resource', departmentId: laser.id });

    const byStaff = await create(b.admin, base(b, { staffId: room.id }));
    expect(byStaff.body).toMatchObject({ departmentId: laser.id, departmentName: '레이저 시술' });
    const explicit = await create(b.admin, base(b, { staffId: room.id, departmentId: consult.id, allowOverlap: true }));
    expect(explicit.body).toMatchObject({ departmentId: consult.id, departmentName: '상담' });
    const none = await create(b.admin, base(b, { staffId: room.id, departmentId: null, allowOverlap: true }));
    expect(none.body.departmentId).toBeNull();
  });

  it('moves and reassigns a schedule, bumps its version, and records who changed what from → to with names kept', async () => {
    const b = await setUpBusiness(t, { departments: true });
    const { db } = t.database;
    const lee = await addMember(t, b.admin, ['schedules.edit'], { name: '이원장' });
    const derm = await settingsRepo.insertDepartment(db, { businessId: b.businessId, name: '피부과 진료' });
    const created = (await create(b.admin, base(b))).body;

    const moved = await t.call(b.admin, 'PATCH', `/api/schedules/${created.id}`, {
      startsAt: '2026-03-10T14:00:00+09:00',
      endsAt: '2026-03-10T15:00:00+09:00',
      staffId: lee.staffId,
      departmentId: derm.id,
      version: 1,
    });
    expect(moved.status).toBe(200);
    expect(moved.body).toMatchObject({
      startsAt: '2026-03-10T05:00:00.000Z',
      endsAt: '2026-03-10T06:00:00.000Z',
      staffId: lee.staffId,
      staffName: '이원장',
      departmentId: derm.id,
      departmentName: '피부과 진료',
      version: 2,
    });

    // Renames afterwards do not rewrite history.
    await db.updateTable('staff').set({ name: '이부원장' }).where('id', '=', lee.staffId).execute();
    await db.updateTable('departments').set({ name: '피부과' }).where('id', '=', derm.id).execute();

    const cleared = await t.call(b.admin, 'PATCH', `/api/schedules/${created.id}`, { departmentId: null, title: '재진', version: 2 });
    expect(cleared.body).toMatchObject({ departmentId: null, departmentName: null, title: '재진', version: 3 });

    const history = (await t.call(b.admin, 'GET', `/api/schedules/${created.id}/history`)).body.items;
    expect(history.map((h: { action: string }) => h.action)).toEqual(['created', 'updated', 'updated']);
    expect(history[1]).toMatchObject({ actorName: '김원장' });
    expect(history[1].changes).toEqual({
      startsAt: { from: '2026-03-10T01:00:00.000Z', to: '2026-03-10T05:00:00.000Z' },
      endsAt: { from: '2026-03-10T01:30:00.000Z', to: '2026-03-10T06:00:00.000Z' },
      staff: { from: '김원장', to: '이원장', fromId: b.adminStaffId, toId: lee.staffId },
      department: { from: null, to: '피부과 진료', fromId: null, toId: derm.id },
    });
    expect(history[2].changes).toEqual({
      department: { from: '피부과', to: null, fromId: derm.id, toId: null },
      title: { from: '', to: '재진' },
    });

    // The member who made the next change is named in the history.
    const byLee = await t.call(lee.session, 'PATCH', `/api/schedules/${created.id}`, { endsAt: '2026-03-10T15:30:00+09:00' });
    expect(byLee.body.version).toBe(4);
    const last = (await t.call(b.admin, 'GET', `/api/schedules/${created.id}/history`)).body.items.at(-1);
    expect(last).toMatchObject({ actorName: '이원장', changes: { endsAt: { from: '2026-03-10T06:00:00.000Z', to: '2026-03-10T06:30:00.000Z' } } });
  });

  it('changes the customer, refuses bad moves with their codes, and treats a drop in place as no change', async () => {
    const b = await setUpBusiness(t);
    const other = await setUpBusiness(t);
    const kim = await addCustomer(t, b.businessId, '김민준', '01098765432');
    const inactive = await settingsRepo.insertStaff(t.database.db, { businessId: b.businessId, name: '휴직자', kind: 'resource', sortOrder: 5 });
    await t.database.db.updateTable('staff').set({ active: false }).where('id', '=', inactive.id).execute();
    const id = (await create(b.admin, base(b))).body.id;
    const patch = (body: Record<string, unknown>) => t.call(b.admin, 'PATCH', `/api/schedules/${id}`, body);

    const changed = await patch({ customerId: kim.id });
    expect(changed.body.customer).toEqual({ id: kim.id, name: '김민준', phone: '010-9876-5432' });
    expectError(await patch({ customerId: other.customer.id }), 404, 'CUSTOMER_NOT_FOUND');
    expectError(await patch({ staffId: other.adminStaffId }), 404, 'STAFF_NOT_FOUND');
    expectError(await patch({ staffId: inactive.id }), 409, 'STAFF_INACTIVE');
    expectError(await patch({ departmentId: MISSING_ID }), 409, 'DEPARTMENTS_DISABLED');
    expectError(await patch({ endsAt: '2026-03-10T09:00:00+09:00' }), 400, 'SCHEDULE_TIME_INVALID');
    // Nothing to change is a no-op answering the schedule as it is (QUAL-3: the same rule for every PATCH).
    expect((await patch({ version: 2 })).body.version).toBe(2);
    expect((await patch({})).body.version).toBe(2);

    const same = await patch({ startsAt: '2026-03-10T10:00:00+09:00', endsAt: '2026-03-10T10:30:00+09:00', staffId: b.adminStaffId, version: 2 });
    expect(same.status).toBe(200);
    expect(same.body.version).toBe(2);
    const history = (await t.call(b.admin, 'GET', `/api/schedules/${id}/history`)).body.items;
    expect(history).toHaveLength(2);
    expect(history[1].changes).toEqual({ customer: { from: '홍길동', to: '김민준', fromId: b.customer.id, toId: kim.id } });
  });

  it('refuses a stale version with SCHEDULE_VERSION_CONFLICT and changes nothing', async () => {
    const b = await setUpBusiness(t);
    const id = (await create(b.admin, base(b))).body.id;
    expect((await t.call(b.admin, 'PATCH', `/api/schedules/${id}`, { title: '첫 변경', version: 1 })).body.version).toBe(2);
    const stale = await t.call(b.admin, 'PATCH', `/api/schedules/${id}`, { startsAt: '2026-03-10T11:00:00+09:00', endsAt: '2026-03-10T11:30:00+09:00', version: 1 });
    expectError(stale, 409, 'SCHEDULE_VERSION_CONFLICT');
    expectError(await t.call(b.admin, 'POST', `/api/schedules/${id}/status`, { status: 'completed', version: 1 }), 409, 'SCHEDULE_VERSION_CONFLICT');
    const now = (await t.call(b.admin, 'GET', `/api/schedules/${id}`)).body;
    expect(now).toMatchObject({ version: 2, status: 'confirmed', startsAt: '2026-03-10T01:00:00.000Z', title: '첫 변경' });
  });

  it('changes status only along the allowed transitions, records it, and keeps final schedules final', async () => {
    const b = await setUpBusiness(t);
    const id = (await create(b.admin, base(b, { status: 'pending' }))).body.id;
    const status = (to: ScheduleStatus, version?: number) => t.call(b.admin, 'POST', `/api/schedules/${id}/status`, { status: to, version });

    const confirmed = await status('confirmed', 1);
    expect(confirmed.status).toBe(200);
    expect(confirmed.body).toMatchObject({ status: 'confirmed', version: 2, allowedStatuses: ['completed', 'no_show', 'cancelled'] });

    const back = await status('pending');
    expectError(back, 409, 'SCHEDULE_TRANSITION_NOT_ALLOWED');
    expect(back.body.error.message).toContain('예약확정');
    expect(back.body.error.message).toContain('확정대기');

    const completed = await status('completed');
    expect(completed.body).toMatchObject({ status: 'completed', version: 3, allowedStatuses: [] });
    expectError(await status('cancelled'), 409, 'SCHEDULE_TRANSITION_NOT_ALLOWED');
    expectError(await status('bogus' as ScheduleStatus), 400, 'VALIDATION_FAILED');

    // A final schedule can't be moved, reassigned or retitled.
    const move = await t.call(b.admin, 'PATCH', `/api/schedules/${id}`, { startsAt: '2026-03-10T11:00:00+09:00', endsAt: '2026-03-10T11:30:00+09:00', version: 3 });
    expectError(move, 409, 'SCHEDULE_FINAL');
    expectError(await t.call(b.admin, 'PATCH', `/api/schedules/${id}`, { staffId: b.naverStaffId }), 409, 'SCHEDULE_FINAL');

    const history = (await t.call(b.admin, 'GET', `/api/schedules/${id}/history`)).body.items;
    expect(history.map((h: { action: string; changes: object }) => [h.action, h.changes])).toEqual([
      ['created', {}],
      ['status', { status: { from: 'pending', to: 'confirmed' } }],
      ['status', { status: { from: 'confirmed', to: 'completed' } }],
    ]);
  });

  it('NAVER-7: a pending Naver booking can only be confirmed or cancelled', async () => {
    const b = await setUpBusiness(t);
    const row = await repo.insertSchedule(t.database.db, {
      businessId: b.businessId,
      customerId: b.customer.id,
      staffId: b.naverStaffId,
      departmentId: null,
      startsAt: new Date(KST('2026-03-10T11:00:00')),
      endsAt: new Date(KST('2026-03-10T11:30:00')),
      status: 'pending',
      source: 'naver' satisfies ScheduleSource,
      title: '네이버예약',
      createdBy: null,
    });
    const got = await t.call(b.admin, 'GET', `/api/schedules/${row.id}`);
    expect(got.body).toMatchObject({ source: 'naver', staffName: '네이버예약', allowedStatuses: ['confirmed', 'cancelled'] });
    expectError(await t.call(b.admin, 'POST', `/api/schedules/${row.id}/status`, { status: 'completed' }), 409, 'SCHEDULE_TRANSITION_NOT_ALLOWED');
    const confirmed = await t.call(b.admin, 'POST', `/api/schedules/${row.id}/status`, { status: 'confirmed' });
    expect(confirmed.body).toMatchObject({ status: 'confirmed', allowedStatuses: ['completed', 'cancelled'] });

    // Dropped from the "네이버예약" column on a real staff member.
    const assigned = await t.call(b.admin, 'PATCH', `/api/schedules/${row.id}`, { staffId: b.adminStaffId, version: 2 });
    expect(assigned.body).toMatchObject({ staffId: b.adminStaffId, staffName: '김원장', version: 3 });
  });

  it('notifies the newly assigned staff member, never the one who assigned themselves', async () => {
    const b = await setUpBusiness(t);
    const lee = await addMember(t, b.admin, ['schedules.edit'], { name: '이실장' });
    const choi = await addMember(t, b.admin, ['schedules.edit'], { name: '최간호사' });
    const resource = await settingsRepo.insertStaff(t.database.db, { businessId: b.businessId, name: '레이저실', kind: 'resource', sortOrder: 50 });

    const forLee = await create(b.admin, base(b, { staffId: lee.staffId, startsAt: '2026-03-12T14:00:00+09:00', endsAt: '2026-03-12T14:30:00+09:00' }));
    const leeInbox = (await t.call(lee.session, 'GET', '/api/notifications')).body;
    expect(leeInbox.unread).toBe(1);
    expect(leeInbox.items[0]).toMatchObject({ kind: 'schedule_assigned', title: ASSIGNED_TITLE, scheduleId: forLee.body.id, readAt: null });
    expect(leeInbox.items[0].body).toBe('3월 12일 (목) 14:00 홍길동 고객');

    // Lee hands it to Choi: Choi hears about it, Lee (who acted) does not hear again.
    await t.call(lee.session, 'PATCH', `/api/schedules/${forLee.body.id}`, { staffId: choi.staffId });
    const choiInbox = (await t.call(choi.session, 'GET', '/api/notifications')).body;
    expect(choiInbox.items.map((n: { title: string; scheduleId: string }) => [n.title, n.scheduleId])).toEqual([[ASSIGNED_TITLE, forLee.body.id]]);
    expect((await t.call(lee.session, 'GET', '/api/notifications')).body.unread).toBe(1);

    // Choi takes one for themselves, and schedules given to a room notify nobody.
    await create(choi.session, base(b, { staffId: choi.staffId }));
    await t.call(b.admin, 'PATCH', `/api/schedules/${forLee.body.id}`, { staffId: resource.id });
    await create(b.admin, base(b));
    expect((await t.call(choi.session, 'GET', '/api/notifications')).body.unread).toBe(1);
    expect((await t.call(b.admin, 'GET', '/api/notifications')).body.unread).toBe(0);
  });

  it('adds and deletes memos with their history, also on completed schedules, and counts them in the calendar', async () => {
    const b = await setUpBusiness(t);
    const other = await setUpBusiness(t);
    const hidden = await settingsRepo.insertMemoType(t.database.db, { businessId: b.businessId, name: '숨김', visible: false });
    const id = (await create(b.admin, base(b))).body.id;
    await t.call(b.admin, 'POST', `/api/schedules/${id}/status`, { status: 'completed' });

    const added = await t.call(b.admin, 'POST', `/api/schedules/${id}/memos`, { memoTypeId: b.memoTypeId, body: '  시술 후 붉은기 있음  ' });
    expect(added.status).toBe(201);
    expect(added.body).toEqual({ id: expect.any(String), memoTypeId: b.memoTypeId, memoTypeName: '일반 메모', body: '시술 후 붉은기 있음', createdAt: expect.any(String), createdByName: '김원장' });
    await t.call(b.admin, 'POST', `/api/schedules/${id}/memos`, { memoTypeId: b.memoTypeId, body: '다음 방문 때 강도 낮춤' });

    expectError(await t.call(b.admin, 'POST', `/api/schedules/${id}/memos`, { memoTypeId: hidden.id, body: '메모' }), 409, 'MEMO_TYPE_HIDDEN');
    expectError(await t.call(b.admin, 'POST', `/api/schedules/${id}/memos`, { memoTypeId: other.memoTypeId, body: '메모' }), 404, 'MEMO_TYPE_NOT_FOUND');
    expectError(await t.call(b.admin, 'POST', `/api/schedules/${id}/memos`, { memoTypeId: b.memoTypeId, body: '   ' }), 400, 'VALIDATION_FAILED');
    expectError(await t.call(b.admin, 'POST', `/api/schedules/${id}/memos`, { memoTypeId: b.memoTypeId, body: '가'.repeat(2001) }), 400, 'VALIDATION_FAILED');
    expect((await t.call(b.admin, 'POST', `/api/schedules/${id}/memos`, { memoTypeId: b.memoTypeId, body: '가'.repeat(2000) })).status).toBe(201);

    let calendar = (await t.call(b.admin, 'GET', '/api/calendar?date=2026-03-10')).body;
    expect(calendar.schedules[0]).toMatchObject({ id, memoCount: 3 });
    expect(calendar.schedules[0].memos).toBeUndefined();

    expect((await t.call(b.admin, 'DELETE', `/api/schedules/${id}/memos/${added.body.id}`)).status).toBe(204);
    expectError(await t.call(b.admin, 'DELETE', `/api/schedules/${id}/memos/${added.body.id}`), 404, 'MEMO_NOT_FOUND');
    expectError(await t.call(b.admin, 'DELETE', `/api/schedules/${id}/memos/not-a-uuid`), 400, 'VALIDATION_FAILED');

    const detail = (await t.call(b.admin, 'GET', `/api/schedules/${id}`)).body;
    expect(detail.memos.map((m: { body: string }) => m.body)).toEqual(['다음 방문 때 강도 낮춤', '가'.repeat(2000)]);
    calendar = (await t.call(b.admin, 'GET', '/api/calendar?date=2026-03-10')).body;
    expect(calendar.schedules[0].memoCount).toBe(2);

    // Memos written straight to the table (the demo seed, channel syncs) are counted too.
    const { db } = t.database;
    await db.insertInto('schedule_memos').values([1, 2].map((n) => ({ business_id: b.businessId, schedule_id: id, memo_type_id: b.memoTypeId, body: `직접 ${n}` }))).execute();
    expect((await t.call(b.admin, 'GET', '/api/calendar?date=2026-03-10')).body.schedules[0].memoCount).toBe(4);
    await db.deleteFrom('schedule_memos').where('business_id', '=', b.businessId).where('body', 'like', '직접%').execute();
    expect((await t.call(b.admin, 'GET', '/api/calendar?date=2026-03-10')).body.schedules[0].memoCount).toBe(2);

    const history = (await t.call(b.admin, 'GET', `/api/schedules/${id}/history`)).body.items;
    expect(history.map((h: { action: string }) => h.action)).toEqual(['created', 'status', 'memo_added', 'memo_added', 'memo_added', 'memo_deleted']);
    expect(history[2].changes).toEqual({ memo: { from: null, to: '일반 메모: 시술 후 붉은기 있음', toId: added.body.id } });
    expect(history[5].changes).toEqual({ memo: { from: '일반 메모: 시술 후 붉은기 있음', to: null, fromId: added.body.id } });

    // The memo counter does not stand in the way of deleting a schedule with its memos.
    await db.deleteFrom('schedules').where('business_id', '=', b.businessId).where('id', '=', id).execute();
    expectError(await t.call(b.admin, 'GET', `/api/schedules/${id}`), 404, 'SCHEDULE_NOT_FOUND');
  });

  it('OPS-3: a schedule on a staff member\'s occupied time is refused naming the conflict, saved with 겹쳐도 저장; moves and reassignments too; the channel columns and cancelled schedules never conflict', async () => {
    const b = await setUpBusiness(t);
    const first = await create(b.admin, base(b));
    expect(first.status).toBe(201);
    const other = await addCustomer(t, b.businessId, '임꺽정', '01099990001');
    const second = await create(b.admin, base(b, { customerId: other.id, startsAt: '2026-03-10T10:15:00+09:00', endsAt: '2026-03-10T10:45:00+09:00' }));
    expectError(second, 409, 'SCHEDULE_OVERLAP');
    expect(second.body.error.message).toContain('홍길동님 일정');
    expect(second.body.error.message).toContain('10:00–10:30');
    expect(second.body.error.details.conflicts).toEqual([expect.objectContaining({ id: first.body.id, customerName: '홍길동' })]);
    expect(await schedulesInDb(b.businessId)).toBe(1);
    // Touching is not overlapping.
    const after = await create(b.admin, base(b, { customerId: other.id, startsAt: '2026-03-10T10:30:00+09:00', endsAt: '2026-03-10T11:00:00+09:00' }));
    expect(after.status).toBe(201);
    const forced = await create(b.admin, base(b, { customerId: other.id, startsAt: '2026-03-10T10:15:00+09:00', endsAt: '2026-03-10T10:45:00+09:00', allowOverlap: true }));
    expect(forced.status).toBe(201);

    // A move onto the occupied time, and a reassignment onto a busy person.
    const move = (id: string, body: Record<string, unknown>) => t.call(b.admin, 'PATCH', `/api/schedules/${id}`, body);
    expectError(await move(after.body.id, { startsAt: '2026-03-10T10:20:00+09:00', endsAt: '2026-03-10T10:50:00+09:00' }), 409, 'SCHEDULE_OVERLAP');
    const { db } = t.database;
    const room = await settingsRepo.insertStaff(db, { businessId: b.businessId, name: '상담실', kind: 'resource', departmentId: null });
    const inRoom = await create(b.admin, base(b, { staffId: room.id }));
    expect(inRoom.status).toBe(201);
    expectError(await move(inRoom.body.id, { staffId: b.adminStaffId }), 409, 'SCHEDULE_OVERLAP');
    expect((await move(inRoom.body.id, { staffId: b.adminStaffId, allowOverlap: true })).status).toBe(200);

    // Cancelled schedules free their time; a schedule never conflicts with itself.
    await t.call(b.admin, 'POST', `/api/schedules/${forced.body.id}/status`, { status: 'cancelled' });
    await t.call(b.admin, 'POST', `/api/schedules/${inRoom.body.id}/status`, { status: 'cancelled' });
    expect((await move(first.body.id, { startsAt: '2026-03-10T09:50:00+09:00', endsAt: '2026-03-10T10:20:00+09:00' })).status).toBe(200);
    expect((await move(after.body.id, { title: '제목만' })).status).toBe(200);
  });

  it('OPS-4: a schedule whose time has come can be marked 노쇼 (final, counted on the customer, an audience filter); one not yet started cannot', async () => {
    const b = await setUpBusiness(t);
    const past = await create(b.admin, base(b, { startsAt: '2026-01-05T10:00:00+09:00', endsAt: '2026-01-05T10:30:00+09:00' }));
    const future = await create(b.admin, base(b, { startsAt: '2030-01-05T10:00:00+09:00', endsAt: '2030-01-05T10:30:00+09:00' }));
    expect(past.body.allowedStatuses).toEqual(['completed', 'no_show', 'cancelled']);
    expectError(await t.call(b.admin, 'POST', `/api/schedules/${future.body.id}/status`, { status: 'no_show' }), 409, 'SCHEDULE_NO_SHOW_BEFORE_START');
    const marked = await t.call(b.admin, 'POST', `/api/schedules/${past.body.id}/status`, { status: 'no_show' });
    expect(marked.status).toBe(200);
    expect(marked.body).toMatchObject({ status: 'no_show', allowedStatuses: [] });
    expect((await t.call(b.admin, 'GET', `/api/customers/${b.customer.id}`)).body.noShowCount).toBe(1);
    expectError(await t.call(b.admin, 'POST', `/api/schedules/${past.body.id}/status`, { status: 'completed' }), 409, 'SCHEDULE_TRANSITION_NOT_ALLOWED');
    expectError(await t.call(b.admin, 'PATCH', `/api/schedules/${past.body.id}`, { title: '바꾸기' }), 409, 'SCHEDULE_FINAL');
    const history = (await t.call(b.admin, 'GET', `/api/schedules/${past.body.id}/history`)).body.items;
    expect(history.at(-1).changes).toEqual({ status: { from: 'confirmed', to: 'no_show' } });
    await t.database.db.updateTable('customers').set({ marketing_consent: true }).where('id', '=', b.customer.id).execute();
    const audience = await t.call(b.admin, 'POST', '/api/messages/audience', { audience: { kind: 'filter', noShowCount: { min: 1 } }, settings: { visitorRestriction: null, duplicatePrevention: null, performance: null } });
    expect(audience.body.recipients).toBe(1);
    const none = await t.call(b.admin, 'POST', '/api/messages/audience', { audience: { kind: 'filter', noShowCount: { max: 0 } }, settings: { visitorRestriction: null, duplicatePrevention: null, performance: null } });
    expect(none.body.recipients).toBe(0);
  });

  it('returns exactly the schedules of the business\'s local days, with the server in UTC (Asia/Seoul)', async () => {
    expect(new Date(2026, 0, 1).getTimezoneOffset()).toBe(0);
    const b = await setUpBusiness(t);
    const at = async (name: string, start: string, end: string) => {
      // Stacked on one staff on purpose (the day boundaries are under test, not the overlap rule).
      const res = await create(b.admin, base(b, { title: name, startsAt: `${start}+09:00`, endsAt: `${end}+09:00`, allowOverlap: true }));
      expect(res.status).toBe(201);
      return res.body.id as string;
    };
    await at('late', '2026-03-10T23:30:00', '2026-03-10T23:50:00');
    await at('next-day', '2026-03-11T00:10:00', '2026-03-11T00:40:00');
    await at('morning (previous UTC day)', '2026-03-10T08:30:00', '2026-03-10T09:00:00');
    await at('over midnight', '2026-03-09T23:00:00', '2026-03-10T01:00:00');
    await at('ends at midnight', '2026-03-09T14:00:00', '2026-03-10T00:00:00');
    await at('12 hours', '2026-03-09T12:30:00', '2026-03-10T00:30:00');
    await at('13 hours', '2026-03-09T12:00:00', '2026-03-10T01:00:00');
    await at('four days', '2026-03-08T12:00:00', '2026-03-12T12:00:00');
    await at('long and over', '2026-03-01T09:00:00', '2026-03-09T18:00:00');

    const day = async (date: string, days = 1) => {
      const res = await t.call(b.admin, 'GET', `/api/calendar?date=${date}&days=${days}`);
      expect(res.status).toBe(200);
      return res.body;
    };
    const d10 = await day('2026-03-10');
    expect(d10).toMatchObject({ from: '2026-03-09T15:00:00.000Z', to: '2026-03-10T15:00:00.000Z', timeZone: 'Asia/Seoul' });
    expect(d10.schedules.map((s: { title: string }) => s.title)).toEqual(['four days', '13 hours', '12 hours', 'over midnight', 'morning (previous UTC day)', 'late']);
    expect((await day('2026-03-11')).schedules.map((s: { title: string }) => s.title)).toEqual(['four days', 'next-day']);
    expect((await day('2026-03-09')).schedules.map((s: { title: string }) => s.title)).toEqual([
      'long and over',
      'four days',
      '13 hours',
      '12 hours',
      'ends at midnight',
      'over midnight',
    ]);
    const week = await day('2026-03-09', 7);
    expect(week.to).toBe('2026-03-15T15:00:00.000Z');
    expect(week.schedules).toHaveLength(9);
    expect(week.schedules[0]).toMatchObject({ customer: { name: '홍길동', phone: '010-1234-5678' }, staffName: '김원장', status: 'confirmed', allowedStatuses: ['completed', 'no_show', 'cancelled'], memoCount: 0 });

    expectError(await t.call(b.admin, 'GET', '/api/calendar?date=2026-03-10&days=8'), 400, 'VALIDATION_FAILED');
    expectError(await t.call(b.admin, 'GET', '/api/calendar?date=2026-02-30'), 400, 'VALIDATION_FAILED');
    expectError(await t.call(b.admin, 'GET', '/api/calendar'), 400, 'VALIDATION_FAILED');
  });

  it('lists active staff with "네이버예약" and "예약페이지" first, then by order, and the departments', async () => {
    const b = await setUpBusiness(t, { departments: true });
    const { db } = t.database;
    const derm = await settingsRepo.insertDepartment(db, { businessId: b.businessId, name: '피부과', color: '#4f7cff', sortOrder: 2 });
    const consult = await settingsRepo.insertDepartment(db, { businessId: b.businessId, name: '상담', color: '#10b981', sortOrder: 1 });
    await settingsRepo.insertStaff(db, { businessId: b.businessId, name: '먼저', kind: 'resource', sortOrder: -5, departmentId: derm.id, color: '#123456' });
    const gone = await settingsRepo.insertStaff(db, { businessId: b.businessId, name: '비활성', kind: 'resource', sortOrder: 3 });
    await db.updateTable('staff').set({ active: false }).where('id', '=', gone.id).execute();

    const calendar = (await t.call(b.admin, 'GET', '/api/calendar?date=2026-03-10')).body;
    expect(calendar.staff.map((s: { name: string }) => s.name)).toEqual(['네이버예약', '예약페이지', '먼저', '김원장']);
    expect(calendar.staff[2]).toEqual({ id: expect.any(String), name: '먼저', kind: 'resource', userId: null, departmentId: derm.id, color: '#123456', sortOrder: -5, active: true });
    expect(calendar.staff[3]).toMatchObject({ id: b.adminStaffId, kind: 'user', userId: b.admin.userId });
    expect(calendar.departments).toEqual([
      { id: consult.id, name: '상담', color: '#10b981', sortOrder: 1 },
      { id: derm.id, name: '피부과', color: '#4f7cff', sortOrder: 2 },
    ]);
  });

  it('keeps every business out of another\'s schedules (CORE-1)', async () => {
    const b = await setUpBusiness(t);
    const other = await setUpBusiness(t);
    const id = (await create(b.admin, base(b, { memo: { memoTypeId: b.memoTypeId, body: '비밀 메모' } }))).body.id;
    const memoId = (await t.call(b.admin, 'GET', `/api/schedules/${id}`)).body.memos[0].id;

    expectError(await t.call(other.admin, 'GET', `/api/schedules/${id}`), 404, 'SCHEDULE_NOT_FOUND');
    expectError(await t.call(other.admin, 'GET', `/api/schedules/${id}/history`), 404, 'SCHEDULE_NOT_FOUND');
    expectError(await t.call(other.admin, 'PATCH', `/api/schedules/${id}`, { title: '침입' }), 404, 'SCHEDULE_NOT_FOUND');
    expectError(await t.call(other.admin, 'PATCH', `/api/schedules/${id}`, { staffId: other.adminStaffId }), 404, 'SCHEDULE_NOT_FOUND');
    expectError(await t.call(other.admin, 'POST', `/api/schedules/${id}/status`, { status: 'cancelled' }), 404, 'SCHEDULE_NOT_FOUND');
    expectError(await t.call(other.admin, 'POST', `/api/schedules/${id}/memos`, { memoTypeId: other.memoTypeId, body: '메모' }), 404, 'SCHEDULE_NOT_FOUND');
    expectError(await t.call(other.admin, 'DELETE', `/api/schedules/${id}/memos/${memoId}`), 404, 'SCHEDULE_NOT_FOUND');
    expectError(await t.call(b.admin, 'GET', `/api/schedules/${MISSING_ID}`), 404, 'SCHEDULE_NOT_FOUND');
    expect((await t.call(other.admin, 'GET', '/api/calendar?date=2026-03-10')).body.schedules).toEqual([]);

    const untouched = (await t.call(b.admin, 'GET', `/api/schedules/${id}`)).body;
    expect(untouched).toMatchObject({ title: '', status: 'confirmed', version: 1, staffId: b.adminStaffId });
    expect(untouched.memos).toHaveLength(1);
  });

  it('turns a foreign key violation (another business\'s id slipping past the checks) into the NOT_FOUND code', async () => {
    const b = await setUpBusiness(t);
    const other = await setUpBusiness(t);
    const attempt = async (values: Partial<Parameters<typeof repo.insertSchedule>[1]>) => {
      try {
        await repo.insertSchedule(t.database.db, {
          businessId: b.businessId,
          customerId: b.customer.id,
          staffId: b.adminStaffId,
          departmentId: null,
          startsAt: new Date('2026-03-10T01:00:00Z'),
          endsAt: new Date('2026-03-10T02:00:00Z'),
          status: 'confirmed',
          source: 'manual',
          title: '',
          createdBy: null,
          ...values,
        });
      } catch (error) {
        return constraintError(error) ?? error;
      }
      throw new Error('the insert should have failed');
    };
    const codeOf = (error: unknown) => (error instanceof AppError ? error.code : error);
    expect(codeOf(await attempt({ customerId: other.customer.id }))).toBe('CUSTOMER_NOT_FOUND');
    expect(codeOf(await attempt({ staffId: other.adminStaffId }))).toBe('STAFF_NOT_FOUND');
    expect(codeOf(await attempt({ departmentId: MISSING_ID }))).toBe('DEPARTMENT_NOT_FOUND');
    expect(codeOf(await attempt({ endsAt: new Date('2026-03-10T00:00:00Z') }))).toBe('SCHEDULE_TIME_INVALID');

    let memoError: unknown;
    try {
      await repo.insertMemo(t.database.db, { businessId: b.businessId, scheduleId: MISSING_ID, memoTypeId: b.memoTypeId, body: '메모', createdBy: null });
    } catch (error) {
      memoError = constraintError(error) ?? error;
    }
    expect(codeOf(memoError)).toBe('SCHEDULE_NOT_FOUND');
  });

  it('reads the calendar through the day index, and long schedules through their partial index', async () => {
    const b = await setUpBusiness(t);
    const query = repo.calendarSchedulesQuery(t.database.db, b.businessId, new Date('2026-03-09T15:00:00Z'), new Date('2026-03-10T15:00:00Z')).compile();
    // The tables of a test are tiny, so a sequential scan would win; forbid it to see which indexes the query can use.
    const plan = await t.database.db.connection().execute(async (conn) => {
      await sql`set enable_seqscan = off`.execute(conn);
      try {
        const rows = await conn.executeQuery<{ 'QUERY PLAN': string }>({ ...query, sql: `explain ${query.sql}` });
        return rows.rows.map((r) => r['QUERY PLAN']).join('\n');
      } finally {
        await sql`reset enable_seqscan`.execute(conn);
      }
    });
    expect(plan).toContain('schedules_day_idx');
    expect(plan).toContain('schedules_long_idx');
  });
});

describe.each(engines.filter((e) => e === 'postgres'))('schedule races on %s', (engine) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(engine);
  });
  afterAll(async () => t?.close());

  it('lets exactly one of 10 concurrent moves with the same version win; the other 9 get SCHEDULE_VERSION_CONFLICT', async () => {
    const b = await setUpBusiness(t);
    const id = (await t.call(b.admin, 'POST', '/api/schedules', { customerId: b.customer.id, staffId: b.adminStaffId, startsAt: '2026-03-10T10:00:00+09:00', endsAt: '2026-03-10T10:30:00+09:00' })).body.id;
    const results = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        t.call(b.admin, 'PATCH', `/api/schedules/${id}`, {
          startsAt: `2026-03-10T${String(11 + i).padStart(2, '0')}:00:00+09:00`,
          endsAt: `2026-03-10T${String(11 + i).padStart(2, '0')}:30:00+09:00`,
          version: 1,
        }),
      ),
    );
    const winners = results.filter((r) => r.status === 200);
    expect(winners).toHaveLength(1);
    expect(results.filter((r) => r.status === 409 && r.body.error.code === 'SCHEDULE_VERSION_CONFLICT')).toHaveLength(9);

    const final = (await t.call(b.admin, 'GET', `/api/schedules/${id}`)).body;
    expect(final.version).toBe(2);
    expect(final.startsAt).toBe(winners[0]!.body.startsAt);
    const history = (await t.call(b.admin, 'GET', `/api/schedules/${id}/history`)).body.items;
    expect(history.map((h: { action: string }) => h.action)).toEqual(['created', 'updated']);
  });

  it('OPS-3: of 10 clients putting overlapping schedules on one staff member at once without 겹쳐도 저장, exactly one succeeds; two moves into one free slot, one', async () => {
    const b = await setUpBusiness(t);
    const customers = await Promise.all(Array.from({ length: 10 }, (_, i) => addCustomer(t, b.businessId, `경쟁${i}`, `0107777${String(i).padStart(4, '0')}`)));
    const results = await Promise.all(
      customers.map((c, i) =>
        t.call(b.admin, 'POST', '/api/schedules', { customerId: c.id, staffId: b.adminStaffId, startsAt: `2026-04-01T10:${String(i * 2).padStart(2, '0')}:00+09:00`, endsAt: '2026-04-01T11:00:00+09:00' }),
      ),
    );
    expect(results.filter((r) => r.status === 201)).toHaveLength(1);
    expect(results.filter((r) => r.status === 409 && r.body.error.code === 'SCHEDULE_OVERLAP')).toHaveLength(9);
    const day = await t.database.db.selectFrom('schedules').select('id').where('business_id', '=', b.businessId).where('staff_id', '=', b.adminStaffId).where('starts_at', '>=', new Date('2026-04-01T00:00:00+09:00')).execute();
    expect(day).toHaveLength(1);

    const a = (await t.call(b.admin, 'POST', '/api/schedules', { customerId: customers[1]!.id, staffId: b.adminStaffId, startsAt: '2026-04-02T09:00:00+09:00', endsAt: '2026-04-02T09:30:00+09:00' })).body.id;
    const c = (await t.call(b.admin, 'POST', '/api/schedules', { customerId: customers[2]!.id, staffId: b.adminStaffId, startsAt: '2026-04-02T15:00:00+09:00', endsAt: '2026-04-02T15:30:00+09:00' })).body.id;
    const moves = await Promise.all([a, c].map((id) => t.call(b.admin, 'PATCH', `/api/schedules/${id}`, { startsAt: '2026-04-02T12:00:00+09:00', endsAt: '2026-04-02T12:30:00+09:00' })));
    expect(moves.map((m) => m.status).sort()).toEqual([200, 409]);
  });

  it('applies one of 10 concurrent confirmations of a pending schedule and refuses the rest by the transition table', async () => {
    const b = await setUpBusiness(t);
    const id = (await t.call(b.admin, 'POST', '/api/schedules', { customerId: b.customer.id, staffId: b.adminStaffId, startsAt: '2026-03-10T10:00:00+09:00', endsAt: '2026-03-10T10:30:00+09:00', status: 'pending' })).body.id;
    const results = await Promise.all(Array.from({ length: 10 }, () => t.call(b.admin, 'POST', `/api/schedules/${id}/status`, { status: 'confirmed' })));
    expect(results.filter((r) => r.status === 200)).toHaveLength(1);
    expect(results.filter((r) => r.body?.error?.code === 'SCHEDULE_TRANSITION_NOT_ALLOWED')).toHaveLength(9);
    const history = (await t.call(b.admin, 'GET', `/api/schedules/${id}/history`)).body.items;
    expect(history.filter((h: { action: string }) => h.action === 'status')).toHaveLength(1);
  });
});
