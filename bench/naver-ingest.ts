// Naver webhook ingestion (NAVER-4..6): N signed booking events, 10% of them
// delivered twice, through the product's HTTP webhook on PostgreSQL, next to
// the same writes done directly on the database in the same process, and the
// count of duplicate or lost schedules (both must be 0).
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { buildApp } from '../src/app/app.ts';
import { migrate } from '../src/platform/db/migrate.ts';
import { registerBusiness } from '../src/features/settings/index.ts';
import { naverRepository as naverRepo, signedHeaders, type NaverEvent } from '../src/features/naver/index.ts';
import { naverMemoText } from '../src/features/naver/domain/events.ts';
import * as settingsRepo from '../src/features/settings/repository.ts';
import { startJobs } from '../src/platform/jobs/jobs.ts';
import { prepareQueues } from '../src/app/jobs.ts';
import { normalizePhone } from '../src/shared/phone.ts';
import { openBenchDatabase } from './calendar-day.ts';

export interface NaverIngestOptions {
  url: string;
  events: number;
  connections: number;
}

const SECRET = 'bench-naver-secret';
const PRODUCT = 'P-BENCH';
const DUPLICATE_SHARE = 0.1;

async function connectedBusiness(db: Parameters<typeof registerBusiness>[0], label: string) {
  const { business, user } = await registerBusiness(db, {
    businessName: `벤치마크 ${label}`,
    serviceType: 'clinic',
    departmentsEnabled: true,
    admin: { name: '관리자', email: `naver-${label}-${Date.now()}@bench.yeyak.kr`, password: 'bench-password-1' },
  });
  const department = await settingsRepo.insertDepartment(db, { businessId: business.id, name: '벤치 상품' });
  const memoType = await db.selectFrom('memo_types').select('id').where('business_id', '=', business.id).executeTakeFirstOrThrow();
  const naverStaff = await naverRepo.findNaverStaff(db, business.id);
  await naverRepo.upsertConnection(db, { businessId: business.id, enabled: true, secret: SECRET, outboundUrl: null, memoTypeId: memoType.id });
  await naverRepo.setDepartmentProduct(db, business.id, department.id, PRODUCT);
  return { businessId: business.id, adminId: user.id, departmentId: department.id, memoTypeId: memoType.id, naverStaffId: naverStaff.id };
}

/** `unique` creation events over about a third as many customers, plus 10% of them again, in a shuffled order. */
function deliveries(total: number): NaverEvent[] {
  const unique = Math.round(total / (1 + DUPLICATE_SHARE));
  const base = Date.UTC(2026, 11, 1, 0, 0);
  const events: NaverEvent[] = Array.from({ length: unique }, (_, i) => {
    const customer = i % Math.ceil(unique / 3);
    const startsAt = new Date(base + i * 10 * 60_000);
    return {
      eventId: `evt-${i}`,
      type: 'booking.created',
      occurredAt: new Date().toISOString(),
      booking: {
        bookingId: `NB-${i}`,
        revision: 1,
        productId: PRODUCT,
        confirmationMode: i % 2 ? 'instant' : 'approval',
        customer: { name: `고객${customer}`, phone: `010${String(10_000_000 + customer).slice(-8)}` },
        startsAt: startsAt.toISOString(),
        endsAt: new Date(startsAt.getTime() + 30 * 60_000).toISOString(),
        options: [{ name: '시술 부위', value: '얼굴' }],
        request: i % 4 === 0 ? '주차 가능한가요?' : '',
      },
    };
  });
  const all = [...events, ...Array.from({ length: total - unique }, (_, i) => events[(i * 7919) % unique]!)];
  for (let i = all.length - 1; i > 0; i--) {
    const j = (i * 2654435761) % (i + 1);
    [all[i], all[j]] = [all[j]!, all[i]!];
  }
  return all;
}

/** Hands out deliveries one by one to concurrent callers until they are gone. */
async function drain(items: NaverEvent[], concurrency: number, send: (event: NaverEvent) => Promise<void>) {
  let next = 0;
  const started = performance.now();
  const cpuBefore = process.cpuUsage();
  const latencies: number[] = [];
  let errors = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < items.length) {
        const event = items[next++]!;
        const t0 = performance.now();
        try {
          await send(event);
          latencies.push(performance.now() - t0);
        } catch {
          errors += 1;
        }
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  const cpu = process.cpuUsage(cpuBefore);
  latencies.sort((a, b) => a - b);
  const at = (p: number) => Number((latencies[Math.min(latencies.length - 1, Math.ceil((p / 100) * latencies.length) - 1)] ?? 0).toFixed(2));
  const processCpuMs = Number(((cpu.user + cpu.system) / 1000 / items.length).toFixed(2));
  return { perSecond: Number((latencies.length / seconds).toFixed(1)), p50_ms: at(50), p99_ms: at(99), processCpuMs, errors };
}

/**
 * The raw side: the rows one delivery writes, as plain SQL in one transaction
 * (lock, duplicate check, customer find-or-create, schedule, booking map, memo,
 * history, alert, event record). No validation, no HTTP, no signature.
 */
async function rawIngest(client: Pick<pg.PoolClient, 'query'>, b: Awaited<ReturnType<typeof connectedBusiness>>, event: NaverEvent) {
  const booking = event.booking;
  await client.query('begin');
  try {
    await client.query(`select pg_advisory_xact_lock(hashtextextended($1, 0))`, [`${b.businessId}:naver:${booking.bookingId}`]);
    const seen = await client.query('select 1 from naver_inbound_events where business_id = $1 and event_id = $2', [b.businessId, event.eventId]);
    if (seen.rowCount === 0) {
      const phone = normalizePhone(booking.customer.phone)!;
      let customer = await client.query<{ id: string }>(
        'insert into customers (business_id, name, phone) values ($1, $2, $3) on conflict (business_id, name, phone) do nothing returning id',
        [b.businessId, booking.customer.name, phone],
      );
      if (customer.rowCount === 0) customer = await client.query('select id from customers where business_id = $1 and name = $2 and phone = $3', [b.businessId, booking.customer.name, phone]);
      const schedule = await client.query<{ id: string }>(
        `insert into schedules (business_id, customer_id, staff_id, department_id, starts_at, ends_at, status, source, title) values ($1, $2, $3, $4, $5, $6, $7, 'naver', '네이버예약') returning id`,
        [b.businessId, customer.rows[0]!.id, b.naverStaffId, b.departmentId, booking.startsAt, booking.endsAt, booking.confirmationMode === 'approval' ? 'pending' : 'confirmed'],
      );
      const scheduleId = schedule.rows[0]!.id;
      await client.query('insert into naver_bookings (business_id, booking_id, schedule_id, revision, product_id) values ($1, $2, $3, $4, $5)', [b.businessId, booking.bookingId, scheduleId, booking.revision, booking.productId]);
      await client.query('insert into schedule_memos (business_id, schedule_id, memo_type_id, body) values ($1, $2, $3, $4)', [b.businessId, scheduleId, b.memoTypeId, naverMemoText(booking)]);
      await client.query(`insert into schedule_history (business_id, schedule_id, actor_label, action, changes) values ($1, $2, '네이버예약', 'created', '{}')`, [b.businessId, scheduleId]);
      await client.query(`insert into notifications (business_id, user_id, kind, title, body, schedule_id) values ($1, $2, 'naver.booking_created', '네이버예약 일정이 추가되었습니다', $3, $4)`, [b.businessId, b.adminId, booking.customer.name, scheduleId]);
      await client.query(`insert into naver_inbound_events (business_id, event_id, booking_id, type, revision, outcome) values ($1, $2, $3, $4, $5, 'created')`, [b.businessId, event.eventId, booking.bookingId, event.type, booking.revision]);
    }
    await client.query('commit');
  } catch (error) {
    await client.query('rollback');
    throw error;
  }
}

async function countOutcome(pool: pg.Pool, businessId: string) {
  const { rows } = await pool.query<{ schedules: number; bookings: number; alerts: number }>(
    `select (select count(*)::int from schedules where business_id = $1 and source = 'naver') as schedules,
            (select count(distinct booking_id)::int from naver_bookings where business_id = $1) as bookings,
            (select count(*)::int from notifications where business_id = $1 and kind = 'naver.booking_created') as alerts`,
    [businessId],
  );
  return rows[0]!;
}

export async function naverIngest(options: NaverIngestOptions): Promise<Record<string, unknown>> {
  const loadBefore = Number(os.loadavg()[0]!.toFixed(2));
  const bench = await openBenchDatabase({ engine: 'postgres', url: options.url, connections: options.connections });
  const { database } = bench;
  const pool = bench.rawPool!();
  try {
    await migrate(database);
    const viaHttp = await connectedBusiness(database.db, 'http');
    const direct = await connectedBusiness(database.db, 'raw');
    const items = deliveries(options.events);
    const unique = new Set(items.map((e) => e.eventId)).size;

    const jobs = await startJobs(database, { schema: bench.jobsSchema, connectionString: options.url });
    await prepareQueues(jobs);
    // Every statement the app sends on its pool (BEGIN, COMMIT and the rate limiter's included) is counted.
    let appStatements = 0;
    const countedClients = new WeakSet<pg.PoolClient>();
    database.pool!.on('acquire', (client) => {
      if (countedClients.has(client)) return;
      countedClients.add(client);
      const query = client.query.bind(client) as (...args: unknown[]) => unknown;
      client.query = ((...args: unknown[]) => {
        appStatements += 1;
        return query(...args);
      }) as typeof client.query;
    });
    const app = await buildApp({ database, jobs, logLevel: 'silent' });
    app.addHook('onClose', async () => jobs.stop());
    await app.listen({ host: '127.0.0.1', port: 0 });
    let http;
    try {
      const url = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}/api/channels/naver/${viaHttp.businessId}/events`;
      http = await drain(items, options.connections, async (event) => {
        const body = JSON.stringify(event);
        const res = await fetch(url, { method: 'POST', headers: signedHeaders(SECRET, body), body });
        if (!res.ok) throw new Error(`${res.status} ${await res.text()}`);
        await res.arrayBuffer();
      });
    } finally {
      await app.close();
    }
    let rawStatements = 0;
    const raw = await drain(items, options.connections, async (event) => {
      const client = await pool.connect();
      const query = client.query.bind(client) as (...args: unknown[]) => unknown;
      const counting = {
        query: ((...args: unknown[]) => {
          rawStatements += 1;
          return query(...args);
        }) as pg.PoolClient['query'],
      };
      try {
        await rawIngest(counting, direct, event);
      } finally {
        client.release();
      }
    });
    const outcome = await countOutcome(pool, viaHttp.businessId);
    return {
      bench: 'naver-ingest',
      engine: 'postgres',
      deliveries: items.length,
      uniqueEvents: unique,
      http: { eventsPerSecond: http.perSecond, p50_ms: http.p50_ms, p99_ms: http.p99_ms, process_cpu_ms: http.processCpuMs, statementsPerEvent: Number((appStatements / items.length).toFixed(2)) },
      raw: { eventsPerSecond: raw.perSecond, p50_ms: raw.p50_ms, p99_ms: raw.p99_ms, process_cpu_ms: raw.processCpuMs, statementsPerEvent: Number((rawStatements / items.length).toFixed(2)) },
      ratio: Number((http.perSecond / raw.perSecond).toFixed(3)),
      duplicateSchedules: Math.max(0, outcome.schedules - unique),
      lostSchedules: Math.max(0, unique - outcome.bookings),
      duplicateAlerts: Math.max(0, outcome.alerts - unique),
      connections: options.connections,
      cpus: os.availableParallelism(),
      loadBefore,
      errors: http.errors + raw.errors + Math.abs(outcome.schedules - unique) + Math.abs(outcome.alerts - unique),
    };
  } finally {
    await pool.end();
    await bench.drop();
  }
}
