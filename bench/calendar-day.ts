// The calendar's day query under load: GET /api/calendar for one busy day
// through the whole app (HTTP, session, Kysely, JSON), against the database
// running the very statements that request ran, with the same concurrency
// for the same time, in this one process.
import crypto from 'node:crypto';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import { DateTime } from 'luxon';
import { Kysely, PGliteDialect, PostgresDialect, sql, type CompiledQuery, type LogEvent } from 'kysely';
import pg from 'pg';
import { buildApp } from '../src/app/app.ts';
import { openDatabase, type Database } from '../src/platform/db/database.ts';
import { migrate } from '../src/platform/db/migrate.ts';
import type { DB } from '../src/platform/db/types.ts';
import { registerBusiness } from '../src/features/settings/index.ts';
import { startJobs } from '../src/platform/jobs/jobs.ts';
import { prepareQueues } from '../src/app/jobs.ts';
import { closedLoop, httpLoad, type Throughput } from './load.ts';

export interface CalendarDayOptions {
  engine: 'postgres' | 'pglite';
  /** PostgreSQL server URL (engine postgres); the benchmark works in a schema of its own and drops it. */
  url?: string;
  durationSeconds: number;
  connections: number;
}

const STAFF = 50;
const CUSTOMERS = 2_000;
const SCHEDULES = 20_000;
const DAYS = 60;
const TIME_ZONE = 'Asia/Seoul';
const LOGIN = { email: 'bench@bench.yeyak.kr', password: 'bench-password-1' };
const WARMUP_SECONDS = 2;

/** The database handle the app gets, with every statement it sends recorded while `recording` is on. */
interface Recorder {
  database: Database;
  recording: boolean;
  statements: CompiledQuery[];
}

function recordingDatabase(database: Database): Recorder {
  const recorder: Recorder = { database, recording: false, statements: [] };
  const log = (event: LogEvent) => {
    if (recorder.recording && event.level === 'query') recorder.statements.push(event.query);
  };
  const dialect = database.pglite ? new PGliteDialect({ pglite: database.pglite }) : new PostgresDialect({ pool: database.pool! });
  recorder.database = { ...database, db: new Kysely<DB>({ dialect, log }) };
  return recorder;
}

/**
 * One business with STAFF staff, CUSTOMERS customers and SCHEDULES schedules
 * over DAYS days centred on `busyDay`, about SCHEDULES/DAYS a
 * day, each staff at most one schedule an hour. Bulk statements, not rows one by one.
 */
async function seed(db: Kysely<DB>, busyDay: string): Promise<string> {
  const { business } = await registerBusiness(db, {
    businessName: '벤치마크 의원',
    serviceType: 'clinic',
    departmentsEnabled: true,
    admin: { name: '벤치 관리자', email: LOGIN.email, password: LOGIN.password },
  });
  const id = business.id;
  const firstDay = DateTime.fromISO(busyDay, { zone: TIME_ZONE }).minus({ days: DAYS / 2 }).toISODate()!;
  await sql`insert into departments (business_id, name, sort_order)
    select ${id}, '부서 ' || i, i from generate_series(1, 5) i`.execute(db);
  await sql`insert into staff (business_id, name, kind, department_id, sort_order)
    select ${id}, '담당자 ' || i, 'resource',
      (select d.id from departments d where d.business_id = ${id} and d.sort_order = 1 + i % 5), i
    from generate_series(1, ${STAFF}::int) i`.execute(db);
  await sql`insert into customers (business_id, name, phone)
    select ${id}, '고객 ' || i, '010' || lpad(i::text, 8, '0') from generate_series(1, ${CUSTOMERS}::int) i`.execute(db);
  // Schedule g falls on day g % DAYS; the r-th schedule of a day goes to staff
  // r % STAFF in hour 9 + r / STAFF, so no staff is double-booked. Every
  // fourth schedule gets a memo.
  await sql`
    with st as (select id, department_id, row_number() over (order by sort_order) - 1 as n
                from staff where business_id = ${id} and kind = 'resource'),
         cu as (select id, row_number() over (order by phone) - 1 as n from customers where business_id = ${id}),
         slot as (select g, g % ${DAYS}::int as day, g / ${DAYS}::int as r from generate_series(0, ${SCHEDULES - 1}::int) g),
         timed as (select g, r, ((${firstDay}::date + day) + make_interval(hours => 9 + r / ${STAFF}::int)) at time zone ${TIME_ZONE} as starts_at from slot),
         inserted as (
           insert into schedules (business_id, customer_id, staff_id, department_id, starts_at, ends_at, status, source, title)
           select ${id}, cu.id, st.id, st.department_id, t.starts_at, t.starts_at + make_interval(mins => 30 * (1 + t.g % 2)),
             (array['confirmed', 'pending', 'completed', 'cancelled'])[1 + t.g % 4], case when t.g % 10 = 0 then 'naver' else 'manual' end, '진료'
           from timed t
           join st on st.n = t.r % ${STAFF}::int
           join cu on cu.n = t.g % ${CUSTOMERS}::int
           returning id)
    insert into schedule_memos (business_id, schedule_id, memo_type_id, body)
    select ${id}, i.id, (select m.id from memo_types m where m.business_id = ${id} limit 1), '시술 전 확인 사항'
    from (select id, row_number() over (order by id) as n from inserted) i
    where i.n % 4 = 0`.execute(db);
  await sql`analyze`.execute(db);
  return id;
}

export interface BenchDatabase {
  database: Database;
  /** Where pg-boss keeps its tables (PostgreSQL: a schema beside the data's, dropped with it). */
  jobsSchema?: string;
  /** Opens a connection pool of its own on the same data (PostgreSQL), for the raw side. */
  rawPool?: () => pg.Pool;
  drop(): Promise<void>;
}

export async function openBenchDatabase(options: Pick<CalendarDayOptions, 'engine' | 'url' | 'connections'>): Promise<BenchDatabase> {
  if (options.engine === 'pglite') {
    const database = await openDatabase({ kind: 'pglite', dataDir: null });
    return { database, drop: () => database.close() };
  }
  const url = options.url!;
  const schema = `bench_${crypto.randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`create schema ${schema}`);
  await admin.end();
  const database = await openDatabase({ kind: 'postgres', url, schema, max: options.connections });
  return {
    database,
    jobsSchema: `${schema}_jobs`,
    rawPool: () => new pg.Pool({ connectionString: url, max: options.connections, options: `-c search_path=${schema},public` }),
    async drop() {
      await database.close();
      const c = new pg.Client({ connectionString: url });
      await c.connect();
      await c.query(`drop schema if exists ${schema}_jobs cascade`);
      await c.query(`drop schema ${schema} cascade`);
      await c.end();
    },
  };
}

/** Runs the recorded statements of one request, in order, on one connection, as the raw side's unit of work. */
function rawReplayer(bench: BenchDatabase, statements: CompiledQuery[]): { replay: () => Promise<void>; close: () => Promise<void> } {
  const { pglite } = bench.database;
  if (pglite) {
    return {
      async replay() {
        for (const s of statements) await pglite.query(s.sql, [...s.parameters]);
      },
      close: async () => undefined,
    };
  }
  const pool = bench.rawPool!();
  return {
    async replay() {
      const client = await pool.connect();
      try {
        for (const s of statements) await client.query(s.sql, [...s.parameters]);
      } finally {
        client.release();
      }
    },
    close: () => pool.end(),
  };
}

const figures = (t: Throughput, rate: 'rps' | 'qps') => ({ [rate]: t.perSecond, p50_ms: t.p50_ms, p99_ms: t.p99_ms, process_cpu_ms: t.cpuMsPerOp });

export async function calendarDay(options: CalendarDayOptions): Promise<Record<string, unknown>> {
  // Other work on the machine skews every figure; the 1-minute load average says how much there was.
  const loadBefore = Number(os.loadavg()[0]!.toFixed(2));
  const bench = await openBenchDatabase(options);
  const { database } = bench;
  try {
    await migrate(database);
    const busyDay = DateTime.now().setZone(TIME_ZONE).toISODate()!;
    await seed(database.db, busyDay);

    // An API process as in a PostgreSQL deployment: jobs can be sent, the workers run elsewhere.
    const jobs = await startJobs(database, { schema: bench.jobsSchema, connectionString: options.url });
    await prepareQueues(jobs);
    const recorder = recordingDatabase(database);
    const app = await buildApp({ database: recorder.database, jobs, logLevel: 'silent' });
    app.addHook('onClose', async () => jobs.stop());
    await app.listen({ host: '127.0.0.1', port: 0 });
    try {
      const base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
      const login = await fetch(`${base}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(LOGIN) });
      if (!login.ok) throw new Error(`login failed: ${login.status} ${await login.text()}`);
      const cookie = login.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
      const url = `${base}/api/calendar?date=${busyDay}&days=1`;

      recorder.recording = true;
      const sample = await fetch(url, { headers: { cookie } });
      recorder.recording = false;
      if (!sample.ok) throw new Error(`GET ${url}: ${sample.status} ${await sample.text()}`);
      const text = await sample.text();
      const body = JSON.parse(text) as { schedules: unknown[] };
      const statements = recorder.statements;

      const load = { url, headers: { cookie }, connections: options.connections };
      await httpLoad({ ...load, durationSeconds: WARMUP_SECONDS });
      const http = await httpLoad({ ...load, durationSeconds: options.durationSeconds });

      const raw = rawReplayer(bench, statements);
      try {
        const loop = { concurrency: options.connections, operation: raw.replay };
        await closedLoop({ ...loop, durationMs: WARMUP_SECONDS * 1000 });
        const direct = await closedLoop({ ...loop, durationMs: options.durationSeconds * 1000 });
        return {
          bench: 'calendar-day',
          engine: options.engine,
          http: figures(http, 'rps'),
          raw: figures(direct, 'qps'),
          ratio: Number((http.perSecond / direct.perSecond).toFixed(3)),
          schedulesPerDay: body.schedules.length,
          responseBytes: Buffer.byteLength(text),
          statementsPerRequest: statements.length,
          connections: options.connections,
          durationSeconds: options.durationSeconds,
          cpus: os.availableParallelism(),
          loadBefore,
          errors: http.errors + direct.errors,
        };
      } finally {
        await raw.close();
      }
    } finally {
      await app.close();
    }
  } finally {
    await bench.drop();
  }
}
