import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Session, type TestApp } from '../../test/app.ts';
import { engines } from '../../test/db.ts';
import { sign, signedHeaders } from '../../src/features/naver/domain/signature.ts';
import { connectNaver } from '../../src/features/naver/test-helpers.ts';
import { cancelNaverBooking, changeNaverBooking, createNaverBooking, getSimulatedBooking, registerNaverProducts, sendNaverEvents, type Delivery } from './bookings.ts';
import { runSimulateNaver } from './cli.ts';
import { startNaverSimulator, type NaverSimulator } from './receiver.ts';

const APPROVAL = 'P-APPROVAL';
const INSTANT = 'P-INSTANT';
const HONG = { name: '홍길동', phone: '010-1234-5678' };
const TUESDAY_10 = '2026-11-24T01:00:00.000Z'; // 11월 24일(화) 10:00 in Seoul

async function waitFor<T>(probe: () => Promise<T | undefined | null | false>, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 100));
  }
}

const results = (deliveries: Delivery[]) => deliveries.map((d) => (d.status === 200 ? d.result : `${d.status} ${d.error}`));

describe.each(engines)('Naver simulator against the product on %s (NAVER-10)', (engine) => {
  let t: TestApp;
  let target: string;
  const simulators: NaverSimulator[] = [];

  beforeAll(async () => {
    // Naver's own product table: names (as the linked departments carry them) and confirmation modes.
    registerNaverProducts([
      { productId: APPROVAL, name: '여드름 진료', mode: 'approval' },
      { productId: INSTANT, name: '레이저 토닝', mode: 'instant' },
    ]);
    t = await createTestApp(engine, { workers: true });
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    target = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
  });
  afterEach(async () => {
    await Promise.all(simulators.splice(0).map((s) => s.close()));
  });
  afterAll(async () => t?.close());

  /** A business with an approval product and an instant one, whose commands go to a fresh simulator. */
  async function connectedBusiness(password?: string) {
    const email = `sim-${Date.now()}-${Math.random().toString(36).slice(2, 8)}@test.yeyak.kr`;
    const admin = await t.signup(password ? { email, password } : { email });
    const { secret, memoTypeId } = await connectNaver(t, admin, { productId: APPROVAL, productName: '여드름 진료' });
    const linked = await t.call(admin, 'POST', '/api/naver/products', { productId: INSTANT, name: '레이저 토닝' });
    expect(linked.status).toBe(200);
    const sim = await startNaverSimulator({ secret });
    simulators.push(sim);
    const saved = await t.call(admin, 'PUT', '/api/naver/connection', { enabled: true, outboundUrl: sim.url });
    expect(saved.body.secret).toBe(secret);
    return { admin, email, secret, memoTypeId, sim, base: { target, businessId: admin.businessId, secret } };
  }

  async function scheduleOf(admin: Session, bookingId: string) {
    const row = await t.database.db
      .selectFrom('naver_bookings')
      .select('schedule_id')
      .where('business_id', '=', admin.businessId)
      .where('booking_id', '=', bookingId)
      .executeTakeFirstOrThrow();
    const detail = await t.call(admin, 'GET', `/api/schedules/${row.schedule_id}`);
    expect(detail.status).toBe(200);
    return detail.body;
  }

  async function scheduleCount(businessId: string) {
    const row = await t.database.db.selectFrom('schedules').select((eb) => eb.fn.countAll<number>().as('n')).where('business_id', '=', businessId).executeTakeFirstOrThrow();
    return Number(row.n);
  }

  it('sends an approval and an instant booking: 확정대기 and 예약확정 on 네이버예약, in the linked departments, options in the mapped memo', async () => {
    const { admin, memoTypeId, sim, base } = await connectedBusiness();
    const approval = await createNaverBooking({
      ...base,
      mode: 'approval',
      productId: APPROVAL,
      customer: HONG,
      startsAt: TUESDAY_10,
      options: [
        { name: '시술 부위', value: '얼굴 전체' },
        { name: '추가 옵션', value: '진정 관리 추가 (+20,000원)' },
      ],
      request: '주차 가능한가요?',
    });
    const instant = await createNaverBooking({ ...base, mode: 'instant', productId: INSTANT, startsAt: '2026-11-24T05:30:00Z', durationMinutes: 60 });
    expect(results(approval.deliveries)).toEqual(['created']);
    expect(results(instant.deliveries)).toEqual(['created']);
    expect(approval.booking.revision).toBe(1);

    const a = await scheduleOf(admin, approval.booking.bookingId);
    expect(a).toMatchObject({ status: 'pending', source: 'naver', staffName: '네이버예약', departmentName: '여드름 진료', startsAt: TUESDAY_10, endsAt: '2026-11-24T01:30:00.000Z' });
    expect(a.customer.name).toBe('홍길동');
    expect(a.memos).toHaveLength(1);
    expect(a.memos[0].memoTypeId).toBe(memoTypeId);
    expect(a.memos[0].body).toBe('[옵션] 시술 부위: 얼굴 전체\n[옵션] 추가 옵션: 진정 관리 추가 (+20,000원)\n[요청사항] 주차 가능한가요?');

    const i = await scheduleOf(admin, instant.booking.bookingId);
    expect(i).toMatchObject({ status: 'confirmed', staffName: '네이버예약', departmentName: '레이저 토닝', endsAt: '2026-11-24T06:30:00.000Z' });
    expect(i.customer.name).toBe(instant.booking.customer.name);
    // Generated bookings carry Korean options that fit the product.
    expect(instant.booking.options.map((o) => o.name)).toEqual(['시술 부위', '추가 옵션', '회차']);
    expect(i.memos[0].body).toContain('[옵션] 시술 부위: ');

    const calendar = await t.call(admin, 'GET', '/api/calendar?date=2026-11-24&days=1');
    expect(calendar.body.schedules.filter((s: { source: string }) => s.source === 'naver')).toHaveLength(2);

    // Naver's side of the same bookings.
    const naver = await (await fetch(`${sim.url}/bookings`)).json();
    const statusOf = (id: string) => naver.items.find((b: { bookingId: string }) => b.bookingId === id)?.status;
    expect(statusOf(approval.booking.bookingId)).toBe('pending');
    expect(statusOf(instant.booking.bookingId)).toBe('confirmed');
  });

  it('leaves one schedule per booking through duplicates, reordering and a shuffled burst, at the newest revision', async () => {
    const { admin, base } = await connectedBusiness();

    // A duplicate delivery (same eventId) is acknowledged and ignored.
    const dup = await createNaverBooking({ ...base, mode: 'approval', productId: APPROVAL, duplicate: true });
    expect(results(dup.deliveries)).toEqual(['created', 'duplicate']);
    expect(dup.deliveries[0]!.eventId).toBe(dup.deliveries[1]!.eventId);

    // The change reaches the product before the creation.
    const created = await createNaverBooking({ ...base, mode: 'instant', productId: INSTANT, startsAt: TUESDAY_10, hold: true });
    const changed = await changeNaverBooking(created.booking.bookingId, { startsAt: '2026-11-25T02:00:00Z', options: [{ name: '시술 부위', value: '이마' }], hold: true });
    expect(changed.booking.revision).toBe(2);
    expect(results(await sendNaverEvents([changed.event, created.event], { shuffle: false }))).toEqual(['created', 'stale']);
    const reordered = await scheduleOf(admin, created.booking.bookingId);
    expect(reordered).toMatchObject({ status: 'confirmed', startsAt: '2026-11-25T02:00:00.000Z' });
    expect(reordered.memos[0].body).toContain('[옵션] 시술 부위: 이마');

    // A burst: three bookings' whole histories, shuffled, each event twice.
    const held = [];
    const finals: Record<string, { startsAt: string; status: string }> = {};
    for (let k = 0; k < 3; k++) {
      const c = await createNaverBooking({ ...base, mode: k % 2 ? 'instant' : 'approval', productId: k % 2 ? INSTANT : APPROVAL, hold: true });
      const ch = await changeNaverBooking(c.booking.bookingId, { hold: true });
      held.push(c.event, ch.event);
      let status = k % 2 ? 'confirmed' : 'pending';
      if (k === 2) {
        held.push((await cancelNaverBooking(c.booking.bookingId, { hold: true })).event);
        status = 'cancelled';
      }
      finals[c.booking.bookingId] = { startsAt: getSimulatedBooking(c.booking.bookingId)!.startsAt, status };
    }
    const burst = await sendNaverEvents(held, { seed: 20261124, duplicate: true });
    expect(burst).toHaveLength(held.length * 2);
    expect(burst.every((d) => d.status === 200)).toBe(true);
    expect(burst.filter((d) => d.result === 'created')).toHaveLength(3);
    expect(burst.filter((d) => d.result === 'duplicate')).toHaveLength(held.length);

    // And the same again, all at once.
    const concurrentHeld = [];
    for (let k = 0; k < 3; k++) {
      const c = await createNaverBooking({ ...base, mode: 'approval', productId: APPROVAL, hold: true });
      const ch = await changeNaverBooking(c.booking.bookingId, { hold: true });
      concurrentHeld.push(c.event, ch.event);
      finals[c.booking.bookingId] = { startsAt: ch.booking.startsAt, status: 'pending' };
    }
    const concurrent = await sendNaverEvents(concurrentHeld, { concurrent: true, duplicate: true });
    expect(concurrent.every((d) => d.status === 200)).toBe(true);
    expect(concurrent.filter((d) => d.result === 'created')).toHaveLength(3);

    for (const [bookingId, expected] of Object.entries(finals)) {
      expect(await scheduleOf(admin, bookingId)).toMatchObject({ startsAt: expected.startsAt, status: expected.status });
    }
    expect(await scheduleCount(admin.businessId)).toBe(2 + Object.keys(finals).length);
  });

  it('refuses unsigned and forged commands, dedups a repeated commandId, and can play Naver being down', async () => {
    const { base, secret, sim } = await connectedBusiness();
    const { booking } = await createNaverBooking({ ...base, mode: 'approval', productId: APPROVAL, productName: '여드름 진료', customer: HONG, startsAt: TUESDAY_10, hold: true });
    const url = `${sim.url}/bookings/${booking.bookingId}/commands`;
    const body = JSON.stringify({ commandId: 'cmd-1', bookingId: booking.bookingId, command: 'confirm' });
    const post = async (headers: Record<string, string>, payload = body) => {
      const res = await fetch(url, { method: 'POST', headers, body: payload });
      return { status: res.status, body: await res.json() };
    };

    const unsigned = await post({ 'content-type': 'application/json' });
    expect(unsigned).toEqual({ status: 401, body: { error: { code: 'NAVER_SIGNATURE_INVALID', reason: 'missing' } } });
    const now = String(Math.floor(Date.now() / 1000));
    expect((await post({ 'content-type': 'application/json', 'x-naver-timestamp': now, 'x-naver-signature': sign('not-the-secret', now, body) })).status).toBe(401);
    const stale = String(Math.floor(Date.now() / 1000) - 301);
    expect((await post({ 'content-type': 'application/json', 'x-naver-timestamp': stale, 'x-naver-signature': sign(secret, stale, body) })).status).toBe(401);
    expect(sim.commands).toHaveLength(0);

    sim.failNext(1);
    expect((await post(signedHeaders(secret, body))).status).toBe(503);
    expect(sim.commands).toHaveLength(0);

    const accepted = await post(signedHeaders(secret, body));
    expect(accepted.status).toBe(200);
    expect(accepted.body.result).toBe('accepted');
    const again = await post(signedHeaders(secret, body));
    expect(again).toEqual({ status: 200, body: { result: 'duplicate' } });
    expect(sim.commands).toHaveLength(1);
    expect(sim.commands[0]).toMatchObject({ commandId: 'cmd-1', command: 'confirm', knownBooking: true });
    expect(sim.notifications).toEqual(['[네이버예약] 홍길동님, 11월 24일(화) 10:00 여드름 진료 예약이 확정되었습니다.']);
    expect(getSimulatedBooking(booking.bookingId)!.status).toBe('confirmed');

    // A malformed command, and one whose body names another booking than its path.
    expect((await post(signedHeaders(secret, '{"commandId":"x"}'), '{"commandId":"x"}')).status).toBe(400);
    const other = JSON.stringify({ commandId: 'cmd-2', bookingId: 'NB-OTHER', command: 'confirm' });
    expect((await post(signedHeaders(secret, other), other)).status).toBe(400);
    expect(sim.commands).toHaveLength(1);
  });

  it('receives the commands the calendar makes, with the customer notifications, through a retry', async () => {
    const { admin, base, sim } = await connectedBusiness();
    const approval = await createNaverBooking({ ...base, mode: 'approval', productId: APPROVAL, customer: HONG, startsAt: TUESDAY_10 });
    const instant = await createNaverBooking({ ...base, mode: 'instant', productId: INSTANT, customer: { name: '김서연', phone: '010-9876-5432' }, startsAt: '2026-11-24T06:00:00Z' });
    const a = await scheduleOf(admin, approval.booking.bookingId);
    const i = await scheduleOf(admin, instant.booking.bookingId);

    // Naver is down for the first try: the outbox retries.
    sim.failNext(1);
    expect((await t.call(admin, 'POST', `/api/schedules/${a.id}/status`, { status: 'confirmed' })).status).toBe(200);
    const confirm = await sim.waitForCommand((c) => c.bookingId === approval.booking.bookingId && c.command === 'confirm');
    expect(confirm.notification).toBe('[네이버예약] 홍길동님, 11월 24일(화) 10:00 여드름 진료 예약이 확정되었습니다.');
    const sync = await waitFor(async () => {
      const res = await t.call(admin, 'GET', `/api/schedules/${a.id}/naver`);
      return res.body.commands[0]?.status === 'sent' ? res.body : null;
    });
    expect(sync.bookingId).toBe(approval.booking.bookingId);
    expect(sync.commands[0]).toMatchObject({ command: 'confirm', status: 'sent', attempts: 2 });
    expect(getSimulatedBooking(approval.booking.bookingId)!.status).toBe('confirmed');

    // 취소 from the calendar: cancelled at Naver with the shop's reason.
    expect((await t.call(admin, 'POST', `/api/schedules/${a.id}/status`, { status: 'cancelled' })).status).toBe(200);
    const cancel = await sim.waitForCommand((c) => c.bookingId === approval.booking.bookingId && c.command === 'cancel');
    expect(cancel.reason).toBe('[취소사유] 업체 측 취소');
    expect(cancel.notification).toBe('[네이버예약] 홍길동님, 11월 24일(화) 10:00 여드름 진료 예약이 취소되었습니다. [취소사유] 업체 측 취소');
    expect(getSimulatedBooking(approval.booking.bookingId)).toMatchObject({ status: 'cancelled', cancelledBy: 'business' });

    // Moving an instant booking to the other product's department changes the product at Naver; then 완료.
    expect((await t.call(admin, 'PATCH', `/api/schedules/${i.id}`, { departmentId: a.departmentId })).status).toBe(200);
    const change = await sim.waitForCommand((c) => c.bookingId === instant.booking.bookingId && c.command === 'change_product');
    expect(change.productId).toBe(APPROVAL);
    expect(change.notification).toBe('[네이버예약] 김서연님, 11월 24일(화) 15:00 레이저 토닝 예약 상품이 변경되었습니다. [변경 상품] 여드름 진료');
    expect(getSimulatedBooking(instant.booking.bookingId)).toMatchObject({ productId: APPROVAL, revision: 2 });

    // The customer's next change carries the new product at a higher revision, and the product applies it.
    const moved = await changeNaverBooking(instant.booking.bookingId, { startsAt: '2026-11-24T07:00:00Z' });
    expect(results(moved.deliveries)).toEqual(['updated']);
    expect(await scheduleOf(admin, instant.booking.bookingId)).toMatchObject({ departmentName: '여드름 진료', status: 'confirmed', startsAt: '2026-11-24T07:00:00.000Z' });

    expect((await t.call(admin, 'POST', `/api/schedules/${i.id}/status`, { status: 'completed' })).status).toBe(200);
    const complete = await sim.waitForCommand((c) => c.bookingId === instant.booking.bookingId && c.command === 'complete');
    expect(complete.notification).toBe('[네이버예약] 김서연님, 11월 24일(화) 16:00 여드름 진료 방문이 완료되었습니다.');
    expect(sim.notifications).toHaveLength(4);
  });

  it('a customer cancelling at Naver sets the schedule to 취소', async () => {
    const { admin, base } = await connectedBusiness();
    const created = await createNaverBooking({ ...base, mode: 'instant', productId: INSTANT });
    const cancelled = await cancelNaverBooking(created.booking.bookingId, { duplicate: true });
    expect(results(cancelled.deliveries)).toEqual(['updated', 'duplicate']);
    expect((await scheduleOf(admin, created.booking.bookingId)).status).toBe('cancelled');
    await expect(cancelNaverBooking(created.booking.bookingId)).rejects.toThrow(/취소할 수 없습니다/);
  });

  it('runs as the simulate-naver command: logs in, reads the connection, sends alternating bookings with duplicates and reordering', async () => {
    const { admin, email, sim } = await connectedBusiness('password123');
    await sim.close();
    const lines: string[] = [];
    const errors: string[] = [];
    const io = { log: (l: string) => lines.push(l), error: (l: string) => errors.push(l) };
    const argv = ['--target', target, '--login', email, '--password', 'password123', '--products', `${APPROVAL}:approval,${INSTANT}:instant,P-NOT-LINKED:instant`];

    const once = await runSimulateNaver([...argv, '--bookings', '4', '--duplicates', '--reorder', '--interval', '0', '--once'], io);
    expect(errors).toEqual([]);
    expect(once.exitCode).toBe(0);
    expect(once.simulator).toBeNull();
    expect(once.bookings.map((b) => b.confirmationMode)).toEqual(['approval', 'instant', 'approval', 'instant']);
    expect(lines).toContain(`네이버 예약 ${once.bookings[0]!.bookingId} 생성 → 결과: created`);
    expect(lines).toContain(`네이버 예약 ${once.bookings[0]!.bookingId} 생성 [같은 eventId 재전송] → 결과: duplicate`);
    expect(lines).toContain(`네이버 예약 ${once.bookings[1]!.bookingId} 변경 (rev 2) → 결과: created`);
    expect(lines).toContain(`네이버 예약 ${once.bookings[1]!.bookingId} 생성 → 결과: stale`);
    expect(lines.some((l) => l.includes('P-NOT-LINKED') && l.includes('건너뜁니다'))).toBe(true);
    const statuses = [];
    for (const b of once.bookings) statuses.push((await scheduleOf(admin, b.bookingId)).status);
    expect(statuses).toEqual(['pending', 'confirmed', 'pending', 'confirmed']);
    expect(await scheduleCount(admin.businessId)).toBe(4);

    // Without --once it keeps a receiver open and prints each command with the customer's message.
    const running = await runSimulateNaver([...argv, '--bookings', '1', '--port', '0'], io);
    expect(running.exitCode).toBe(0);
    const receiver = running.simulator!;
    simulators.push(receiver);
    expect(lines.some((l) => l.startsWith('주의: 연동 설정의 전송 주소가'))).toBe(true);
    await t.call(admin, 'PUT', '/api/naver/connection', { enabled: true, outboundUrl: receiver.url });
    const schedule = await scheduleOf(admin, running.bookings[0]!.bookingId);
    expect(schedule.status).toBe('pending');
    await t.call(admin, 'POST', `/api/schedules/${schedule.id}/status`, { status: 'confirmed' });
    const got = await receiver.waitForCommand((c) => c.bookingId === running.bookings[0]!.bookingId);
    expect(lines).toContain(`  고객 알림 → ${got.notification}`);
    expect(got.notification).toMatch(/^\[네이버예약\] .+님, \d+월 \d+일\(.\) \d\d:\d\d 여드름 진료 예약이 확정되었습니다\.$/);
  });

  it('explains what is wrong instead of failing obscurely', async () => {
    const errors: string[] = [];
    const io = { log: () => {}, error: (l: string) => errors.push(l) };
    expect((await runSimulateNaver(['--target', target, '--login', 'nobody@test.yeyak.kr', '--password', 'x', '--once'], io)).exitCode).toBe(2);
    expect(errors.pop()).toMatch(/^로그인 실패/);
    expect((await runSimulateNaver(['--target', 'http://127.0.0.1:9', '--once'], io)).exitCode).toBe(2);
    expect(errors.pop()).toMatch(/^yeyak 에 연결할 수 없습니다/);
    expect((await runSimulateNaver(['--bookings', 'many'], io)).exitCode).toBe(2);
    expect(errors.pop()).toMatch(/--bookings/);
    expect((await runSimulateNaver(['--products', 'P-1:sometimes'], io)).exitCode).toBe(2);
    expect(errors.pop()).toMatch(/상품 형식/);
    expect((await runSimulateNaver(['--unknown'], io)).exitCode).toBe(2);

    const email = `off-${Date.now()}@test.yeyak.kr`;
    await t.signup({ email, password: 'password123' });
    expect((await runSimulateNaver(['--target', target, '--login', email, '--password', 'password123', '--once'], io)).exitCode).toBe(2);
    expect(errors.pop()).toMatch(/네이버예약 연동이 꺼져 있습니다/);
  });
});
