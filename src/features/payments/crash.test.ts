import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines } from '../../../test/db.ts';
import { productStorage, startProduct, type ProductProcess } from '../../../test/product-process.ts';
import { openDatabase, type Database } from '../../platform/db/database.ts';
import { encryptSecret } from '../../platform/secrets/encryption.ts';
import { startLocalToss, type LocalToss } from '../../../tools/toss-local/index.ts';
import { insertPlace, insertTimeSlotProduct, seoulDate, seoulInstant } from '../bookings/test-fixtures.ts';
import { poolKeys } from '../inventory/index.ts';
import { SECRET_PURPOSE } from './provider/connect.ts';
import { payInWindow } from './test-helpers.ts';

/**
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
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
let visitor = 0;
/** The booking page polling its order, each poll as a visitor of its own (the product trusts the loopback proxy), so the abuse limits stay out of the way. */
async function poll(product: ProductProcess, orderId: string) {
  visitor += 1;
  const res = await fetch(`${product.url}/api/public/checkouts/${orderId}`, { headers: { 'x-forwarded-for': `10.9.${visitor >> 8}.${visitor & 255}` } });
  return res.json();
}

async function until<T>(what: string, timeoutMs: number, probe: () => Promise<T | undefined>): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(300);
  }
}

describe.each(engines)('a payment survives a crash between the approval and our commit on %s (PAY-1)', (engine) => {
  let toss: LocalToss;
  let storage: Awaited<ReturnType<typeof productStorage>>;
  const processes: ProductProcess[] = [];
  let victim: ProductProcess | null = null;
  let businessId: string;
  let productId: string;

  async function withData<T>(work: (database: Database) => Promise<T>): Promise<T> {
    const database = engine === 'pglite' ? await openDatabase({ kind: 'pglite', dataDir: storage.env.YEYAK_DATA_DIR! }) : await openDatabase({ kind: 'postgres', url: storage.url!, max: 2 });
    try {
      return await work(database);
    } finally {
      await database.close();
    }
  }
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
      body: JSON.stringify({ productId, lines: [{ startsAt, quantity: 1 }], customer: { name: '강결제', phone: '010-4444-5555' } }),
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

