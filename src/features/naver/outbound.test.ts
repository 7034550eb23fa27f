import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Session, type TestApp } from '../../../test/app.ts';
import { engines } from '../../../test/db.ts';
import { NAVER_OUTBOUND_QUEUE } from './outbound-queue.ts';
import * as outbox from './repository/outbox.ts';
import { sendOutboxCommand } from './use-cases/send-outbox-command.ts';
import { verifySignature } from './domain/signature.ts';
import { bookingEvent, connectNaver, postEvent } from './test-helpers.ts';

/** A stand-in for the Naver side: records signed commands, or fails while `failing` is set. */
function startReceiver() {
  const received: { bookingId: string; body: any; signed: boolean }[] = [];
  const state = { failing: false, secret: '' };
  const server = http.createServer((req, res) => {
    let raw = '';
    req.on('data', (c) => (raw += c));
    req.on('end', () => {
      if (state.failing) {
        res.writeHead(503).end('maintenance');
        return;
      }
      const check = verifySignature({ secret: state.secret, timestamp: req.headers['x-naver-timestamp'] as string, signature: req.headers['x-naver-signature'] as string, rawBody: raw, now: new Date() });
      const bookingId = decodeURIComponent(req.url!.match(/\/bookings\/([^/]+)\/commands$/)?.[1] ?? '');
      received.push({ bookingId, body: JSON.parse(raw), signed: check.ok });
      res.writeHead(check.ok ? 200 : 401, { 'content-type': 'application/json' }).end('{}');
    });
  });
  return new Promise<{ url: string; received: typeof received; state: typeof state; close: () => Promise<void> }>((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      const port = (server.address() as { port: number }).port;
      resolve({ url: `http://127.0.0.1:${port}/naver`, received, state, close: () => new Promise((r) => server.close(() => r())) });
    });
  });
}

async function waitFor<T>(probe: () => Promise<T | undefined | false>, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe.each(engines)('Naver outbound commands on %s (NAVER-7..9)', (engine) => {
  let t: TestApp;
  let receiver: Awaited<ReturnType<typeof startReceiver>>;
  beforeAll(async () => {
    t = await createTestApp(engine, { workers: true });
    receiver = await startReceiver();
  });
  afterAll(async () => {
    await t?.close();
    await receiver?.close();
  });

  async function naverSchedule(admin: Session, bookingId: string, mode: 'approval' | 'instant' = 'approval') {
    const { secret } = await connectNaver(t, admin, { outboundUrl: receiver.url });
    receiver.state.secret = secret;
    await postEvent(t, admin.businessId, secret, bookingEvent(bookingId, 1, 'booking.created', { confirmationMode: mode }));
    const row = await t.database.db.selectFrom('naver_bookings').select('schedule_id').where('booking_id', '=', bookingId).where('business_id', '=', admin.businessId).executeTakeFirstOrThrow();
    return row.schedule_id;
  }

  it('in 확정대기 offers only 예약확정 and 취소, and refuses 완료', async () => {
    const admin = await t.signup();
    const id = await naverSchedule(admin, 'NB-O1');
    const res = await t.call(admin, 'POST', `/api/schedules/${id}/status`, { status: 'completed' });
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('SCHEDULE_TRANSITION_NOT_ALLOWED');
  });

  it('sends confirm, then complete, in order, signed, and shows them as sent', async () => {
    const admin = await t.signup();
    const id = await naverSchedule(admin, 'NB-O2');
    expect((await t.call(admin, 'POST', `/api/schedules/${id}/status`, { status: 'confirmed' })).status).toBe(200);
    expect((await t.call(admin, 'POST', `/api/schedules/${id}/status`, { status: 'completed' })).status).toBe(200);
    const sync = await waitFor(async () => {
      const res = await t.call(admin, 'GET', `/api/schedules/${id}/naver`);
      return res.body.commands.length === 2 && res.body.commands.every((c: { status: string }) => c.status === 'sent') && res.body;
    });
    expect(sync.bookingId).toBe('NB-O2');
    const mine = receiver.received.filter((r) => r.bookingId === 'NB-O2');
    expect(mine.map((r) => r.body.command)).toEqual(['confirm', 'complete']);
    expect(mine.every((r) => r.signed)).toBe(true);
    expect(new Set(mine.map((r) => r.body.commandId)).size).toBe(2);
  });

  it('cancels at Naver with the reason "[취소사유] 업체 측 취소"', async () => {
    const admin = await t.signup();
    const id = await naverSchedule(admin, 'NB-O3', 'instant');
    await t.call(admin, 'POST', `/api/schedules/${id}/status`, { status: 'cancelled' });
    const cmd = await waitFor(async () => receiver.received.find((r) => r.bookingId === 'NB-O3'));
    expect(cmd.body).toMatchObject({ command: 'cancel', reason: '[취소사유] 업체 측 취소', bookingId: 'NB-O3' });
  });

  it('changes the Naver product when the department changes, and refuses an unlinked department', async () => {
    const admin = await t.signup();
    const id = await naverSchedule(admin, 'NB-O4', 'instant');
    const other = await t.call(admin, 'POST', '/api/naver/products', { productId: 'P-2002', name: '레이저 토닝' });
    const target = other.body.products.find((p: { productId: string }) => p.productId === 'P-2002').departmentId;
    const plain = await t.call(admin, 'POST', '/api/departments', { name: '일반 부서' });
    const refused = await t.call(admin, 'PATCH', `/api/schedules/${id}`, { departmentId: plain.body.id });
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe('NAVER_DEPARTMENT_NOT_LINKED');
    expect((await t.call(admin, 'GET', `/api/schedules/${id}`)).body.departmentId).not.toBe(plain.body.id);

    expect((await t.call(admin, 'PATCH', `/api/schedules/${id}`, { departmentId: target })).status).toBe(200);
    const cmd = await waitFor(async () => receiver.received.find((r) => r.bookingId === 'NB-O4'));
    expect(cmd.body).toMatchObject({ command: 'change_product', productId: 'P-2002' });
  });

  it('OPS-5: refuses to move a Naver booking in time (Naver keeps the time), and still lets it change staff', async () => {
    const admin = await t.signup();
    const id = await naverSchedule(admin, 'NB-O6', 'instant');
    const before = (await t.call(admin, 'GET', `/api/schedules/${id}`)).body;
    const later = (iso: string) => new Date(new Date(iso).getTime() + 3600_000).toISOString();
    const moved = await t.call(admin, 'PATCH', `/api/schedules/${id}`, { startsAt: later(before.startsAt), endsAt: later(before.endsAt) });
    expect(moved.status).toBe(409);
    expect(moved.body.error.code).toBe('NAVER_TIME_FIXED');
    expect(moved.body.error.message).toContain('네이버에서만');
    const after = (await t.call(admin, 'GET', `/api/schedules/${id}`)).body;
    expect([after.startsAt, after.endsAt, after.version]).toEqual([before.startsAt, before.endsAt, before.version]);
    expect((await t.call(admin, 'PATCH', `/api/schedules/${id}`, { staffId: admin.staffId })).status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(receiver.received.filter((r) => r.bookingId === 'NB-O6')).toEqual([]);
  });

  it('shows a failed send with its reason and re-sends it on retry', async () => {
    const admin = await t.signup();
    const id = await naverSchedule(admin, 'NB-O5');
    receiver.state.failing = true;
    await t.call(admin, 'POST', `/api/schedules/${id}/status`, { status: 'confirmed' });
    const failing = await waitFor(async () => {
      const res = await t.call(admin, 'GET', `/api/schedules/${id}/naver`);
      return res.body.commands[0]?.lastError && res.body.commands[0];
    });
    expect(failing.status).toBe('pending');
    expect(failing.lastError).toMatch(/503/);
    // The last allowed attempt fails too: the command is marked failed for the user to see.
    expect(await sendOutboxCommand(t.database.db, { businessId: admin.businessId, outboxId: failing.id }, { isLast: true })).toBe('failed');
    const failed = (await t.call(admin, 'GET', `/api/schedules/${id}/naver`)).body.commands[0];
    expect(failed.status).toBe('failed');

    receiver.state.failing = false;
    const retried = await t.call(admin, 'POST', `/api/schedules/${id}/naver/commands/${failed.id}/retry`);
    expect(retried.status).toBe(200);
    await waitFor(async () => (await t.call(admin, 'GET', `/api/schedules/${id}/naver`)).body.commands[0].status === 'sent');
    expect(receiver.received.filter((r) => r.bookingId === 'NB-O5').map((r) => r.body.command)).toEqual(['confirm']);
    const again = await t.call(admin, 'POST', `/api/schedules/${id}/naver/commands/${failed.id}/retry`);
    expect(again.body.error.code).toBe('NAVER_COMMAND_NOT_RETRYABLE');
  });

  it('sends a command whose job was queued before jobs carried the business id', async () => {
    const admin = await t.signup();
    const id = await naverSchedule(admin, 'NB-O6');
    const row = await outbox.insertCommand(t.database.db, { businessId: admin.businessId, scheduleId: id, command: 'confirm', payload: { command: 'confirm' } });
    await t.database.db.transaction().execute((trx) => t.jobs.sendInTransaction(trx, NAVER_OUTBOUND_QUEUE, { outboxId: row.id }));
    const cmd = await waitFor(async () => receiver.received.find((r) => r.body.commandId === row.id));
    expect(cmd.body).toMatchObject({ command: 'confirm', bookingId: 'NB-O6' });
    await waitFor(async () => (await t.call(admin, 'GET', `/api/schedules/${id}/naver`)).body.commands[0].status === 'sent');
  });

  it('sends nothing for manual schedules', async () => {
    const admin = await t.signup();
    await connectNaver(t, admin, { outboundUrl: receiver.url });
    const before = (await t.database.db.selectFrom('channel_outbox').select((eb) => eb.fn.countAll<number>().as('n')).where('business_id', '=', admin.businessId).executeTakeFirstOrThrow()).n;
    const customer = await t.call(admin, 'POST', '/api/customers', { name: '김수동', phone: '010-5555-1212' });
    const created = await t.call(admin, 'POST', '/api/schedules', {
      customerId: customer.body.id,
      staffId: admin.staffId,
      startsAt: '2026-11-24T02:00:00Z',
      endsAt: '2026-11-24T02:30:00Z',
    });
    await t.call(admin, 'POST', `/api/schedules/${created.body.id}/status`, { status: 'completed' });
    const after = (await t.database.db.selectFrom('channel_outbox').select((eb) => eb.fn.countAll<number>().as('n')).where('business_id', '=', admin.businessId).executeTakeFirstOrThrow()).n;
    expect(Number(after)).toBe(Number(before));
  });
});
