import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Session, type TestApp } from '../../../test/app.ts';
import { engines } from '../../../test/db.ts';
import { addMember } from '../../../test/helpers.ts';
import { sign, signedHeaders } from './domain/signature.ts';
import { bookingEvent, connectNaver, postEvent } from './test-helpers.ts';

describe.each(engines)('Naver inbound webhook on %s (NAVER-4..6, NAVER-8)', (engine) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(engine);
  });
  afterAll(async () => t?.close());

  async function scheduleCount(businessId: string) {
    const row = await t.database.db.selectFrom('schedules').select((eb) => eb.fn.countAll<number>().as('n')).where('business_id', '=', businessId).executeTakeFirstOrThrow();
    return Number(row.n);
  }


  it('refuses unsigned, malformed, stale and forged requests and changes nothing', async () => {
    const admin = await t.signup();
    const { secret } = await connectNaver(t, admin);
    const event = bookingEvent('NB-SIG', 1);
    const body = JSON.stringify(event);
    const now = Math.floor(Date.now() / 1000);
    const stale = String(now - 301);
    const attempts: Record<string, string>[] = [
      { 'content-type': 'application/json' },
      { 'content-type': 'application/json', 'x-naver-timestamp': String(now), 'x-naver-signature': 'nope' },
      { 'content-type': 'application/json', 'x-naver-timestamp': stale, 'x-naver-signature': sign(secret, stale, body) },
      { 'content-type': 'application/json', 'x-naver-timestamp': String(now), 'x-naver-signature': sign('wrong-secret', String(now), body) },
      { ...signedHeaders(secret, body.replace('홍길동', '김철수')) },
    ];
    for (const headers of attempts) {
      const res = await postEvent(t, admin.businessId, secret, event, headers);
      expect(res.status).toBe(401);
      expect(res.body.error.code).toBe('NAVER_SIGNATURE_INVALID');
    }
    expect(await scheduleCount(admin.businessId)).toBe(0);
  });

  it('answers a business that is not connected, or does not exist, exactly as a connected one with a wrong signature (SEC-4)', async () => {
    const connected = await t.signup();
    await connectNaver(t, connected);
    const disconnected = await t.signup();
    const unknownId = '00000000-0000-4000-8000-000000000000';
    const answers = [];
    for (const businessId of [connected.businessId, disconnected.businessId, unknownId]) {
      const unsigned = await t.app.inject({ method: 'POST', url: `/api/channels/naver/${businessId}/events`, headers: { 'content-type': 'application/json' }, payload: JSON.stringify(bookingEvent('NB-OFF', 1)) });
      const forged = await postEvent(t, businessId, 'a-secret-nobody-has', bookingEvent('NB-OFF', 1));
      answers.push([unsigned.statusCode, unsigned.json(), forged.status, forged.body]);
    }
    expect(answers[0]).toEqual([401, { error: expect.objectContaining({ code: 'NAVER_SIGNATURE_INVALID' }) }, 401, { error: expect.objectContaining({ code: 'NAVER_SIGNATURE_INVALID' }) }]);
    expect(answers[1]).toEqual(answers[0]);
    expect(answers[2]).toEqual(answers[0]);
    expect(await scheduleCount(disconnected.businessId)).toBe(0);
  });

  it('creates the schedule on 네이버예약 in the linked department with options in the mapped memo, and alerts the right people once', async () => {
    const admin = await t.signup();
    const withAlert = (await addMember(t, admin, ['customers.view', 'naver.alert'], { name: '알림있음' })).session;
    const withoutAlert = (await addMember(t, admin, ['customers.view', 'schedules.edit'], { name: '알림없음' })).session;
    const { secret, memoTypeId, departmentId } = await connectNaver(t, admin);

    const created = await postEvent(t, admin.businessId, secret, bookingEvent('NB-1', 1));
    expect(created).toEqual({ status: 200, body: { result: 'created' } });

    const day = await t.call(admin, 'GET', '/api/calendar?date=2026-11-24&days=1');
    const schedule = day.body.schedules.find((s: { source: string }) => s.source === 'naver');
    const naverStaff = day.body.staff.find((s: { kind: string }) => s.kind === 'naver');
    expect(schedule.staffId).toBe(naverStaff.id);
    expect(naverStaff.name).toBe('네이버예약');
    expect(schedule.departmentId).toBe(departmentId);
    expect(schedule.status).toBe('pending');
    const detail = await t.call(admin, 'GET', `/api/schedules/${schedule.id}`);
    expect(detail.body.customer.name).toBe('홍길동');
    expect(detail.body.allowedStatuses.sort()).toEqual(['cancelled', 'confirmed']);
    expect(detail.body.memos).toHaveLength(1);
    expect(detail.body.memos[0].memoTypeId).toBe(memoTypeId);
    expect(detail.body.memos[0].body).toBe('[옵션] 시술 부위: 얼굴 전체\n[요청사항] 주차 가능한가요?');

    // A duplicate delivery and a later change do not alert again.
    expect((await postEvent(t, admin.businessId, secret, bookingEvent('NB-1', 1))).body.result).toBe('duplicate');
    expect((await postEvent(t, admin.businessId, secret, bookingEvent('NB-1', 2, 'booking.changed'))).body.result).toBe('updated');

    const alertsOf = async (s: Session) => (await t.call(s, 'GET', '/api/notifications')).body.items.filter((n: { kind: string }) => n.kind === 'naver.booking_created');
    expect(await alertsOf(admin)).toHaveLength(1);
    expect(await alertsOf(withAlert)).toHaveLength(1);
    expect(await alertsOf(withoutAlert)).toHaveLength(0);
    expect((await alertsOf(admin))[0].scheduleId).toBe(schedule.id);
  });

  it("applies the business's current setup to every event: who is alerted, the linked department, the memo type, the connection", async () => {
    const admin = await t.signup();
    const kept = await addMember(t, admin, ['customers.view', 'naver.alert'], { name: '계속알림' });
    const revoked = await addMember(t, admin, ['customers.view', 'naver.alert'], { name: '권한회수' });
    const deactivated = await addMember(t, admin, ['customers.view', 'naver.alert'], { name: '퇴사' });
    const { secret, memoTypeId } = await connectNaver(t, admin);
    const alertsOf = async (s: Session) => (await t.call(s, 'GET', '/api/notifications')).body.items.filter((n: { kind: string }) => n.kind === 'naver.booking_created');
    const adminAlerts = async () => (await t.database.db.selectFrom('notifications').select('user_id').where('business_id', '=', admin.businessId).where('kind', '=', 'naver.booking_created').execute()).map((n) => n.user_id);

    expect((await postEvent(t, admin.businessId, secret, bookingEvent('NB-S1', 1))).body.result).toBe('created');
    expect(await alertsOf(revoked.session)).toHaveLength(1);

    // Between two events: a group loses naver.alert, a user is deactivated, the product moves to a new department, the memo mapping changes.
    expect((await t.call(admin, 'PATCH', `/api/permission-groups/${revoked.groupId}`, { permissions: ['customers.view'] })).status).toBe(200);
    expect((await t.call(admin, 'PATCH', `/api/users/${deactivated.userId}`, { active: false })).status).toBe(200);
    expect((await t.call(admin, 'DELETE', '/api/naver/products/P-1001')).status).toBe(200);
    const relinked = await t.call(admin, 'POST', '/api/naver/products', { productId: 'P-1001', name: '레이저 진료' });
    expect(relinked.status).toBe(200);
    const otherMemoType = (await t.call(admin, 'POST', '/api/memo-types', { name: '네이버 요청' })).body;
    expect(otherMemoType.id).not.toBe(memoTypeId);
    expect((await t.call(admin, 'PUT', '/api/naver/memo-type', { memoTypeId: otherMemoType.id })).status).toBe(200);

    const second = await postEvent(t, admin.businessId, secret, bookingEvent('NB-S2', 1));
    expect(second.body.result).toBe('created');
    const day = await t.call(admin, 'GET', '/api/calendar?date=2026-11-24&days=1');
    const schedules = day.body.schedules.filter((s: { source: string }) => s.source === 'naver');
    expect(schedules).toHaveLength(2);
    const moved = schedules.find((s: { departmentId: string }) => s.departmentId === relinked.body.products[0].departmentId);
    expect(moved.memoCount).toBe(1);
    const newest = await t.call(admin, 'GET', `/api/schedules/${moved.id}`);
    expect(newest.body.memos.map((m: { memoTypeId: string }) => m.memoTypeId)).toEqual([otherMemoType.id]);
    expect(await alertsOf(kept.session)).toHaveLength(2);
    expect(await alertsOf(revoked.session)).toHaveLength(1);
    const byUser = await adminAlerts();
    expect(byUser.filter((id) => id === deactivated.userId)).toHaveLength(1);
    expect(byUser.filter((id) => id === admin.userId)).toHaveLength(2);

    // Turned off: the next event is refused like a forged one and writes nothing.
    expect((await t.call(admin, 'PUT', '/api/naver/connection', { enabled: false, outboundUrl: null })).status).toBe(200);
    const refused = await postEvent(t, admin.businessId, secret, bookingEvent('NB-S3', 1));
    expect(refused.status).toBe(401);
    expect(await scheduleCount(admin.businessId)).toBe(2);
  });

  it('matches the customer by (name, phone) and creates a new one when the name differs', async () => {
    const admin = await t.signup();
    const { secret } = await connectNaver(t, admin);
    await postEvent(t, admin.businessId, secret, bookingEvent('NB-A', 1));
    await postEvent(t, admin.businessId, secret, bookingEvent('NB-B', 1, 'booking.created', { customer: { name: '홍길동', phone: '01012345678' } }));
    await postEvent(t, admin.businessId, secret, bookingEvent('NB-C', 1, 'booking.created', { customer: { name: '홍길순', phone: '010-1234-5678' } }));
    const customers = await t.call(admin, 'GET', '/api/customers?q=5678');
    expect(customers.body.items.map((c: { name: string }) => c.name).sort()).toEqual(['홍길동', '홍길순']);
  });

  it('puts instant bookings in 예약확정, applies newest-revision-wins, and cancels on the customer\'s cancellation', async () => {
    const admin = await t.signup();
    const { secret } = await connectNaver(t, admin);
    // Delivered out of order: the change (rev 2) arrives before the creation (rev 1).
    expect((await postEvent(t, admin.businessId, secret, bookingEvent('NB-I', 2, 'booking.changed', { confirmationMode: 'instant' }))).body.result).toBe('created');
    expect((await postEvent(t, admin.businessId, secret, bookingEvent('NB-I', 1, 'booking.created', { confirmationMode: 'instant' }))).body.result).toBe('stale');
    const day = await t.call(admin, 'GET', '/api/calendar?date=2026-11-24&days=1');
    const [schedule] = day.body.schedules;
    expect(day.body.schedules).toHaveLength(1);
    expect(schedule.status).toBe('confirmed');
    expect(schedule.startsAt).toBe(bookingEvent('NB-I', 2).booking.startsAt);

    expect((await postEvent(t, admin.businessId, secret, bookingEvent('NB-I', 3, 'booking.cancelled', { confirmationMode: 'instant' }))).body.result).toBe('updated');
    const after = await t.call(admin, 'GET', `/api/schedules/${schedule.id}`);
    expect(after.body.status).toBe('cancelled');
    const history = await t.call(admin, 'GET', `/api/schedules/${schedule.id}/history`);
    expect(history.body.items.map((h: { action: string }) => h.action)).toEqual(['created', 'naver_cancelled']);
    expect(history.body.items[1].actorName).toBe('네이버예약');
  });

  it('answers a malformed event with VALIDATION_FAILED and writes nothing', async () => {
    const admin = await t.signup();
    const { secret } = await connectNaver(t, admin);
    const bad = { ...bookingEvent('NB-BAD', 1), booking: { ...bookingEvent('NB-BAD', 1).booking, revision: 0 } };
    const res = await postEvent(t, admin.businessId, secret, bad);
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('VALIDATION_FAILED');
    const badPhone = await postEvent(t, admin.businessId, secret, bookingEvent('NB-BAD2', 1, 'booking.created', { customer: { name: '홍길동', phone: '123-45' } }));
    expect(badPhone.status).toBe(400);
    expect(await scheduleCount(admin.businessId)).toBe(0);
  });

  it("keeps one business's events out of another's", async () => {
    const first = await t.signup();
    const second = await t.signup();
    const { secret } = await connectNaver(t, first);
    await connectNaver(t, second);
    // Signed with the first business's secret, sent to the second's endpoint.
    const res = await postEvent(t, second.businessId, secret, bookingEvent('NB-X', 1));
    expect(res.status).toBe(401);
    expect(await scheduleCount(second.businessId)).toBe(0);
  });
});

for (const engine of engines.filter((e) => e === 'postgres')) {
  describe(`Naver webhook under concurrent delivery on ${engine}`, () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await createTestApp(engine);
    });
    afterAll(async () => t?.close());

    it('makes one schedule and one alert when a booking\'s events and their duplicates race on real connections', async () => {
      const admin = await t.signup();
      const { secret } = await connectNaver(t, admin);
      const events = [bookingEvent('NB-RACE', 1), bookingEvent('NB-RACE', 2, 'booking.changed'), bookingEvent('NB-RACE', 3, 'booking.changed')];
      const deliveries = Array.from({ length: 30 }, (_, i) => events[i % events.length]!);
      const results = await Promise.all(deliveries.map((e) => postEvent(t, admin.businessId, secret, e)));
      expect(results.every((r) => r.status === 200)).toBe(true);
      expect(results.filter((r) => r.body.result === 'created')).toHaveLength(1);
      const schedules = await t.database.db.selectFrom('schedules').select(['id', 'starts_at']).where('business_id', '=', admin.businessId).execute();
      expect(schedules).toHaveLength(1);
      expect(schedules[0]!.starts_at.toISOString()).toBe(events[2]!.booking.startsAt);
      const alerts = await t.database.db.selectFrom('notifications').select('id').where('business_id', '=', admin.businessId).where('kind', '=', 'naver.booking_created').execute();
      expect(alerts).toHaveLength(1);
    });
  });
}
