import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RATE_LIMITS, MAX_HELD_PLACES_PER_CLIENT } from '../src/platform/http/rate-limits.ts';
import { insertPlace, insertTimeSlotProduct, seoulDate, seoulInstant } from '../src/features/bookings/test-fixtures.ts';
import { connectNaver } from '../src/features/naver/test-helpers.ts';
import { buildApp } from '../src/app/app.ts';
import { DEMO_LOGIN } from '../src/app/demo/demo.ts';
import { createTestApp, newClientAddress, type Session, type TestApp } from './app.ts';
import { productStorage, startProduct, type ProductProcess } from './product-process.ts';
import { engines } from './db.ts';

/**
 * SEC-1 … SEC-3: the N+1th request of one client is refused with 429, a
 * Korean message and Retry-After; another client is not affected; a client
 * address comes from X-Forwarded-For only when a proxy is trusted; the owner
 * logs in from another client while one client hammers the account.
 */

const HANGUL = /[가-힣]/;

function expectLimited(res: { status: number; body: any; response: { headers: Record<string, unknown> } }, code = 'RATE_LIMITED') {
  expect(res.status).toBe(429);
  expect(res.body.error.code).toBe(code);
  expect(res.body.error.message).toMatch(HANGUL);
  expect(Number(res.response.headers['retry-after'])).toBeGreaterThan(0);
}

describe.each(engines)('abuse limits on %s (SEC-1 … SEC-3)', (engine) => {
  let t: TestApp;
  let admin: Session;
  let productId: string;
  let placeId: string;
  let slot = 0;
  beforeAll(async () => {
    t = await createTestApp(engine);
    admin = await t.signup();
    const place = await insertPlace(t.database.db, admin.businessId);
    placeId = place.id;
    productId = (await insertTimeSlotProduct(t.database.db, admin.businessId, place.id, { capacity: 50, maxPerBooking: 50 })).id;
  });
  afterAll(async () => t?.close());

  /** A different 30-minute slot of the product each call (9:00–18:00 for 60 days). */
  function nextSlot(): string {
    const day = 1 + Math.floor(slot / 18);
    const minutes = 9 * 60 + (slot % 18) * 30;
    slot += 1;
    return seoulInstant(seoulDate(day), `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`).toISOString();
  }

  async function refusedAfter(limit: number, send: (client: string) => Promise<{ status: number; body: any; response: any }>, code?: string) {
    const client = newClientAddress();
    for (let i = 0; i < limit; i++) {
      const res = await send(client);
      expect(res.status, `request ${i + 1} of ${limit}: ${JSON.stringify(res.body)}`).toBeLessThan(429);
    }
    expectLimited(await send(client), code);
    // Another client is not affected.
    expect((await send(newClientAddress())).status).toBeLessThan(429);
  }

  it('limits sign-ups per client', async () => {
    let n = 0;
    await refusedAfter(RATE_LIMITS.signup.points, (client) =>
      t.call(null, 'POST', '/api/auth/signup', { businessName: `한도 업체 ${n}`, serviceType: 'clinic', name: '대표', email: `limit-${engine}-${Date.now()}-${n++}@test.yeyak.kr`, password: 'password123' }, { client }),
    );
  });

  it('limits public bookings per client', async () => {
    let n = 0;
    await refusedAfter(RATE_LIMITS.bookings.points, (client) =>
      t.call(null, 'POST', '/api/public/bookings', { productId, lines: [{ startsAt: nextSlot(), quantity: 1 }], customer: { name: '손님', phone: `010-4000-${String(n++).padStart(4, '0')}` }, consents: { privacy: true } }, { client }),
    );
  });

  it('limits holds per client, and caps the places one client holds at once', async () => {
    await refusedAfter(RATE_LIMITS.holds.points, (client) => t.call(null, 'POST', '/api/public/holds', { productId, lines: [{ startsAt: nextSlot(), quantity: 1 }] }, { client }).then(async (res) => {
      // Release each hold so only the request count is tested here.
      if (res.status === 201) await t.call(null, 'DELETE', `/api/public/holds/${res.body.holdId}`, undefined, { client: newClientAddress() });
      return res;
    }));

    const client = newClientAddress();
    const first = await t.call(null, 'POST', '/api/public/holds', { productId, lines: [{ startsAt: nextSlot(), quantity: 30 }] }, { client });
    expect(first.status, 'one booking of 30 is holdable at once').toBe(201);
    expectLimited(await t.call(null, 'POST', '/api/public/holds', { productId, lines: [{ startsAt: nextSlot(), quantity: 1 }] }, { client }), 'HOLD_LIMIT_REACHED');
    await t.call(null, 'DELETE', `/api/public/holds/${first.body.holdId}`, undefined, { client });
    const small: string[] = [];
    for (let i = 0; i < MAX_HELD_PLACES_PER_CLIENT / 2; i++) {
      const res = await t.call(null, 'POST', '/api/public/holds', { productId, lines: [{ startsAt: nextSlot(), quantity: 2 }] }, { client });
      expect(res.status).toBe(201);
      small.push(res.body.holdId);
    }
    const over = await t.call(null, 'POST', '/api/public/holds', { productId, lines: [{ startsAt: nextSlot(), quantity: 1 }] }, { client });
    expectLimited(over, 'HOLD_LIMIT_REACHED');
    expect(over.body.error.details).toMatchObject({ maxPlaces: MAX_HELD_PLACES_PER_CLIENT, heldPlaces: MAX_HELD_PLACES_PER_CLIENT });
    expect(Number(over.response.headers['retry-after'])).toBeLessThanOrEqual(600);
    expect((await t.call(null, 'POST', '/api/public/holds', { productId, lines: [{ startsAt: nextSlot(), quantity: 1 }] }, { client: newClientAddress() })).status).toBe(201);
  });

  it('limits guessed booking numbers and phones, so sequential booking numbers cannot be walked', async () => {
    const booked = await t.call(null, 'POST', '/api/public/bookings', { productId, lines: [{ startsAt: nextSlot(), quantity: 1 }], customer: { name: '진짜 손님', phone: '010-4999-0001' }, consents: { privacy: true } });
    expect(booked.status).toBe(201);
    const number = Number(booked.body.bookingNumber);
    const client = newClientAddress();
    for (let i = 0; i < RATE_LIMITS.bookingLookupFailures.points; i++) {
      const guess = await t.call(null, 'GET', `/api/public/bookings/${number - 1 - i}?phone=010-1234-${String(i).padStart(4, '0')}`, undefined, { client });
      expect(guess.status).toBe(404);
    }
    // Even the right number and phone: this client has spent its guesses.
    expectLimited(await t.call(null, 'GET', `/api/public/bookings/${number}?phone=010-4999-0001`, undefined, { client }));
    expectLimited(await t.call(null, 'POST', `/api/public/bookings/${number}/cancel`, { phone: '010-4999-0001' }, { client }));
    // The customer on their own phone is not affected.
    expect((await t.call(null, 'GET', `/api/public/bookings/${number}?phone=010-4999-0001`, undefined, { client: newClientAddress() })).status).toBe(200);
  });

  it('limits inquiries and opt-out links per client', async () => {
    await refusedAfter(RATE_LIMITS.inquiries.points, (client) => t.call(null, 'POST', '/api/public/inquiries', { placeId, name: '문의 손님', phone: '010-4000-1111', body: '주차 되나요?' }, { client }));
    await refusedAfter(RATE_LIMITS.credentialFailures.points, (client) => t.call(null, 'POST', `/api/public/opt-out/${'x'.repeat(20)}`, undefined, { client }));
  });

  it('limits forged webhook deliveries but not the signed ones of the same sender', async () => {
    const { secret } = await connectNaver(t, admin);
    const forged = (client: string) => t.call(null, 'POST', `/api/channels/naver/${admin.businessId}/events`, { eventId: 'x' }, { client });
    await refusedAfter(RATE_LIMITS.credentialFailures.points, forged);
    expect(secret).toBeTruthy();
  });

  it('limits every public route per client (booking page reads)', async () => {
    await refusedAfter(RATE_LIMITS.public.points, (client) => t.call(null, 'GET', `/api/public/places/${placeId}`, undefined, { client }));
  });

  it('takes the client address from X-Forwarded-For only when a proxy is trusted (SEC-2)', async () => {
    const login = (app: typeof t.app, forwardedFor: string) =>
      app.inject({ method: 'POST', url: '/api/auth/login', remoteAddress: '192.0.2.10', headers: { 'x-forwarded-for': forwardedFor }, payload: { email: 'nobody-xff@test.yeyak.kr', password: 'wrong-password' } });
    // Untrusted: a new X-Forwarded-For each time is the same client, limited after 5.
    const statuses = [];
    for (let i = 0; i < RATE_LIMITS.loginFailuresPerAccountAndClient.points + 1; i++) statuses.push((await login(t.app, `203.0.113.${i}`)).statusCode);
    expect(statuses).toEqual([401, 401, 401, 401, 401, 429]);

    // Trusted (YEYAK_TRUST_PROXY=1): the address the proxy saw is the client.
    const trusted = await buildApp({ database: t.database, jobs: t.jobs, trustProxy: 1 });
    try {
      const behindProxy = [];
      for (let i = 0; i < 6; i++) behindProxy.push((await login(trusted, `198.51.100.${i}`)).statusCode);
      expect(behindProxy).toEqual([401, 401, 401, 401, 401, 401]);
      for (let i = 0; i < 5; i++) await login(trusted, '198.51.100.77');
      expect((await login(trusted, '198.51.100.77')).statusCode).toBe(429);
    } finally {
      await trusted.close();
    }
  });

  it('lets the owner log in from another client while one client hammers the account (SEC-3)', async () => {
    const email = `owner-${engine}-${Date.now()}@test.yeyak.kr`;
    await t.signup({ email, password: 'owner-password' });
    const attacker = newClientAddress();
    const attempts = [];
    for (let i = 0; i < 20; i++) attempts.push((await t.call(null, 'POST', '/api/auth/login', { email, password: `guess-${i}` }, { client: attacker })).status);
    expect(attempts.slice(0, 5)).toEqual([401, 401, 401, 401, 401]);
    expect(new Set(attempts.slice(5))).toEqual(new Set([429]));
    // The right password from the attacker's client is refused too: brute force stays at 5 guesses per 15 minutes.
    expect((await t.call(null, 'POST', '/api/auth/login', { email, password: 'owner-password' }, { client: attacker })).status).toBe(429);
    const owner = await t.call(null, 'POST', '/api/auth/login', { email, password: 'owner-password' }, { client: newClientAddress() });
    expect(owner.status).toBe(200);
  });

  it('keeps the owner\'s own browser working when many clients together exhaust the account (SEC-3)', async () => {
    const email = `owner2-${engine}-${Date.now()}@test.yeyak.kr`;
    await t.signup({ email, password: 'owner-password' });
    const first = await t.call(null, 'POST', '/api/auth/login', { email, password: 'owner-password' }, { client: newClientAddress() });
    const device = first.response.cookies.find((c) => c.name === 'yeyak_device');
    expect(device?.value).toBeTruthy();
    // A distributed attack: 5 guesses from each of many clients until the account's own budget is spent.
    let limitedAll = false;
    for (let c = 0; c < 12 && !limitedAll; c++) {
      const client = newClientAddress();
      for (let i = 0; i < 5; i++) {
        const res = await t.call(null, 'POST', '/api/auth/login', { email, password: `guess-${c}-${i}` }, { client });
        if (res.status === 429) limitedAll = true;
      }
    }
    expect(limitedAll).toBe(true);
    // A browser that never logged in is slowed now …
    expectLimited(await t.call(null, 'POST', '/api/auth/login', { email, password: 'owner-password' }, { client: newClientAddress() }), 'LOGIN_RATE_LIMITED');
    // … the owner's own browser (its device cookie) logs in from anywhere.
    const again = await t.call(null, 'POST', '/api/auth/login', { email, password: 'owner-password' }, { client: newClientAddress(), headers: { cookie: `yeyak_device=${device!.value}` } });
    expect(again.status).toBe(200);
    // A cookie made for another account, or forged, counts for nothing.
    expectLimited(await t.call(null, 'POST', '/api/auth/login', { email, password: 'owner-password' }, { client: newClientAddress(), headers: { cookie: `yeyak_device=${device!.value.replace(/.$/, (ch) => (ch === 'A' ? 'B' : 'A'))}` } }), 'LOGIN_RATE_LIMITED');
  });
});

// Two processes share one database only on PostgreSQL: defined when it is configured (nothing is skipped).
if (process.env.TEST_DATABASE_URL) describe('abuse limits shared by two server processes on PostgreSQL (SEC-1)', () => {
  let storage: Awaited<ReturnType<typeof productStorage>>;
  const processes: ProductProcess[] = [];
  beforeAll(async () => {
    storage = await productStorage('postgres', 'limits');
    processes.push(await startProduct({ ...storage.env, YEYAK_WORKERS: 'false' }));
    processes.push(await startProduct({ ...storage.env, YEYAK_WORKERS: 'false' }));
  }, 120_000);
  afterAll(async () => {
    for (const p of processes) await p.stop();
    await storage?.dispose();
  });

  it('counts one client\'s sign-ups across both processes', async () => {
    const statuses: number[] = [];
    for (let i = 0; i <= RATE_LIMITS.signup.points; i++) {
      const res = await fetch(`${processes[i % 2]!.url}/api/auth/signup`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ businessName: `두 프로세스 ${i}`, serviceType: 'beauty', name: '대표', email: `two-procs-${Date.now()}-${i}@test.yeyak.kr`, password: 'password123' }),
      });
      statuses.push(res.status);
      if (res.status === 429) {
        expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
        expect(((await res.json()) as { error: { message: string } }).error.message).toMatch(/[가-힣]/);
      }
    }
    expect(statuses).toEqual([...Array<number>(RATE_LIMITS.signup.points).fill(201), 429]);
  });

  it('counts one client\'s failed logins for an account across both processes', async () => {
    const statuses: number[] = [];
    for (let i = 0; i <= RATE_LIMITS.loginFailuresPerAccountAndClient.points; i++) {
      const res = await fetch(`${processes[(i + 1) % 2]!.url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: DEMO_LOGIN.email, password: `wrong-${i}` }) });
      statuses.push(res.status);
    }
    expect(statuses).toEqual([401, 401, 401, 401, 401, 429]);
  });
});
