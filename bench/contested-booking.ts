// Contested booking (BOOK-8): many clients booking a few hot slots of one
// 시간예약형 product through POST /api/public/bookings on PostgreSQL, next to
// the same booking transaction written by hand in SQL on a second, identical
// product in the same process, and the count of slots sold beyond their
// capacity on either side (must be 0).
import fs from 'node:fs';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import { DateTime } from 'luxon';
import pg from 'pg';
import { buildApp } from '../src/app/app.ts';
import { migrate } from '../src/platform/db/migrate.ts';
import { registerBusiness } from '../src/features/settings/index.ts';
import { insertPlace, insertTimeSlotProduct, seoulDate, seoulInstant } from '../src/features/bookings/test-fixtures.ts';
import { NOTIFICATION_CHANNEL } from '../src/features/notifications/bus.ts';
import { startJobs } from '../src/platform/jobs/jobs.ts';
import { prepareQueues } from '../src/app/jobs.ts';
import { openBenchDatabase } from './calendar-day.ts';

export interface ContestedBookingOptions {
  url: string;
  /** Concurrent clients on each side. */
  clients: number;
  /** Size of the app's connection pool and of the raw side's pg.Pool. */
  connections: number;
  /** Measured seconds per side at most; a side also ends when its slots are sold out. */
  durationSeconds: number;
  /** How many slots are on sale at once (the contested pools). */
  hotSlots?: number;
  capacityPerSlot?: number;
}

const DAYS = 85;
/** Slots on the last days are sold during the warm-up, the others in the measured run. */
const WARMUP_DAYS = 10;
const WARMUP_SECONDS = 2;
const SLOT_MINUTES = 30;
const CUSTOMERS = 2_000;
const ZONE = 'Asia/Seoul';
const LIVE = `('pending', 'confirmed', 'completed')`;

type Outcome = { kind: 'booked' } | { kind: 'refused'; remaining: number } | { kind: 'error'; code: string };

interface Attempt {
  startsAt: string;
  quantity: number;
  customer: number;
}

/**
 * The slots on sale: `size` at a time, each client picks one of them at
 * random; a slot leaves the window when it is sold out (all its capacity
 * booked, or a refusal says nothing is left) and the next slot takes its place.
 */
class HotWindow {
  private readonly queue: string[];
  private readonly hot: string[];
  private readonly booked = new Map<string, number>();
  private readonly capacity: number;

  constructor(slots: readonly string[], size: number, capacity: number) {
    this.capacity = capacity;
    this.queue = [...slots];
    this.hot = this.queue.splice(0, size);
  }

  pick(random: () => number): string | null {
    return this.hot.length ? this.hot[Math.floor(random() * this.hot.length)]! : null;
  }

  record(startsAt: string, outcome: Outcome, quantity: number) {
    if (outcome.kind === 'booked') {
      const now = (this.booked.get(startsAt) ?? 0) + quantity;
      this.booked.set(startsAt, now);
      if (now >= this.capacity) this.retire(startsAt);
    } else if (outcome.kind === 'refused' && outcome.remaining === 0) {
      this.retire(startsAt);
    }
  }

  private retire(startsAt: string) {
    const at = this.hot.indexOf(startsAt);
    if (at < 0) return;
    const next = this.queue.shift();
    if (next) this.hot[at] = next;
    else this.hot.splice(at, 1);
  }
}

/**
 * CPU time of the PostgreSQL backends serving one pool, read from /proc: a
 * figure that hardly depends on what else the machine runs. Only when the
 * server runs on this machine; otherwise `read` answers null.
 */
class BackendCpu {
  private readonly pids = new Set<number>();

  constructor(pool: pg.Pool) {
    pool.on('acquire', (client) => this.pids.add((client as unknown as { processID: number }).processID));
  }

  /** Clock ticks (1/100 s) used so far by each backend seen. */
  read(): Map<number, number> | null {
    const ticks = new Map<number, number>();
    for (const pid of this.pids) {
      try {
        const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
        ticks.set(pid, Number(fields[11]) + Number(fields[12]));
      } catch {
        return null;
      }
    }
    return ticks;
  }

  /** ms of backend CPU between two readings (backends first seen in between count from 0). */
  static msBetween(before: Map<number, number> | null, after: Map<number, number> | null): number | null {
    if (!before || !after) return null;
    let ticks = 0;
    for (const [pid, t] of after) ticks += t - (before.get(pid) ?? 0);
    return ticks * 10;
  }
}

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface SideFigures {
  bookingsPerSecond: number;
  attemptsPerSecond: number;
  p50_ms: number;
  p99_ms: number;
  /** CPU time of this whole process (all threads) per attempt, in ms. */
  process_cpu_ms: number;
  /** CPU time of the PostgreSQL backends serving this side, per attempt, in ms (null: not measurable here). */
  database_cpu_ms: number | null;
  booked: number;
  bookedQuantity: number;
  refused: number;
  errors: number;
  errorCodes: Record<string, number>;
  seconds: number;
}

/**
 * `clients` callers, each booking one of the hot slots as soon as its last
 * attempt answered, until `durationMs` is up or every slot is sold out. One
 * attempt in five asks for 2 people, the rest for 1. Latency is per attempt,
 * booked or refused.
 */
async function contest(
  slots: readonly string[],
  options: { clients: number; hotSlots: number; capacity: number; durationMs: number; seed: number; backends: BackendCpu },
  book: (attempt: Attempt) => Promise<Outcome>,
): Promise<SideFigures> {
  const window = new HotWindow(slots, options.hotSlots, options.capacity);
  const latencies: number[] = [];
  const errorCodes: Record<string, number> = {};
  let booked = 0;
  let bookedQuantity = 0;
  let refused = 0;
  let errors = 0;
  let attempts = 0;
  const cpu = process.cpuUsage();
  const backendsBefore = options.backends.read();
  const started = performance.now();
  const deadline = started + options.durationMs;
  await Promise.all(
    Array.from({ length: options.clients }, async (_, client) => {
      const random = mulberry32(options.seed * 1000 + client);
      for (let n = 0; performance.now() < deadline; n++) {
        const startsAt = window.pick(random);
        if (!startsAt) return;
        const attempt = { startsAt, quantity: n % 5 === 4 ? 2 : 1, customer: attempts++ % CUSTOMERS };
        const t0 = performance.now();
        let outcome: Outcome;
        try {
          outcome = await book(attempt);
        } catch (error) {
          outcome = { kind: 'error', code: error instanceof Error ? error.message.slice(0, 80) : String(error) };
        }
        latencies.push(performance.now() - t0);
        window.record(startsAt, outcome, attempt.quantity);
        if (outcome.kind === 'booked') {
          booked += 1;
          bookedQuantity += attempt.quantity;
        } else if (outcome.kind === 'refused') {
          refused += 1;
        } else {
          errors += 1;
          errorCodes[outcome.code] = (errorCodes[outcome.code] ?? 0) + 1;
        }
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  const used = process.cpuUsage(cpu);
  const backendMs = BackendCpu.msBetween(backendsBefore, options.backends.read());
  latencies.sort((a, b) => a - b);
  const at = (p: number) => Number((latencies[Math.min(latencies.length - 1, Math.ceil((p / 100) * latencies.length) - 1)] ?? 0).toFixed(2));
  return {
    bookingsPerSecond: Number((booked / seconds).toFixed(1)),
    attemptsPerSecond: Number((latencies.length / seconds).toFixed(1)),
    p50_ms: at(50),
    p99_ms: at(99),
    process_cpu_ms: latencies.length ? Number(((used.user + used.system) / 1000 / latencies.length).toFixed(2)) : 0,
    database_cpu_ms: backendMs !== null && latencies.length ? Number((backendMs / latencies.length).toFixed(2)) : null,
    booked,
    bookedQuantity,
    refused,
    errors,
    errorCodes,
    seconds: Number(seconds.toFixed(2)),
  };
}

/** The instants of every slot (09:00–18:00) on the local days `fromDay` to `toDay` days from today, in time order. */
function slotsOf(fromDay: number, toDay: number): string[] {
  const slots: string[] = [];
  for (let d = fromDay; d <= toDay; d++) {
    const date = seoulDate(d);
    for (let minute = 9 * 60; minute + SLOT_MINUTES <= 18 * 60; minute += SLOT_MINUTES) {
      slots.push(seoulInstant(date, `${String(Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}`).toISOString());
    }
  }
  return slots;
}

const customerOf = (prefix: string, n: number) => ({ name: `${prefix}${n}`, phone: `0102${String(n).padStart(7, '0')}` });

interface ProductUnderTest {
  businessId: string;
  adminId: string;
  placeId: string;
  productId: string;
  staffId: string;
  capacity: number;
  priceAmount: number;
}

const WEEKDAYS = ['', '월', '화', '수', '목', '금', '토', '일'];

/**
 * The raw side: one booking as plain SQL in one transaction, the writes the
 * product makes (customer, calendar schedule, booking number, booking, line,
 * claim, history, alert with pg_notify) under the same locks in the same
 * order, after the same capacity read. No product load, no rule checks, no
 * validation, no HTTP.
 */
async function rawBook(pool: pg.Pool, p: ProductUnderTest, attempt: Attempt): Promise<Outcome> {
  const startsAt = new Date(attempt.startsAt);
  const startMinute = Math.floor(startsAt.getTime() / 60_000);
  const poolKey = `slot:${p.productId}:${startMinute}`;
  const local = DateTime.fromJSDate(startsAt, { zone: ZONE });
  const label = `${local.month}월 ${local.day}일 (${WEEKDAYS[local.weekday]}) ${local.toFormat('HH:mm')}`;
  const { name, phone } = customerOf('직접고객', attempt.customer);
  const client = await pool.connect();
  try {
    await client.query('begin');
    try {
      await client.query(`set local lock_timeout = '5s'`);
      await client.query('select pg_advisory_xact_lock_shared(hashtextextended($1, 0))', [`${p.businessId}:product:${p.productId}`]);
      await client.query('select pg_advisory_xact_lock(hashtextextended($1, 0))', [`${p.businessId}:pool:${poolKey}`]);
      const taken = await client.query<{ taken: number }>(
        'select coalesce(sum(quantity), 0)::int as taken from capacity_claims where business_id = $1 and pool_key = $2 and (expires_at is null or expires_at > now())',
        [p.businessId, poolKey],
      );
      const remaining = Math.max(0, p.capacity - taken.rows[0]!.taken);
      if (attempt.quantity > remaining) {
        await client.query('rollback');
        return { kind: 'refused', remaining };
      }
      let customer = await client.query<{ id: string }>(
        'insert into customers (business_id, name, phone) values ($1, $2, $3) on conflict (business_id, name, phone) do nothing returning id',
        [p.businessId, name, phone],
      );
      if (customer.rowCount === 0) customer = await client.query('select id from customers where business_id = $1 and name = $2 and phone = $3', [p.businessId, name, phone]);
      const customerId = customer.rows[0]!.id;
      const title = `초진 상담 ${attempt.quantity}명`;
      const endsAt = new Date(startsAt.getTime() + SLOT_MINUTES * 60_000);
      const schedule = await client.query<{ id: string }>(
        `insert into schedules (business_id, customer_id, staff_id, starts_at, ends_at, status, source, title) values ($1, $2, $3, $4, $5, 'confirmed', 'booking_page', $6) returning id`,
        [p.businessId, customerId, p.staffId, startsAt, endsAt, title],
      );
      const scheduleId = schedule.rows[0]!.id;
      const number = (await client.query<{ n: string }>(`select nextval('booking_number_seq')::text as n`)).rows[0]!.n;
      const booking = await client.query<{ id: string }>(
        `insert into bookings (business_id, booking_number, place_id, product_id, customer_id, schedule_id, customer_name, customer_phone, request, status,
           usage_starts_at, usage_ends_at, usage_label, total_amount, total_quantity, confirmed_at)
         values ($1, $2, $3, $4, $5, $6, $7, $8, '', 'confirmed', $9, $10, $11, $12, $13, now()) returning id`,
        [p.businessId, number, p.placeId, p.productId, customerId, scheduleId, name, phone, startsAt, endsAt, label, p.priceAmount * attempt.quantity, attempt.quantity],
      );
      const bookingId = booking.rows[0]!.id;
      await client.query(
        `insert into booking_lines (business_id, booking_id, detail_number, line_no, slot_starts_at, price_name, unit_amount, quantity) values ($1, $2, $3, 1, $4, '초진 상담', $5, $6)`,
        [p.businessId, bookingId, `${number}-1`, startsAt, p.priceAmount, attempt.quantity],
      );
      await client.query('insert into capacity_claims (business_id, product_id, pool_key, usage_day, quantity, booking_id) values ($1, $2, $3, $4, $5, $6)', [
        p.businessId,
        p.productId,
        poolKey,
        local.toISODate(),
        attempt.quantity,
        bookingId,
      ]);
      await client.query(`insert into schedule_history (business_id, schedule_id, actor_label, action, changes) values ($1, $2, '예약페이지', 'created', $3)`, [
        p.businessId,
        scheduleId,
        JSON.stringify({ bookingNumber: { from: null, to: number }, status: { from: null, to: 'confirmed' } }),
      ]);
      const alert = await client.query<{ id: string }>(
        `insert into notifications (business_id, user_id, kind, title, body, schedule_id) values ($1, $2, 'booking_page.created', '예약페이지 예약이 들어왔습니다', $3, $4) returning id`,
        [p.businessId, p.adminId, `${name} · ${label} · ${title} · 예약확정`, scheduleId],
      );
      await client.query('select pg_notify($1, $2)', [NOTIFICATION_CHANNEL, JSON.stringify({ businessId: p.businessId, userId: p.adminId, notificationId: alert.rows[0]!.id })]);
      await client.query('commit');
      return { kind: 'booked' };
    } catch (error) {
      await client.query('rollback');
      const code = (error as { code?: string }).code;
      return { kind: 'error', code: code === '55P03' ? 'lock timeout' : `pg ${code ?? (error as Error).message}` };
    }
  } finally {
    client.release();
  }
}

let visits = 0;
/** A new visitor's address for every attempt: a real crowd, so the per-client limits measure their cost without refusing. */
function clientAddress(): string {
  visits += 1;
  return `100.${64 + ((visits >> 16) & 63)}.${(visits >> 8) & 255}.${visits & 255}`;
}

async function httpBook(base: string, productId: string, attempt: Attempt): Promise<Outcome> {
  const res = await fetch(`${base}/api/public/bookings`, {
    method: 'POST',
    // Each customer books from an address of their own, through the bench as a trusted proxy (SEC-1, SEC-2).
    headers: { 'content-type': 'application/json', 'x-forwarded-for': clientAddress() },
    body: JSON.stringify({ productId, lines: [{ startsAt: attempt.startsAt, quantity: attempt.quantity }], customer: customerOf('웹고객', attempt.customer), consents: { privacy: true } }),
  });
  const body = (await res.json()) as { error?: { code: string; details?: { remaining?: number } } };
  if (res.status === 201) return { kind: 'booked' };
  if (res.status === 409 && body.error?.code === 'SOLD_OUT') return { kind: 'refused', remaining: body.error.details?.remaining ?? 0 };
  return { kind: 'error', code: `${res.status} ${body.error?.code ?? ''}` };
}

/**
 * What the database holds for one product after its run: slots whose live
 * bookings or claims add up to more than the capacity, and the booked
 * quantity by bookings and by claims.
 */
async function audit(pool: pg.Pool, p: ProductUnderTest) {
  const { rows } = await pool.query<{ overbooked: number; booking_quantity: number; claim_quantity: number }>(
    `with by_booking as (
       select extract(epoch from usage_starts_at)::bigint / 60 as minute, sum(total_quantity) as quantity
       from bookings where business_id = $1 and product_id = $2 and status in ${LIVE} group by 1),
     by_claim as (
       select split_part(pool_key, ':', 3)::bigint as minute, sum(quantity) as quantity
       from capacity_claims where business_id = $1 and product_id = $2 and (expires_at is null or expires_at > now()) group by 1)
     select
       (select count(*)::int from (select minute from by_booking where quantity > $3 union select minute from by_claim where quantity > $3) slots) as overbooked,
       (select coalesce(sum(quantity), 0)::int from by_booking) as booking_quantity,
       (select coalesce(sum(quantity), 0)::int from by_claim) as claim_quantity`,
    [p.businessId, p.productId, p.capacity],
  );
  return rows[0]!;
}

export async function contestedBooking(options: ContestedBookingOptions): Promise<Record<string, unknown>> {
  const loadBefore = Number(os.loadavg()[0]!.toFixed(2));
  const hotSlots = options.hotSlots ?? 10;
  const capacity = options.capacityPerSlot ?? 5;
  const bench = await openBenchDatabase({ engine: 'postgres', url: options.url, connections: options.connections });
  const { database } = bench;
  const pool = bench.rawPool!();
  try {
    await migrate(database);
    const { business, user } = await registerBusiness(database.db, {
      businessName: '벤치마크 예약',
      serviceType: 'clinic',
      departmentsEnabled: false,
      admin: { name: '관리자', email: `contested-${Date.now()}@bench.yeyak.kr`, password: 'bench-password-1' },
    });
    const place = await insertPlace(database.db, business.id);
    const staff = await database.db.selectFrom('staff').select('id').where('business_id', '=', business.id).where('kind', '=', 'booking_page').executeTakeFirstOrThrow();
    const product = async (): Promise<ProductUnderTest> => {
      const row = await insertTimeSlotProduct(database.db, business.id, place.id, { capacity, slotMinutes: SLOT_MINUTES, maxPerBooking: 10, toDays: DAYS, priceAmount: 30000 });
      return { businessId: business.id, adminId: user.id, placeId: place.id, productId: row.id, staffId: staff.id, capacity, priceAmount: 30000 };
    };
    const viaHttp = await product();
    const direct = await product();
    const warmupSlots = slotsOf(DAYS - WARMUP_DAYS + 1, DAYS);
    const measuredSlots = slotsOf(1, DAYS - WARMUP_DAYS);
    const run = { clients: options.clients, hotSlots, capacity };
    const appBackends = new BackendCpu(database.pool!);
    const rawBackends = new BackendCpu(pool);

    const jobs = await startJobs(database, { schema: bench.jobsSchema, connectionString: options.url });
    await prepareQueues(jobs);
    const app = await buildApp({ database, jobs, logLevel: 'silent', trustProxy: ['loopback'] });
    app.addHook('onClose', async () => jobs.stop());
    await app.listen({ host: '127.0.0.1', port: 0 });
    let http: SideFigures;
    let httpWarmup: SideFigures;
    try {
      const base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
      const book = (attempt: Attempt) => httpBook(base, viaHttp.productId, attempt);
      httpWarmup = await contest(warmupSlots, { ...run, backends: appBackends, durationMs: WARMUP_SECONDS * 1000, seed: 1 }, book);
      http = await contest(measuredSlots, { ...run, backends: appBackends, durationMs: options.durationSeconds * 1000, seed: 2 }, book);
    } finally {
      await app.close();
    }
    const book = (attempt: Attempt) => rawBook(pool, direct, attempt);
    const rawWarmup = await contest(warmupSlots, { ...run, backends: rawBackends, durationMs: WARMUP_SECONDS * 1000, seed: 1 }, book);
    const raw = await contest(measuredSlots, { ...run, backends: rawBackends, durationMs: options.durationSeconds * 1000, seed: 2 }, book);

    const httpAudit = await audit(pool, viaHttp);
    const rawAudit = await audit(pool, direct);
    // Every quantity a client was told is booked is in the database once, as a booking and as a claim.
    const unaccounted = (a: typeof httpAudit, told: number) => Math.abs(a.booking_quantity - told) + Math.abs(a.claim_quantity - told);
    const httpUnaccounted = unaccounted(httpAudit, http.bookedQuantity + httpWarmup.bookedQuantity);
    const rawUnaccounted = unaccounted(rawAudit, raw.bookedQuantity + rawWarmup.bookedQuantity);
    const side = (f: SideFigures, warmup: SideFigures, overbooked: number, unaccountedQuantity: number) => ({
      bookingsPerSecond: f.bookingsPerSecond,
      attemptsPerSecond: f.attemptsPerSecond,
      p50_ms: f.p50_ms,
      p99_ms: f.p99_ms,
      process_cpu_ms: f.process_cpu_ms,
      database_cpu_ms: f.database_cpu_ms,
      booked: f.booked,
      refused: f.refused,
      errors: f.errors + warmup.errors,
      ...(f.errors + warmup.errors ? { errorCodes: { ...warmup.errorCodes, ...f.errorCodes } } : {}),
      seconds: f.seconds,
      overbooked,
      unaccounted: unaccountedQuantity,
    });
    return {
      bench: 'contested-booking',
      engine: 'postgres',
      clients: options.clients,
      hotSlots,
      capacityPerSlot: capacity,
      http: side(http, httpWarmup, httpAudit.overbooked, httpUnaccounted),
      raw: side(raw, rawWarmup, rawAudit.overbooked, rawUnaccounted),
      ratio: Number((http.bookingsPerSecond / raw.bookingsPerSecond).toFixed(3)),
      overbooked: httpAudit.overbooked + rawAudit.overbooked,
      connections: options.connections,
      durationSeconds: options.durationSeconds,
      cpus: os.availableParallelism(),
      loadBefore,
      errors: http.errors + raw.errors + httpWarmup.errors + rawWarmup.errors + httpAudit.overbooked + rawAudit.overbooked + httpUnaccounted + rawUnaccounted,
    };
  } finally {
    await pool.end();
    await bench.drop();
  }
}
