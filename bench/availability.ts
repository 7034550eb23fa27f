// Availability (BOOK-3, BOOK-4, BOOK-8): a month of a busy product as the
// booking page asks for it (GET /api/public/products/:id/availability runs
// bookings' getAvailability: the product's rules, one grouped read of what its
// pools have taken, the pure availability module), next to the database
// answering the very same reads with no computation, and the pure computation
// alone, in one process. Every slot's figures are checked against the claims.
import os from 'node:os';
import { Kysely, PGliteDialect, PostgresDialect, sql, type CompiledQuery, type LogEvent } from 'kysely';
import pg from 'pg';
import { migrate } from '../src/platform/db/migrate.ts';
import type { DB } from '../src/platform/db/types.ts';
import { registerBusiness } from '../src/features/settings/index.ts';
import { takenForProduct } from '../src/features/inventory/index.ts';
import { getAvailability } from '../src/features/bookings/index.ts';
import { insertPlace, seoulDate } from '../src/features/bookings/test-fixtures.ts';
import { epochMinuteOf, loadProduct, scheduleAvailability, timeSlotAvailability, type ScheduledProduct, type TimeSlotProduct } from '../src/features/products/index.ts';
import { openBenchDatabase, type BenchDatabase } from './calendar-day.ts';
import { closedLoop, type Throughput } from './load.ts';

export interface AvailabilityOptions {
  engine: 'postgres' | 'pglite';
  url?: string;
  /** The module and raw loops of each product run half of this, the pure loop a quarter. */
  durationSeconds: number;
  connections: number;
}

const ZONE = 'Asia/Seoul';
/** Data covers today and the next DATA_DAYS days; the month measured is tomorrow plus 30 days. */
const DATA_DAYS = 62;
const RANGE_DAYS = 31;
const SLOT_CAPACITY = 10;
const SLOTS_PER_DAY = 72; // 10-minute slots, 09:00–21:00
const SESSIONS_PER_DAY = 10; // 날짜/시간형 sessions on the hour, 09:00–18:00
const SESSION_STOCK = 20;
const ADULT_MAX = 100_000;
const CUSTOMERS = 500;
const WARMUP_MS = 1000;

type Db = Kysely<DB>;

/** A Kysely on the same connections that records every statement it sends while `recording` is on. */
function recordingDb(database: BenchDatabase['database']): { db: Db; statements: CompiledQuery[]; recording: { on: boolean } } {
  const statements: CompiledQuery[] = [];
  const recording = { on: false };
  const log = (event: LogEvent) => {
    if (recording.on && event.level === 'query') statements.push(event.query);
  };
  const dialect = database.pglite ? new PGliteDialect({ pglite: database.pglite }) : new PostgresDialect({ pool: database.pool! });
  return { db: new Kysely<DB>({ dialect, log }), statements, recording };
}

/**
 * A 시간예약형 product with 10-minute slots from 09:00 to 21:00 every day,
 * 10 people a slot. About 70% of the slots have 1–10 people booked, as
 * bookings of 2 (and one of 1 for an odd count) each with its claim; 5% of
 * the free ones are held by an unexpired hold of 3 and 5% by an expired
 * hold of 5 (which counts for nothing); 5% of all slots are hidden.
 */
async function seedTimeSlotProduct(db: Db, businessId: string, placeId: string, today: string): Promise<string> {
  const product = await db
    .insertInto('products')
    .values({
      business_id: businessId,
      place_id: placeId,
      name: '피부 관리',
      booking_type: 'time_slot',
      confirmation_mode: 'instant',
      price_amount: 50000,
      slot_minutes: 10,
      capacity_per_slot: SLOT_CAPACITY,
      horizon_months: 3,
      max_quantity_per_booking: 10,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const id = product.id;
  const hours = Object.fromEntries([1, 2, 3, 4, 5, 6, 7].map((d) => [String(d), [{ openMinute: 540, closeMinute: 1260 }]]));
  await db
    .insertInto('product_operating_periods')
    .values({ business_id: businessId, product_id: id, starts_on: today, ends_on: seoulDate(DATA_DAYS), weekly_hours: JSON.stringify(hours), booking_opens_at: null })
    .execute();
  const slots = sql`
    select d, m, (${today}::date + d) as day,
      ((${today}::date + d) + make_interval(mins => 540 + 10 * m)) at time zone ${ZONE} as starts_at,
      abs(hashtext(d || ':' || m)::bigint) as h
    from generate_series(0, ${DATA_DAYS}::int) d, generate_series(0, ${SLOTS_PER_DAY - 1}::int) m`;
  await sql`
    with slot as (${slots}),
         taken as (select *, 1 + (h / 100) % ${SLOT_CAPACITY}::int as t from slot where h % 100 < 70),
         claim as (select taken.*, least(2, t - 2 * (k - 1)) as q from taken, generate_series(1, (t + 1) / 2) k),
         numbered as (select claim.*, row_number() over (order by d, m, q) % ${CUSTOMERS}::int as n from claim),
         cu as (select id, name, phone, row_number() over (order by phone) - 1 as n from customers where business_id = ${businessId}),
         inserted as (
           insert into bookings (business_id, booking_number, place_id, product_id, customer_id, customer_name, customer_phone, status,
             usage_starts_at, usage_ends_at, usage_label, total_amount, total_quantity, confirmed_at)
           select ${businessId}, nextval('booking_number_seq')::text, ${placeId}, ${id}, cu.id, cu.name, cu.phone, 'confirmed',
             c.starts_at, c.starts_at + interval '10 minutes', to_char(c.day, 'MM"월" DD"일"'), 50000 * c.q, c.q, now()
           from numbered c join cu on cu.n = c.n
           returning id, usage_starts_at, total_quantity)
    insert into capacity_claims (business_id, product_id, pool_key, usage_day, quantity, booking_id)
    select ${businessId}, ${id}, 'slot:' || ${id}::text || ':' || (extract(epoch from usage_starts_at)::bigint / 60), (usage_starts_at at time zone ${ZONE})::date, total_quantity, id
    from inserted`.execute(db);
  await sql`
    with slot as (${slots})
    insert into booking_holds (business_id, product_id, lines, expires_at)
    select ${businessId}, ${id}, jsonb_build_array(jsonb_build_object('k', 'slot:' || (extract(epoch from starts_at)::bigint / 60), 'q', case when h % 100 < 75 then 3 else 5 end, 'day', day)),
      case when h % 100 < 75 then now() + interval '1 day' else now() - interval '1 hour' end
    from slot where h % 100 >= 70 and h % 100 < 80`.execute(db);
  await sql`
    insert into capacity_claims (business_id, product_id, pool_key, usage_day, quantity, hold_id, expires_at)
    select business_id, product_id, 'slot:' || product_id::text || ':' || split_part(lines -> 0 ->> 'k', ':', 2), (lines -> 0 ->> 'day')::date, (lines -> 0 ->> 'q')::int, id, expires_at
    from booking_holds where business_id = ${businessId} and product_id = ${id}`.execute(db);
  await sql`
    with slot as (${slots})
    insert into product_hidden_slots (business_id, product_id, starts_at)
    select ${businessId}, ${id}, starts_at from slot where h % 100 >= 95`.execute(db);
  return id;
}

/**
 * A 날짜/시간형 product in 날짜/시간별 관리: a session every hour from 09:00
 * to 18:00 every day, three prices (성인 with a 최대 예약 수량, 청소년, 어린이),
 * every session × price a booking schedule, 20 places a session. About 70%
 * of the sessions have 1–20 booked, as bookings of 2 (or 1) spread over the
 * prices; a 성인 booking also claims the price's maximum.
 */
async function seedDateTimeProduct(db: Db, businessId: string, placeId: string, today: string): Promise<string> {
  const product = await db
    .insertInto('products')
    .values({
      business_id: businessId,
      place_id: placeId,
      name: '원데이 클래스',
      booking_type: 'date_time',
      confirmation_mode: 'instant',
      inventory_mode: 'per_date_time',
      duration_minutes: 60,
      max_quantity_per_booking: 20,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const id = product.id;
  await sql`
    insert into product_schedules (business_id, product_id, usage_date, usage_start_minute, booking_opens_at, booking_closes_at)
    select ${businessId}, ${id}, ${today}::date + d, 60 * (9 + i), now() - interval '1 day',
      ((${today}::date + d) + make_interval(hours => 8 + i)) at time zone ${ZONE}
    from generate_series(0, ${DATA_DAYS}::int) d, generate_series(0, ${SESSIONS_PER_DAY - 1}::int) i`.execute(db);
  await sql`
    insert into product_prices (business_id, product_id, name, amount, bookable_from, bookable_to, max_quantity, sort_order)
    values (${businessId}::uuid, ${id}::uuid, '성인', 40000, ${today}::date - 1, ${today}::date + 90, ${ADULT_MAX}::int, 0),
           (${businessId}::uuid, ${id}::uuid, '청소년', 30000, ${today}::date - 1, ${today}::date + 90, null, 1),
           (${businessId}::uuid, ${id}::uuid, '어린이', 20000, ${today}::date - 1, ${today}::date + 90, null, 2)`.execute(db);
  await sql`
    insert into product_booking_schedules (business_id, product_id, schedule_id, price_id)
    select ${businessId}, ${id}, s.id, p.id from product_schedules s, product_prices p
    where s.business_id = ${businessId} and s.product_id = ${id} and p.business_id = ${businessId} and p.product_id = ${id}`.execute(db);
  const key = sql`to_char(s.usage_date, 'YYYY-MM-DD') || 'T' || lpad((s.usage_start_minute / 60)::text, 2, '0') || ':00'`;
  await sql`
    insert into product_stock (business_id, product_id, stock_key, quantity)
    select ${businessId}, ${id}, ${key}, ${SESSION_STOCK}::int from product_schedules s where s.business_id = ${businessId} and s.product_id = ${id}`.execute(db);
  await sql`
    with session as (
           select s.id, s.usage_date, ${key} as dt, (s.usage_date + make_interval(mins => s.usage_start_minute)) at time zone ${ZONE} as starts_at,
             abs(hashtext(${key})::bigint) as h
           from product_schedules s where s.business_id = ${businessId} and s.product_id = ${id}),
         taken as (select *, 1 + (h / 100) % ${SESSION_STOCK}::int as t from session where h % 100 < 70),
         claim as (select taken.*, k, least(2, t - 2 * (k - 1)) as q from taken, generate_series(1, (t + 1) / 2) k),
         priced as (select c.*, p.id as price_id, p.name as price_name, p.max_quantity, p.amount
                    from claim c join product_prices p on p.business_id = ${businessId} and p.product_id = ${id} and p.sort_order = c.k % 3),
         numbered as (select priced.*, row_number() over (order by starts_at, k) % ${CUSTOMERS}::int as n from priced),
         cu as (select id, name, phone, row_number() over (order by phone) - 1 as n from customers where business_id = ${businessId}),
         inserted as (
           insert into bookings (business_id, booking_number, place_id, product_id, customer_id, customer_name, customer_phone, status,
             usage_starts_at, usage_ends_at, usage_label, total_amount, total_quantity, confirmed_at)
           select ${businessId}, nextval('booking_number_seq')::text, ${placeId}, ${id}, cu.id, cu.name, cu.phone, 'confirmed',
             c.starts_at, c.starts_at + interval '60 minutes', c.dt || ' ' || c.price_name, c.amount * c.q, c.q, now()
           from numbered c join cu on cu.n = c.n
           returning id, usage_starts_at, usage_label, total_quantity)
    insert into capacity_claims (business_id, product_id, pool_key, usage_day, quantity, booking_id)
    select ${businessId}::uuid, ${id}::uuid, 'dt:' || ${id}::text || ':' || split_part(i.usage_label, ' ', 1), (i.usage_starts_at at time zone ${ZONE})::date, i.total_quantity, i.id
    from inserted i
    union all
    select ${businessId}::uuid, ${id}::uuid, 'price-max:' || ${id}::text || ':' || p.id, null::date, i.total_quantity, i.id
    from inserted i join product_prices p on p.business_id = ${businessId} and p.product_id = ${id} and p.name = split_part(i.usage_label, ' ', 2) and p.max_quantity is not null`.execute(db);
  return id;
}

/** What every pool of a product has taken, over all its days: the truth the figures are checked against. */
async function takenTruth(db: Db, businessId: string, productId: string): Promise<Map<string, number>> {
  const { rows } = await sql<{ pool_key: string; taken: number }>`
    select pool_key, sum(quantity)::int as taken from capacity_claims
    where business_id = ${businessId} and product_id = ${productId} and (expires_at is null or expires_at > now())
    group by pool_key`.execute(db);
  return new Map(rows.map((r) => [r.pool_key, r.taken]));
}

/** Replays the recorded statements one after another, as the raw side's unit of work. */
function replayer(bench: BenchDatabase, statements: readonly CompiledQuery[]): { replay: () => Promise<void>; close: () => Promise<void> } {
  const { pglite } = bench.database;
  if (pglite) {
    return {
      async replay() {
        for (const s of statements) await pglite.query(s.sql, [...s.parameters]);
      },
      close: async () => undefined,
    };
  }
  // The module's reads outside a transaction each take any free connection of the pool; so do these.
  const pool: pg.Pool = bench.rawPool!();
  return {
    async replay() {
      for (const s of statements) await pool.query(s.sql, [...s.parameters]);
    },
    close: () => pool.end(),
  };
}

const figures = (t: Throughput) => ({ callsPerSecond: t.perSecond, p50_ms: t.p50_ms, p99_ms: t.p99_ms, process_cpu_ms: t.cpuMsPerOp });

async function measure(
  bench: BenchDatabase,
  recorder: ReturnType<typeof recordingDb>,
  options: AvailabilityOptions,
  productId: string,
  range: { from: string; to: string },
  pure: () => unknown,
) {
  recorder.statements.length = 0;
  recorder.recording.on = true;
  const sample = await getAvailability(recorder.db, productId, range);
  recorder.recording.on = false;
  const statements = [...recorder.statements];
  const db = bench.database.db;
  const halfMs = (options.durationSeconds * 1000) / 2;
  const moduleLoop = { concurrency: options.connections, operation: () => getAvailability(db, productId, range) };
  await closedLoop({ ...moduleLoop, durationMs: WARMUP_MS });
  const module = await closedLoop({ ...moduleLoop, durationMs: halfMs });
  const raw = replayer(bench, statements);
  let direct: Throughput;
  try {
    const rawLoop = { concurrency: options.connections, operation: raw.replay };
    await closedLoop({ ...rawLoop, durationMs: WARMUP_MS });
    direct = await closedLoop({ ...rawLoop, durationMs: halfMs });
  } finally {
    await raw.close();
  }
  const pureLoop = { concurrency: 1, operation: async () => pure() };
  await closedLoop({ ...pureLoop, durationMs: WARMUP_MS });
  const computed = await closedLoop({ ...pureLoop, durationMs: halfMs / 2 });
  return {
    sample,
    result: {
      module: figures(module),
      raw: figures(direct),
      pure: { msPerCall: Number((1000 / computed.perSecond).toFixed(3)), process_cpu_ms: computed.cpuMsPerOp },
      ratio: Number((module.perSecond / direct.perSecond).toFixed(3)),
      statementsPerCall: statements.length,
      responseBytes: Buffer.byteLength(JSON.stringify(sample)),
    },
    errors: module.errors + direct.errors + computed.errors,
  };
}

export async function availability(options: AvailabilityOptions): Promise<Record<string, unknown>> {
  const loadBefore = Number(os.loadavg()[0]!.toFixed(2));
  const bench = await openBenchDatabase(options);
  const { database } = bench;
  try {
    await migrate(database);
    const db = database.db;
    const { business } = await registerBusiness(db, {
      businessName: '벤치마크 공방',
      serviceType: 'other',
      departmentsEnabled: false,
      admin: { name: '관리자', email: `availability-${Date.now()}@bench.yeyak.kr`, password: 'bench-password-1' },
    });
    const businessId = business.id;
    const place = await insertPlace(db, businessId);
    await sql`insert into customers (business_id, name, phone)
      select ${businessId}, '고객 ' || i, '0103' || lpad(i::text, 7, '0') from generate_series(1, ${CUSTOMERS}::int) i`.execute(db);
    const today = seoulDate(0);
    const timeSlotId = await seedTimeSlotProduct(db, businessId, place.id, today);
    const dateTimeId = await seedDateTimeProduct(db, businessId, place.id, today);
    await sql`analyze`.execute(db);
    const range = { from: seoulDate(1), to: seoulDate(RANGE_DAYS) };
    const recorder = recordingDb(database);
    const now = new Date();
    const query = { now: epochMinuteOf(now), zone: ZONE, ...range };

    // 시간예약형
    const slotProduct = (await loadProduct(db, businessId, timeSlotId))!.product as TimeSlotProduct;
    const slotTaken = await takenForProduct(db, businessId, timeSlotId, range.from, range.to, now);
    const slots = await measure(bench, recorder, options, timeSlotId, range, () => timeSlotAvailability(slotProduct, query, slotTaken));
    const slotTruth = await takenTruth(db, businessId, timeSlotId);
    const hiddenInRange = timeSlotAvailability(slotProduct, query, slotTaken).days.reduce((n, d) => n + d.slots.filter((s) => s.hidden).length, 0);
    const allSlots = RANGE_DAYS * SLOTS_PER_DAY;
    let slotMismatches = 0;
    let shown = 0;
    let sumRemainingAndTaken = 0;
    let claimed = 0;
    if (slots.sample.kind !== 'time_slot') throw new Error('expected time-slot availability');
    for (const day of slots.sample.days) {
      for (const slot of day.slots) {
        shown += 1;
        const truth = slotTruth.get(`slot:${timeSlotId}:${Date.parse(slot.startsAt) / 60_000}`) ?? 0;
        // The public answer shows what is left, not what others booked: what it implies must be the truth.
        const taken = slot.capacity - slot.remaining;
        sumRemainingAndTaken += slot.remaining + truth;
        claimed += taken;
        if (taken !== Math.min(truth, slot.capacity) || slot.status !== (slot.remaining === 0 ? 'sold_out' : 'bookable')) slotMismatches += 1;
      }
    }
    // Hidden slots are left out of the public answer, every other slot of the month is in it once.
    slotMismatches += Math.abs(allSlots - hiddenInRange - shown);
    if (sumRemainingAndTaken !== SLOT_CAPACITY * shown) slotMismatches += 1;

    // 날짜/시간형
    const sessionProduct = (await loadProduct(db, businessId, dateTimeId))!.product as ScheduledProduct;
    const sessionTaken = await takenForProduct(db, businessId, dateTimeId, range.from, range.to, now);
    const sessions = await measure(bench, recorder, options, dateTimeId, range, () => scheduleAvailability(sessionProduct, query, sessionTaken));
    const sessionTruth = await takenTruth(db, businessId, dateTimeId);
    const computedRows = scheduleAvailability(sessionProduct, query, sessionTaken);
    if (sessions.sample.kind !== 'scheduled') throw new Error('expected scheduled availability');
    const publicRows = sessions.sample.bookingSchedules;
    let sessionMismatches = Math.abs(publicRows.length - RANGE_DAYS * SESSIONS_PER_DAY * 3) + Math.abs(computedRows.length - publicRows.length);
    for (const [i, row] of computedRows.entries()) {
      const pools = row.pools;
      const wrongPool = pools.some((p) => p.taken !== (sessionTruth.get(p.key) ?? 0) || p.remaining + p.taken !== p.capacity);
      const wrongRow = publicRows[i]?.id !== row.bookingScheduleId || publicRows[i]?.remaining !== Math.min(...pools.map((p) => p.remaining));
      if (wrongPool || wrongRow) sessionMismatches += 1;
    }
    const dtClaims = [...sessionTaken].filter(([key]) => key.startsWith('dt:')).reduce((n, [, q]) => n + q, 0);

    const mismatches = slotMismatches + sessionMismatches;
    return {
      bench: 'availability',
      engine: options.engine,
      days: RANGE_DAYS,
      timeSlot: { slots: shown, hiddenSlots: hiddenInRange, takenInRange: claimed, ...slots.result, mismatches: slotMismatches },
      dateTime: { bookingSchedules: publicRows.length, sessions: RANGE_DAYS * SESSIONS_PER_DAY, takenInRange: dtClaims, ...sessions.result, mismatches: sessionMismatches },
      mismatches,
      connections: options.connections,
      durationSeconds: options.durationSeconds,
      cpus: os.availableParallelism(),
      loadBefore,
      errors: slots.errors + sessions.errors + mismatches,
    };
  } finally {
    await bench.drop();
  }
}
