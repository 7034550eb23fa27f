import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Session, type TestApp } from '../../../test/app.ts';
import { engines } from '../../../test/db.ts';
import { addMember, expectError } from '../../../test/helpers.ts';
import type { ScheduleSource, ScheduleStatus } from '../../platform/db/types.ts';
import { STATUS_UNDO_WINDOW_MS } from './domain/undo.ts';
import * as repo from './repository.ts';

/**
 * OPS-4: 완료 before the start needs confirmEarly, and the undo of the last
 * status change (POST /api/schedules/:id/status/undo) with what the change
 * did elsewhere reversed in its transaction.
 */

const HOUR = 3600_000;

async function setUp(t: TestApp) {
  const admin = await t.signup({ name: '김원장' });
  const customer = await t.database.db
    .insertInto('customers')
    .values({ business_id: admin.businessId, name: '홍길동', phone: '01012345678' })
    .returning(['id'])
    .executeTakeFirstOrThrow();
  return { admin, businessId: admin.businessId, staffId: admin.staffId!, customerId: customer.id };
}

type Setup = Awaited<ReturnType<typeof setUp>>;

async function schedule(t: TestApp, b: Setup, startsAt: Date, extra: Record<string, unknown> = {}) {
  const res = await t.call(b.admin, 'POST', '/api/schedules', {
    customerId: b.customerId,
    staffId: b.staffId,
    startsAt: startsAt.toISOString(),
    endsAt: new Date(startsAt.getTime() + HOUR / 2).toISOString(),
    ...extra,
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body as { id: string; version: number };
}

function status(t: TestApp, session: Session, id: string, to: ScheduleStatus, extra: Record<string, unknown> = {}) {
  return t.call(session, 'POST', `/api/schedules/${id}/status`, { status: to, ...extra });
}

function undo(t: TestApp, session: Session, id: string, body: Record<string, unknown> = {}) {
  return t.call(session, 'POST', `/api/schedules/${id}/status/undo`, body);
}

async function customerRow(t: TestApp, b: Setup) {
  return t.database.db
    .selectFrom('customers')
    .select(['visit_count', 'last_visit_at', 'no_show_count'])
    .where('business_id', '=', b.businessId)
    .where('id', '=', b.customerId)
    .executeTakeFirstOrThrow();
}

async function history(t: TestApp, session: Session, id: string) {
  const items = (await t.call(session, 'GET', `/api/schedules/${id}/history`)).body.items as { action: string; actorName: string; changes: Record<string, unknown> }[];
  return items.map((h) => [h.action, h.actorName, h.changes]);
}

describe.each(engines)('status undo on %s (OPS-4)', (engine) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(engine);
  });
  afterAll(async () => t?.close());

  it('완료 before the start is refused without confirmEarly (SCHEDULE_COMPLETE_EARLY) and writes nothing; with it, it is a visit now', async () => {
    const b = await setUp(t);
    const future = await schedule(t, b, new Date(Date.now() + 2 * HOUR));
    expectError(await status(t, b.admin, future.id, 'completed'), 409, 'SCHEDULE_COMPLETE_EARLY');
    expectError(await status(t, b.admin, future.id, 'completed', { confirmEarly: false }), 409, 'SCHEDULE_COMPLETE_EARLY');
    expect((await t.call(b.admin, 'GET', `/api/schedules/${future.id}`)).body).toMatchObject({ status: 'confirmed', version: 1, undo: null });
    expect((await customerRow(t, b)).visit_count).toBe(0);

    const done = await status(t, b.admin, future.id, 'completed', { confirmEarly: true });
    expect(done.status, JSON.stringify(done.body)).toBe(200);
    expect((await customerRow(t, b)).visit_count).toBe(1);
    // A started schedule needs no confirmation.
    const past = await schedule(t, b, new Date(Date.now() - 3 * HOUR));
    expect((await status(t, b.admin, past.id, 'completed')).status).toBe(200);
  });

  it('노쇼 then 되돌리기: back to 예약확정, the 노쇼 count as before, the history says so with who, and no second undo', async () => {
    const b = await setUp(t);
    const s = await schedule(t, b, new Date(Date.now() - HOUR));
    const marked = await status(t, b.admin, s.id, 'no_show');
    expect(marked.status).toBe(200);
    expect(marked.body.undo).toEqual({ to: 'confirmed', until: expect.any(String) });
    const until = Date.parse(marked.body.undo.until);
    expect(until - Date.now()).toBeGreaterThan(STATUS_UNDO_WINDOW_MS - 60_000);
    expect(until - Date.now()).toBeLessThanOrEqual(STATUS_UNDO_WINDOW_MS);
    expect((await customerRow(t, b)).no_show_count).toBe(1);
    expect((await t.call(b.admin, 'GET', `/api/customers/${b.customerId}`)).body.noShowCount).toBe(1);

    expectError(await undo(t, b.admin, s.id, { version: 1 }), 409, 'SCHEDULE_VERSION_CONFLICT');
    const undone = await undo(t, b.admin, s.id, { version: 2 });
    expect(undone.status, JSON.stringify(undone.body)).toBe(200);
    expect(undone.body).toMatchObject({ status: 'confirmed', version: 3, undo: null, allowedStatuses: ['completed', 'no_show', 'cancelled'] });
    expect((await customerRow(t, b)).no_show_count).toBe(0);
    expect((await t.call(b.admin, 'GET', `/api/customers/${b.customerId}`)).body.noShowCount).toBe(0);
    expect(await history(t, b.admin, s.id)).toEqual([
      ['created', '김원장', {}],
      ['status', '김원장', { status: { from: 'confirmed', to: 'no_show' } }],
      ['status_undone', '김원장', { status: { from: 'no_show', to: 'confirmed' } }],
    ]);

    const again = await t.call(b.admin, 'POST', `/api/schedules/${s.id}/status/undo`);
    expectError(again, 409, 'SCHEDULE_UNDO_NOT_ALLOWED');
    expect(again.body.error.message).toContain('이미 되돌린');
    // A new change is its own last change, and can be taken back again.
    expect((await status(t, b.admin, s.id, 'no_show')).body.undo).toMatchObject({ to: 'confirmed' });
    expect((await customerRow(t, b)).no_show_count).toBe(1);
  });

  it('되돌리기 of 완료 takes the visit back: no visit of the schedule, the visit count and the last visit as before', async () => {
    const b = await setUp(t);
    const earlier = await schedule(t, b, new Date(Date.now() - 48 * HOUR));
    expect((await status(t, b.admin, earlier.id, 'completed')).status).toBe(200);
    const before = await customerRow(t, b);
    expect(before.visit_count).toBe(1);

    const today = await schedule(t, b, new Date(Date.now() - HOUR));
    const done = await status(t, b.admin, today.id, 'completed');
    expect(done.body.undo).toMatchObject({ to: 'confirmed' });
    expect((await customerRow(t, b)).visit_count).toBe(2);
    expect((await t.call(b.admin, 'GET', `/api/customers/${b.customerId}/visits`)).body.total).toBe(2);

    const undone = await undo(t, b.admin, today.id);
    expect(undone.status, JSON.stringify(undone.body)).toBe(200);
    expect(undone.body.status).toBe('confirmed');
    expect(await customerRow(t, b)).toEqual(before);
    const visits = await t.database.db.selectFrom('customer_visits').select('schedule_id').where('business_id', '=', b.businessId).execute();
    expect(visits).toEqual([{ schedule_id: earlier.id }]);
    // Completed again: one visit again.
    expect((await status(t, b.admin, today.id, 'completed')).status).toBe(200);
    expect((await customerRow(t, b)).visit_count).toBe(2);
  });

  it('되돌리기 of a 취소 withdraws the unsent cancellation notice and plans the reminder again; once the notice went, it is refused', async () => {
    const b = await setUp(t);
    const saved = await t.call(b.admin, 'PUT', '/api/settings/notices', {
      disabledEvents: [],
      reminder: { mode: 'hours_before', days: 1, time: '10:00', hours: 2 },
      manualSchedules: true,
    });
    expect(saved.status, JSON.stringify(saved.body)).toBe(200);
    // Three days ahead at 14:00 KST (05:00Z): the reminder goes at 12:00 KST.
    const day = new Date(Date.now() + 3 * 24 * HOUR);
    const startsAt = new Date(Date.UTC(day.getUTCFullYear(), day.getUTCMonth(), day.getUTCDate(), 5));
    const s = await schedule(t, b, startsAt);
    const notices = async () =>
      Object.fromEntries(
        (await t.database.db.selectFrom('customer_notices').select(['event', 'status']).where('business_id', '=', b.businessId).where('schedule_id', '=', s.id).execute()).map((n) => [n.event, n.status]),
      );
    expect(await notices()).toEqual({ booking_confirmed: 'pending', reminder: 'pending' });

    expect((await status(t, b.admin, s.id, 'cancelled')).body.undo).toMatchObject({ to: 'confirmed' });
    expect(await notices()).toEqual({ booking_confirmed: 'pending', reminder: 'cancelled', booking_cancelled: 'pending' });
    expect((await undo(t, b.admin, s.id)).body.status).toBe('confirmed');
    expect(await notices()).toEqual({ booking_confirmed: 'pending', reminder: 'pending', booking_cancelled: 'cancelled' });

    // Cancelled again: the customer is told again; once the sender has it, the 취소 stands.
    expect((await status(t, b.admin, s.id, 'cancelled')).status).toBe(200);
    expect(await notices()).toMatchObject({ booking_cancelled: 'pending', reminder: 'cancelled' });
    await t.database.db.updateTable('customer_notices').set({ status: 'sent' }).where('business_id', '=', b.businessId).where('schedule_id', '=', s.id).where('event', '=', 'booking_cancelled').execute();
    expect((await t.call(b.admin, 'GET', `/api/schedules/${s.id}`)).body.undo).toBeNull();
    const refused = await undo(t, b.admin, s.id);
    expectError(refused, 409, 'SCHEDULE_UNDO_NOT_ALLOWED');
    expect(refused.body.error.message).toContain('취소 알림이 이미 발송');
    expect((await t.call(b.admin, 'GET', `/api/schedules/${s.id}`)).body.status).toBe('cancelled');
    expect(await notices()).toMatchObject({ booking_cancelled: 'sent', reminder: 'cancelled' });
  });

  it('refuses a cancelled booking-page or Naver schedule (취소 stays final, the channel was told)', async () => {
    const b = await setUp(t);
    const refusedFor = async (source: ScheduleSource) => {
      const row = await repo.insertSchedule(t.database.db, {
        businessId: b.businessId,
        customerId: b.customerId,
        staffId: b.staffId,
        departmentId: null,
        startsAt: new Date(Date.now() - HOUR),
        endsAt: new Date(Date.now() - HOUR / 2),
        status: 'cancelled',
        source,
        title: source,
        createdBy: null,
      });
      await repo.insertHistory(t.database.db, { businessId: b.businessId, scheduleId: row.id, userId: b.admin.userId, actorLabel: null, action: 'status', changes: { status: { from: 'confirmed', to: 'cancelled' } } });
      expect((await t.call(b.admin, 'GET', `/api/schedules/${row.id}`)).body.undo).toBeNull();
      const res = await undo(t, b.admin, row.id);
      expectError(res, 409, 'SCHEDULE_UNDO_NOT_ALLOWED');
      expect((await t.call(b.admin, 'GET', `/api/schedules/${row.id}`)).body).toMatchObject({ status: 'cancelled', version: 1 });
      return res.body.error.message as string;
    };
    expect(await refusedFor('booking_page')).toContain('취소는 되돌릴 수 없습니다');
    expect(await refusedFor('naver')).toContain('네이버');
  });

  it('refuses after 10 minutes (SCHEDULE_UNDO_EXPIRED) and changes nothing', async () => {
    const b = await setUp(t);
    const s = await schedule(t, b, new Date(Date.now() - HOUR));
    await status(t, b.admin, s.id, 'no_show');
    await t.database.db
      .updateTable('schedule_history')
      .set({ at: sql<Date>`now() - interval '10 minutes 1 second'` })
      .where('business_id', '=', b.businessId)
      .where('schedule_id', '=', s.id)
      .where('action', '=', 'status')
      .execute();
    expect((await t.call(b.admin, 'GET', `/api/schedules/${s.id}`)).body.undo).toBeNull();
    const res = await undo(t, b.admin, s.id);
    expectError(res, 409, 'SCHEDULE_UNDO_EXPIRED');
    expect(res.body.error.message).toContain('10분');
    expect((await t.call(b.admin, 'GET', `/api/schedules/${s.id}`)).body).toMatchObject({ status: 'no_show', version: 2 });
    expect((await customerRow(t, b)).no_show_count).toBe(1);
  });

  it('only the user who made the change or an admin, with the status permission; another business gets 404', async () => {
    const b = await setUp(t);
    const lee = await addMember(t, b.admin, ['schedules.edit'], { name: '이실장' });
    const choi = await addMember(t, b.admin, ['schedules.edit'], { name: '최간호사' });
    const reader = await addMember(t, b.admin, ['customers.view']);
    const other = await t.signup();
    const first = await schedule(t, b, new Date(Date.now() - 2 * HOUR));
    const second = await schedule(t, b, new Date(Date.now() - HOUR));
    expect((await status(t, lee.session, first.id, 'no_show')).body.undo).toMatchObject({ to: 'confirmed' });
    await status(t, lee.session, second.id, 'no_show');

    expect((await t.call(choi.session, 'GET', `/api/schedules/${first.id}`)).body.undo).toBeNull();
    const colleague = await undo(t, choi.session, first.id);
    expectError(colleague, 409, 'SCHEDULE_UNDO_NOT_ALLOWED');
    expect(colleague.body.error.message).toContain('관리자');
    expectError(await undo(t, reader.session, first.id), 403, 'FORBIDDEN');
    expectError(await undo(t, other, first.id), 404, 'SCHEDULE_NOT_FOUND');

    expect((await undo(t, lee.session, first.id)).body.status).toBe('confirmed');
    expect((await t.call(b.admin, 'GET', `/api/schedules/${second.id}`)).body.undo).toMatchObject({ to: 'confirmed' });
    expect((await undo(t, b.admin, second.id)).body.status).toBe('confirmed');
    expect((await history(t, b.admin, second.id)).at(-1)).toEqual(['status_undone', '김원장', { status: { from: 'no_show', to: 'confirmed' } }]);
    expect((await customerRow(t, b)).no_show_count).toBe(0);
  });
});

describe.each(engines.filter((e) => e === 'postgres'))('status undo races on %s (OPS-4)', (engine) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(engine);
  });
  afterAll(async () => t?.close());

  it('of two undos at once exactly one succeeds; the 노쇼 count goes down once', async () => {
    const b = await setUp(t);
    for (let round = 0; round < 5; round += 1) {
      const kept = await schedule(t, b, new Date(Date.now() - (2 * round + 2) * HOUR));
      const s = await schedule(t, b, new Date(Date.now() - (2 * round + 3) * HOUR));
      await status(t, b.admin, kept.id, 'no_show');
      await status(t, b.admin, s.id, 'no_show');
      const before = (await customerRow(t, b)).no_show_count;
      const results = await Promise.all([undo(t, b.admin, s.id), undo(t, b.admin, s.id)]);
      expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
      expect(results.find((r) => r.status === 409)!.body.error.code).toBe('SCHEDULE_UNDO_NOT_ALLOWED');
      expect((await customerRow(t, b)).no_show_count).toBe(before - 1);
      expect((await history(t, b.admin, s.id)).filter(([action]) => action === 'status_undone')).toHaveLength(1);
    }
  });
});
