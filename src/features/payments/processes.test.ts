import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines } from '../../../test/db.ts';
import { productStorage, startProduct, until, type ProductProcess, withProductData } from '../../../test/product-process.ts';
import { openDatabase, type Database } from '../../platform/db/database.ts';
import { encryptSecret } from '../../platform/secrets/encryption.ts';
import { startLocalToss, type LocalToss } from '../../../tools/toss-local/index.ts';
import { insertPlace, insertTimeSlotProduct, seoulDate, seoulInstant } from '../bookings/test-fixtures.ts';
import { poolKeys } from '../inventory/index.ts';
import { SECRET_PURPOSE } from './provider/connect.ts';
import { payInWindow } from './test-helpers.ts';

/**
 * PAY-1 across processes: a real crash (below), and races on PostgreSQL
 * between two product processes (at the end of the file).
 *
 * PAY-1 across a real crash: the product (its own process, workers on) is
 * SIGKILLed inside Toss's confirm — after the approval is recorded at the
 * provider and before the product reads the answer, so before our commit.
 * Started again on the same data, the reconciliation (the job queued
 * before the call, or the minute's sweep) looks the payment up and either
 * makes the booking — exactly one approval and one booking — or, with the
 * capacity taken away meanwhile, refunds it in full — one approval, one
 * cancel, no booking.
 */

const KEYS = { clientKey: 'test_ck_crashTEST', secretKey: 'test_sk_crashTEST' };
const SECRET_KEY = crypto.randomBytes(32).toString('base64');
const PASSWORD = 'password123';
let visitor = 0;
/** The booking page polling its order, each poll as a visitor of its own (the product trusts the loopback proxy), so the abuse limits stay out of the way. */
async function poll(product: ProductProcess, orderId: string) {
  visitor += 1;
  const res = await fetch(`${product.url}/api/public/checkouts/${orderId}`, { headers: { 'x-forwarded-for': `10.9.${visitor >> 8}.${visitor & 255}` } });
  return res.json();
}

describe.each(engines)('a payment survives a crash between the approval and our commit on %s (PAY-1)', (engine) => {
  let toss: LocalToss;
  let storage: Awaited<ReturnType<typeof productStorage>>;
  const processes: ProductProcess[] = [];
  let victim: ProductProcess | null = null;
  let businessId: string;
  let productId: string;

  const withData = <T>(work: (database: Database) => Promise<T>) => withProductData(engine, storage, work);
  async function start(): Promise<ProductProcess> {
    const product = await startProduct({ ...storage.env, YEYAK_WORKERS: 'true', YEYAK_SECRET_KEY: SECRET_KEY, YEYAK_TRUST_PROXY: 'loopback' }, 120_000);
    processes.push(product);
    return product;
  }

  beforeAll(async () => {
    toss = await startLocalToss({
      port: 0,
      merchants: [KEYS],
      // Runs after the approval is recorded and before the answer is written: the product dies not knowing it was charged.
      onApprove: () => {
        if (victim) {
          victim.child.kill('SIGKILL');
          victim = null;
        }
      },
    });
    storage = await productStorage(engine, 'paycrash');
    const first = await start();
    const signup = await fetch(`${first.url}/api/auth/signup`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ businessName: '크래시 의원', serviceType: 'clinic', name: '관리자', email: `paycrash-${Date.now()}@test.yeyak.kr`, password: PASSWORD }),
    });
    expect(signup.status).toBe(201);
    businessId = (await signup.json()).business.id;
    await first.stop();
    await withData(async ({ db }) => {
      await db
        .insertInto('payment_settings')
        .values({ business_id: businessId, api_url: toss.url, client_key: KEYS.clientKey, secret_key_enc: encryptSecret(KEYS.secretKey, SECRET_PURPOSE, Buffer.from(SECRET_KEY, 'base64')), secret_key_last4: 'TEST' })
        .execute();
      const place = await insertPlace(db, businessId);
      productId = (await insertTimeSlotProduct(db, businessId, place.id, { capacity: 1, priceAmount: 40000 })).id;
      await db.updateTable('products').set({ payment_mode: 'prepaid' }).where('id', '=', productId).execute();
    });
  }, 240_000);
  afterAll(async () => {
    for (const p of processes) if (p.child.exitCode === null && p.child.signalCode === null) await p.kill();
    await toss?.close();
    await storage?.dispose();
  });

  /** A checkout and its payment window, then the return whose confirm kills the product. */
  async function payAndCrash(startsAt: string) {
    const product = await start();
    const checkout = await fetch(`${product.url}/api/public/checkouts`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ productId, lines: [{ startsAt, quantity: 1 }], customer: { name: '강결제', phone: '010-4444-5555' }, consents: { privacy: true } }),
    });
    expect(checkout.status).toBe(201);
    const order = await checkout.json();
    const window = await payInWindow(toss, order, 'kakaopay_card');
    victim = product;
    const returned = await fetch(`${product.url}/api/public/checkouts/${order.orderId}/confirm`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ paymentKey: window.paymentKey, amount: window.amount }),
    }).catch((error: unknown) => error);
    expect(returned).toBeInstanceOf(Error); // the socket died with the product
    await until('the crash', 30_000, async () => (product.child.signalCode === 'SIGKILL' ? true : undefined));
    expect(toss.approvals(order.orderId)).toBe(1);
    const row = await withData(({ db }) => db.selectFrom('payments').select(['status', 'booking_id', 'id']).where('order_id', '=', order.orderId).executeTakeFirstOrThrow());
    expect(row).toMatchObject({ status: 'confirming', booking_id: null });
    return { orderId: order.orderId as string, paymentKey: window.paymentKey!, paymentId: row.id };
  }

  it('restarted, the reconciliation makes exactly one booking for the one approval', { timeout: 300_000 }, async () => {
    const { orderId } = await payAndCrash(seoulInstant(seoulDate(3), '11:00').toISOString());
    const product = await start();
    const status = await until('the booking', 150_000, async () => {
      const body = await poll(product, orderId);
      return body.outcome === 'processing' ? undefined : body;
    });
    expect(status.outcome).toBe('booked');
    await product.stop();
    expect(toss.approvals(orderId)).toBe(1);
    await withData(async ({ db }) => {
      const bookings = await db.selectFrom('bookings').select(['id', 'prepaid']).where('business_id', '=', businessId).execute();
      expect(bookings).toHaveLength(1);
      expect(bookings[0]!.prepaid).toBe(true);
      expect(await db.selectFrom('booking_holds').select('id').where('business_id', '=', businessId).execute()).toHaveLength(0);
    });
  });

  it('restarted with the capacity taken meanwhile, the one approval is refunded in full and no booking is made', { timeout: 300_000 }, async () => {
    const startsAt = seoulInstant(seoulDate(4), '11:00');
    const { orderId, paymentKey, paymentId } = await payAndCrash(startsAt.toISOString());
    await withData(async ({ db }) => {
      // The checkout's hold lapses and someone else holds the only place.
      await db.deleteFrom('booking_holds').where('business_id', '=', businessId).execute();
      const hold = await db
        .insertInto('booking_holds')
        .values({ business_id: businessId, product_id: productId, lines: '[]', quantity: 1, client_key: 'other', expires_at: new Date(Date.now() + 3_600_000) })
        .returning('id')
        .executeTakeFirstOrThrow();
      await db
        .insertInto('capacity_claims')
        .values({ business_id: businessId, product_id: productId, pool_key: poolKeys.slot(productId, Math.floor(startsAt.getTime() / 60_000)), usage_day: seoulDate(4), quantity: 1, hold_id: hold.id, expires_at: new Date(Date.now() + 3_600_000) })
        .execute();
    });
    const product = await start();
    await until('the refund', 200_000, async () => {
      const row = await poll(product, orderId);
      return row.outcome === 'refunded' && toss.payment(paymentKey)?.status === 'CANCELED' ? row : undefined;
    });
    await product.stop();
    expect(toss.approvals(orderId)).toBe(1);
    expect(toss.payment(paymentKey)!.cancels).toHaveLength(1);
    await withData(async ({ db }) => {
      expect(await db.selectFrom('bookings').select('id').where('business_id', '=', businessId).where('usage_starts_at', '=', startsAt).execute()).toHaveLength(0);
      const refunds = await db.selectFrom('refunds').select(['kind', 'status', 'amount_pg']).where('payment_id', '=', paymentId).execute();
      expect(refunds).toEqual([{ kind: 'unfulfillable', status: 'succeeded', amount_pg: 40000 }]);
      expect((await db.selectFrom('payments').select('status').where('id', '=', paymentId).executeTakeFirstOrThrow()).status).toBe('refunded');
    });
  });
});

/**
 * PAY-1 under races, on PostgreSQL with two product processes (one pool of
 * connections each), the provider in this process counting approvals:
 * 20 concurrent returns of one order → one approval and one booking, every
 * answer about that booking; 50 customers checking out and paying for 7
 * places at once → at most 7 charged, and nobody charged without a booking.
 */

const RACE_KEYS = { clientKey: 'test_ck_raceTEST', secretKey: 'test_sk_raceTEST' };

for (const engine of engines.filter((e) => e === 'postgres')) {
  describe('payments raced across two processes on PostgreSQL (PAY-1)', () => {
    let toss: LocalToss;
    let storage: Awaited<ReturnType<typeof productStorage>>;
    const processes: ProductProcess[] = [];
    let businessId: string;
    let visitor = 0;
    const as = () => {
      visitor += 1;
      return { 'content-type': 'application/json', 'x-forwarded-for': `10.8.${visitor >> 8}.${visitor & 255}` };
    };

    async function withData<T>(work: (database: Database) => Promise<T>): Promise<T> {
      const database = await openDatabase({ kind: 'postgres', url: storage.url!, max: 2 });
      try {
        return await work(database);
      } finally {
        await database.close();
      }
    }
    const post = (product: ProductProcess, url: string, body: unknown) => fetch(`${product.url}${url}`, { method: 'POST', headers: as(), body: JSON.stringify(body) });

    beforeAll(async () => {
      toss = await startLocalToss({ port: 0, merchants: [RACE_KEYS] });
      storage = await productStorage(engine, 'payrace');
      const env = { ...storage.env, YEYAK_WORKERS: 'true', YEYAK_SECRET_KEY: SECRET_KEY, YEYAK_TRUST_PROXY: 'loopback' };
      processes.push(await startProduct(env, 120_000));
      const signup = await fetch(`${processes[0]!.url}/api/auth/signup`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ businessName: '경합 의원', serviceType: 'clinic', name: '관리자', email: `payrace-${Date.now()}@test.yeyak.kr`, password: PASSWORD }),
      });
      businessId = (await signup.json()).business.id;
      await withData(async ({ db }) => {
        await db
          .insertInto('payment_settings')
          .values({ business_id: businessId, api_url: toss.url, client_key: RACE_KEYS.clientKey, secret_key_enc: encryptSecret(RACE_KEYS.secretKey, SECRET_PURPOSE, Buffer.from(SECRET_KEY, 'base64')), secret_key_last4: 'TEST' })
          .execute();
      });
      processes.push(await startProduct(env, 120_000));
    }, 300_000);
    afterAll(async () => {
      for (const p of processes) if (p.child.exitCode === null && p.child.signalCode === null) await p.kill();
      await toss?.close();
      await storage?.dispose();
    });

    async function paidProduct(capacity: number) {
      return withData(async ({ db }) => {
        const place = await insertPlace(db, businessId);
        const product = await insertTimeSlotProduct(db, businessId, place.id, { capacity, priceAmount: 25000, maxPerBooking: 1 });
        await db.updateTable('products').set({ payment_mode: 'prepaid' }).where('id', '=', product.id).execute();
        return product.id;
      });
    }

    it('20 concurrent returns of one order: one approval, one booking, every answer about it', { timeout: 120_000 }, async () => {
      const productId = await paidProduct(3);
      const startsAt = seoulInstant(seoulDate(2), '10:00').toISOString();
      const checkout = await (await post(processes[0]!, '/api/public/checkouts', { productId, lines: [{ startsAt, quantity: 1 }], customer: { name: '동시성', phone: '010-7777-0001' }, consents: { privacy: true } })).json();
      const window = await payInWindow(toss, checkout);
      const answers = await Promise.all(
        Array.from({ length: 20 }, (_, i) => post(processes[i % 2]!, `/api/public/checkouts/${checkout.orderId}/confirm`, { paymentKey: window.paymentKey, amount: window.amount }).then(async (r) => ({ status: r.status, body: await r.json() }))),
      );
      expect(answers.filter((a) => a.status !== 200 && a.status !== 202)).toEqual([]);
      const numbers = new Set(answers.filter((a) => a.status === 200).map((a) => a.body.booking.bookingNumber));
      expect(numbers.size).toBe(1);
      expect(toss.approvals(checkout.orderId)).toBe(1);
      await withData(async ({ db }) => {
        expect(await db.selectFrom('bookings').select('id').where('product_id', '=', productId).execute()).toHaveLength(1);
      });
    });

    it('50 checkouts for 7 places: at most 7 charged, none charged without a booking', { timeout: 180_000 }, async () => {
      const productId = await paidProduct(7);
      const startsAt = seoulInstant(seoulDate(3), '10:00').toISOString();
      const results = await Promise.all(
        Array.from({ length: 50 }, async (_, i) => {
          const product = processes[i % 2]!;
          const res = await post(product, '/api/public/checkouts', { productId, lines: [{ startsAt, quantity: 1 }], customer: { name: `고객${i}`, phone: `010-7777-${String(1000 + i)}` }, consents: { privacy: true } });
          if (res.status !== 201) return { created: false, status: res.status, code: (await res.json()).error?.code };
          const checkout = await res.json();
          const window = await payInWindow(toss, checkout, i % 3 === 0 ? 'kakaopay_money' : 'card');
          const confirmed = await post(processes[(i + 1) % 2]!, `/api/public/checkouts/${checkout.orderId}/confirm`, { paymentKey: window.paymentKey, amount: window.amount });
          return { created: true, orderId: checkout.orderId as string, status: confirmed.status };
        }),
      );
      const created = results.filter((r) => r.created);
      expect(created.length).toBeLessThanOrEqual(7);
      expect(results.filter((r) => !r.created).every((r) => r.status === 409 && r.code === 'SOLD_OUT')).toBe(true);
      const charged = created.filter((r) => toss.approvals(r.orderId!) > 0);
      expect(charged.length).toBeLessThanOrEqual(7);
      expect(created.every((r) => toss.approvals(r.orderId!) <= 1)).toBe(true);
      await withData(async ({ db }) => {
        const bookings = await db.selectFrom('bookings').select('id').where('product_id', '=', productId).where('status', 'in', ['confirmed', 'pending']).execute();
        expect(bookings.length).toBe(charged.length);
        const payments = await db.selectFrom('payments').select(['order_id', 'booking_id', 'status']).where('product_id', '=', productId).execute();
        for (const r of charged) expect(payments.find((p) => p.order_id === r.orderId)).toMatchObject({ status: 'paid' });
        expect(payments.filter((p) => p.status === 'paid' && p.booking_id === null)).toEqual([]);
      });
    });

    it('holds that lapsed while their customers paid, raced by new customers for the same 7 places: at most 7 charged, each with its booking', { timeout: 180_000 }, async () => {
      const productId = await paidProduct(7);
      const startsAt = seoulInstant(seoulDate(4), '10:00').toISOString();
      const open = async (i: number) => {
        const checkout = await (await post(processes[i % 2]!, '/api/public/checkouts', { productId, lines: [{ startsAt, quantity: 1 }], customer: { name: `고객${i}`, phone: `010-7778-${String(1000 + i)}` }, consents: { privacy: true } })).json();
        return { checkout, window: await payInWindow(toss, checkout) };
      };
      const late = await Promise.all(Array.from({ length: 7 }, (_, i) => open(i)));
      // Their 20 minutes pass: the holds lapse, the places are free again.
      await withData(async ({ db }) => {
        await db.updateTable('booking_holds').set({ expires_at: new Date(Date.now() - 1000) }).where('product_id', '=', productId).execute();
        await db.updateTable('capacity_claims').set({ expires_at: new Date(Date.now() - 1000) }).where('product_id', '=', productId).where('hold_id', 'is not', null).execute();
      });
      const fresh = await Promise.all(Array.from({ length: 7 }, (_, i) => open(100 + i)));
      const all = [...late, ...fresh];
      const answers = await Promise.all(all.map(({ checkout, window }, i) => post(processes[i % 2]!, `/api/public/checkouts/${checkout.orderId}/confirm`, { paymentKey: window.paymentKey, amount: window.amount }).then((r) => r.status)));
      expect(answers.every((s) => s === 200 || s === 202 || s === 409)).toBe(true);
      const charged = all.filter(({ checkout }) => toss.approvals(checkout.orderId) > 0);
      expect(charged.length).toBeLessThanOrEqual(7);
      await withData(async ({ db }) => {
        const payments = await db.selectFrom('payments').select(['order_id', 'booking_id', 'status']).where('product_id', '=', productId).execute();
        for (const { checkout } of charged) expect(payments.find((p) => p.order_id === checkout.orderId)!.booking_id).not.toBeNull();
        const bookings = await db.selectFrom('bookings').select('id').where('product_id', '=', productId).execute();
        expect(bookings.length).toBe(charged.length);
        expect(bookings.length).toBeLessThanOrEqual(7);
      });
    });
  });
}
