// Checkout confirm (PAY-1): the customer's return from the payment window —
// POST /api/public/checkouts/:orderId/confirm through HTTP, which re-checks
// capacity under the locks, confirms at the provider (the local
// Toss-compatible server, in this process) and makes the booking — next to
// the same work done directly: the two transactions a correct confirm needs,
// written by hand in SQL around the same provider call, on checkouts of a
// second, identical product. Both sides then count double charges (an order
// approved more than once at the provider) and charges without a booking:
// both must be 0.
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import { buildApp } from '../src/app/app.ts';
import { prepareQueues } from '../src/app/jobs.ts';
import { registerBusiness } from '../src/features/settings/index.ts';
import { insertPlace, insertTimeSlotProduct, seoulDate, seoulInstant } from '../src/features/bookings/test-fixtures.ts';
import { poolKeys } from '../src/features/inventory/index.ts';
import { savePaymentSettings } from '../src/features/payments/index.ts';
import { migrate } from '../src/platform/db/migrate.ts';
import { startJobs } from '../src/platform/jobs/jobs.ts';
import { startLocalToss } from '../tools/toss-local/index.ts';
import { openBenchDatabase } from './calendar-day.ts';

export interface CheckoutConfirmOptions {
  url: string;
  /** Orders confirmed per side. */
  orders: number;
  /** Concurrent returns on each side, and the pool sizes. */
  connections: number;
}

const KEYS = { clientKey: 'test_ck_benchTEST', secretKey: 'test_sk_benchTEST' };
/** The statements the raw side sends per confirm (both transactions, BEGIN/COMMIT included). */
const RAW_STATEMENTS = 24;

function visitorAddress(n: number): string {
  return `10.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}`;
}

function percentile(sorted: number[], p: number): number {
  return sorted.length ? Math.round(sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]! * 10) / 10 : 0;
}

export async function checkoutConfirm(options: CheckoutConfirmOptions): Promise<Record<string, unknown>> {
  const bench = await openBenchDatabase({ engine: 'postgres', url: options.url, connections: options.connections });
  const toss = await startLocalToss({ port: 0, merchants: [KEYS] });
  const { database } = bench;
  await migrate(database);
  const jobs = await startJobs(database, { schema: bench.jobsSchema!, connectionString: options.url });
  await prepareQueues(jobs);
  // Each checkout and return comes from a visitor of its own (X-Forwarded-For from the loopback proxy), as real customers do, so the abuse limits count them apart.
  const app = await buildApp({ database, jobs, logLevel: 'silent', trustProxy: ['loopback'] });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  const raw = bench.rawPool!();
  try {
    const { business } = await registerBusiness(database.db, { businessName: '벤치 의원', serviceType: 'clinic', admin: { name: '관리자', email: `bench-${Date.now()}@bench.yeyak.kr`, password: 'password123' } });
    await savePaymentSettings(database.db, business.id, { apiUrl: toss.url, clientKey: KEYS.clientKey, secretKey: KEYS.secretKey });
    const place = await insertPlace(database.db, business.id);
    const productFor = async () => {
      const product = await insertTimeSlotProduct(database.db, business.id, place.id, { capacity: 100_000, priceAmount: 30_000, maxPerBooking: 1, fromDays: 0, toDays: 30 });
      await database.db.updateTable('products').set({ payment_mode: 'prepaid' }).where('id', '=', product.id).execute();
      return product.id;
    };
    const products = { product: await productFor(), raw: await productFor() };
    const slots = Array.from({ length: 12 }, (_, i) => seoulInstant(seoulDate(2 + (i % 6)), i < 6 ? '10:00' : '14:00').toISOString());

    // Checkouts and payment windows for both sides (setup, not measured): the same HTTP calls a customer makes.
    let visitor = 0;
    const open = async (productId: string, i: number) => {
      visitor += 1;
      const res = await fetch(`${base}/api/public/checkouts`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-forwarded-for': visitorAddress(visitor) },
        body: JSON.stringify({ productId, lines: [{ startsAt: slots[i % slots.length], quantity: 1 }], customer: { name: `고객${i}`, phone: `010-${String(1000 + (i % 9000)).padStart(4, '0')}-${String(visitor % 10000).padStart(4, '0')}` }, consents: { privacy: true } }),
      });
      if (res.status !== 201) throw new Error(`checkout: ${res.status} ${await res.text()}`);
      const checkout = await res.json();
      const window = await fetch(`${toss.url}/local/checkout`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ clientKey: KEYS.clientKey, orderId: checkout.orderId, orderName: checkout.orderName, amount: checkout.amount, method: 'card', outcome: 'approve', successUrl: 'http://127.0.0.1/s', failUrl: 'http://127.0.0.1/f' }),
      });
      const redirect = new URL(((await window.json()) as { redirectUrl: string }).redirectUrl);
      return { orderId: checkout.orderId as string, paymentKey: redirect.searchParams.get('paymentKey')!, amount: Number(redirect.searchParams.get('amount')) };
    };
    const prepare = async (productId: string) => {
      const orders = [];
      for (let i = 0; i < options.orders; i += 20) orders.push(...(await Promise.all(Array.from({ length: Math.min(20, options.orders - i) }, (_, k) => open(productId, i + k)))));
      return orders;
    };
    const productOrders = await prepare(products.product);
    const rawOrders = await prepare(products.raw);

    const run = async (orders: typeof productOrders, confirm: (order: (typeof productOrders)[number]) => Promise<boolean>) => {
      const latencies: number[] = [];
      let next = 0;
      let failures = 0;
      const started = performance.now();
      await Promise.all(
        Array.from({ length: options.connections }, async () => {
          for (;;) {
            const order = orders[next++];
            if (!order) return;
            const t0 = performance.now();
            if (!(await confirm(order))) failures += 1;
            latencies.push(performance.now() - t0);
          }
        }),
      );
      const seconds = (performance.now() - started) / 1000;
      latencies.sort((a, b) => a - b);
      return { confirmsPerSecond: Math.round((orders.length / seconds) * 10) / 10, p50_ms: percentile(latencies, 50), p99_ms: percentile(latencies, 99), failures, seconds: Math.round(seconds * 10) / 10 };
    };

    const product = await run(productOrders, async (order) => {
      visitor += 1;
      const res = await fetch(`${base}/api/public/checkouts/${order.orderId}/confirm`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-forwarded-for': visitorAddress(visitor) }, body: JSON.stringify({ paymentKey: order.paymentKey, amount: order.amount }) });
      return res.status === 200 && (await res.json()).outcome === 'booked';
    });

    const staff = await database.db.selectFrom('staff').select('id').where('business_id', '=', business.id).where('kind', '=', 'booking_page').executeTakeFirstOrThrow();
    const users = await database.db.selectFrom('users').select('id').where('business_id', '=', business.id).execute();
    const auth = `Basic ${Buffer.from(`${KEYS.secretKey}:`).toString('base64')}`;
    const rawSide = await run(rawOrders, async (order) => {
      const client = await raw.connect();
      try {
        // Transaction 1: the payment locked, the room checked under the locks, `confirming`.
        await client.query('begin');
        const payment = (await client.query('select id, business_id, product_id, hold_id, amount_pg, customer_name, customer_phone, checkout from payments where order_id = $1 for update', [order.orderId])).rows[0];
        if (payment.amount_pg !== order.amount) throw new Error('amount');
        const startMinute = Math.floor(Date.parse(JSON.parse(JSON.stringify(payment.checkout)).lines[0].startsAt) / 60_000);
        const pool = poolKeys.slot(payment.product_id, startMinute);
        await client.query(`select pg_advisory_xact_lock_shared(hashtextextended($1, 0))`, [`${payment.business_id}:product:${payment.product_id}`]);
        await client.query(`select pg_advisory_xact_lock(hashtextextended($1, 0))`, [`${payment.business_id}:pool:${pool}`]);
        await client.query(`select coalesce(sum(quantity), 0) as taken from capacity_claims where business_id = $1 and pool_key = $2 and (expires_at is null or expires_at > now()) and (hold_id is distinct from $3)`, [payment.business_id, pool, payment.hold_id]);
        await client.query(`update payments set status = 'confirming', payment_key = $2, confirm_started_at = now(), confirm_attempts = confirm_attempts + 1 where id = $1`, [payment.id, order.paymentKey]);
        await client.query('commit');
        // The provider's confirm, no transaction open.
        const confirmed = await fetch(`${toss.url}/v1/payments/confirm`, { method: 'POST', headers: { authorization: auth, 'content-type': 'application/json', 'idempotency-key': `confirm-${payment.id}` }, body: JSON.stringify(order) });
        const fact = await confirmed.json();
        if (fact.status !== 'DONE') return false;
        // Transaction 2: the booking written under the locks, the payment paid.
        await client.query('begin');
        await client.query('select id from payments where id = $1 for update', [payment.id]);
        await client.query(`select pg_advisory_xact_lock_shared(hashtextextended($1, 0))`, [`${payment.business_id}:product:${payment.product_id}`]);
        await client.query(`select pg_advisory_xact_lock(hashtextextended($1, 0))`, [`${payment.business_id}:pool:${pool}`]);
        await client.query(`select coalesce(sum(quantity), 0) as taken from capacity_claims where business_id = $1 and pool_key = $2 and (expires_at is null or expires_at > now()) and (hold_id is distinct from $3)`, [payment.business_id, pool, payment.hold_id]);
        await client.query('delete from booking_holds where business_id = $1 and id = $2', [payment.business_id, payment.hold_id]);
        const customer = (
          await client.query(
            `insert into customers (business_id, name, phone) values ($1, $2, $3) on conflict do nothing returning id`,
            [payment.business_id, payment.customer_name, payment.customer_phone],
          )
        ).rows[0] ?? (await client.query('select id from customers where business_id = $1 and phone = $2 and name = $3', [payment.business_id, payment.customer_phone, payment.customer_name])).rows[0];
        const startsAt = new Date(startMinute * 60_000);
        const schedule = (
          await client.query(`insert into schedules (business_id, customer_id, staff_id, starts_at, ends_at, status, source, title) values ($1, $2, $3, $4, $5, 'confirmed', 'booking_page', '벤치') returning id`, [payment.business_id, customer.id, staff.id, startsAt, new Date(startsAt.getTime() + 30 * 60_000)])
        ).rows[0];
        const number = (await client.query(`select nextval('booking_number_seq')::text as n`)).rows[0].n;
        const booking = (
          await client.query(
            `insert into bookings (business_id, booking_number, place_id, product_id, customer_id, schedule_id, customer_name, customer_phone, status, usage_starts_at, usage_ends_at, usage_label, total_amount, total_quantity, confirmed_at, prepaid)
             values ($1, $2, $3, $4, $5, $6, $7, $8, 'confirmed', $9, $10, '벤치', $11, 1, now(), true) returning id`,
            [payment.business_id, number, place.id, payment.product_id, customer.id, schedule.id, payment.customer_name, payment.customer_phone, startsAt, new Date(startsAt.getTime() + 30 * 60_000), payment.amount_pg],
          )
        ).rows[0];
        await client.query(`insert into booking_lines (business_id, booking_id, detail_number, line_no, slot_starts_at, price_name, unit_amount, quantity) values ($1, $2, $3, 1, $4, '벤치', $5, 1)`, [payment.business_id, booking.id, `${number}-1`, startsAt, payment.amount_pg]);
        await client.query(`insert into capacity_claims (business_id, product_id, pool_key, usage_day, quantity, booking_id) values ($1, $2, $3, $4, 1, $5)`, [payment.business_id, payment.product_id, pool, startsAt.toISOString().slice(0, 10), booking.id]);
        await client.query(`insert into schedule_history (business_id, schedule_id, action, changes, actor_label) values ($1, $2, 'created', '{}', '예약페이지')`, [payment.business_id, schedule.id]);
        await client.query(`update payments set status = 'paid', booking_id = $2, hold_id = null, balance_pg = $3, paid_at = now() where id = $1`, [payment.id, booking.id, fact.balanceAmount]);
        await client.query(`update payment_allocations set detail_number = $2 where payment_id = $1 and line_no = 1`, [payment.id, `${number}-1`]);
        await client.query(`insert into notifications (business_id, user_id, kind, title, schedule_id) select $1, unnest($2::uuid[]), 'booking_page.created', '예약', $3`, [payment.business_id, users.map((u) => u.id), schedule.id]);
        await client.query('commit');
        return true;
      } catch (error) {
        await client.query('rollback').catch(() => undefined);
        throw error;
      } finally {
        client.release();
      }
    });

    // Double charges and charges without a booking, on both sides.
    const allOrders = [...productOrders, ...rawOrders];
    const doubleCharges = allOrders.filter((o) => toss.approvals(o.orderId) > 1).length;
    const rows = await database.db.selectFrom('payments').select(['order_id', 'booking_id']).where('business_id', '=', business.id).execute();
    const booked = new Map(rows.map((r) => [r.order_id, r.booking_id]));
    const chargedWithoutBooking = allOrders.filter((o) => toss.approvals(o.orderId) > 0 && !booked.get(o.orderId)).length;
    return {
      bench: 'checkout-confirm',
      database: 'postgres',
      orders: options.orders,
      connections: options.connections,
      product,
      raw: { ...rawSide, statementsPerConfirm: RAW_STATEMENTS },
      ratio: Math.round((product.confirmsPerSecond / rawSide.confirmsPerSecond) * 100) / 100,
      doubleCharges,
      chargedWithoutBooking,
      errors: product.failures + rawSide.failures + doubleCharges + chargedWithoutBooking,
    };
  } finally {
    await app.close();
    await jobs.stop();
    await raw.end();
    await toss.close();
    await bench.drop();
  }
}
