// Runs every benchmark once and prints one JSON line each. See docs/performance.md.
//   BENCH_DATABASE_URL        PostgreSQL server (default postgres://postgres@127.0.0.1:5432/test)
//   BENCH_DURATION_SECONDS    measured seconds per side (default 10)
//   BENCH_CONNECTIONS         concurrent HTTP connections and raw callers; pool size in contested-booking (default 10)
//   BENCH_NAVER_EVENTS        webhook deliveries in naver-ingest (default 10000, 10% duplicates)
//   BENCH_CONTESTED_CLIENTS   concurrent booking clients per side in contested-booking (default 20)
//   BENCH_CONTESTED_HOT_SLOTS slots on sale at once in contested-booking (default 10)
//   BENCH_AUDIENCE_CUSTOMERS  customers in audience (default 1000000; the load takes about 2 minutes here)
//   BENCH_AUDIENCE_ACCRUALS   accruals (customer_visits) in audience (default 5000000)
//   BENCH_AUDIENCE_RUNS       timed runs per query in audience, after one warm-up; the median is reported (default 5)
//   BENCH_AUDIENCE_EXPLAIN    1: print the slowest audience statement with its EXPLAIN (ANALYZE, BUFFERS) to stderr
//   BENCH_CHECKOUT_ORDERS     orders confirmed per side in checkout-confirm (default 400)
//   BENCH_DISPATCH_MESSAGES   recipients of the one message in dispatch (default 100000: several minutes here; 10000 for a quick run)
//   BENCH_ONLY                benchmarks to run by name, comma-separated, e.g. contested-booking,availability (default all)
import { audienceBench } from './audience.ts';
import { checkoutConfirm } from './checkout-confirm.ts';
import { availability } from './availability.ts';
import { calendarDay } from './calendar-day.ts';
import { contestedBooking } from './contested-booking.ts';
import { dispatchBench } from './dispatch.ts';
import { naverIngest } from './naver-ingest.ts';

const url = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const durationSeconds = Number(process.env.BENCH_DURATION_SECONDS ?? 10);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 10);

const benchmarks: { name: string; run: () => Promise<Record<string, unknown>> }[] = [
  { name: 'calendar-day (PostgreSQL)', run: () => calendarDay({ engine: 'postgres', url, durationSeconds, connections }) },
  { name: 'calendar-day (PGlite)', run: () => calendarDay({ engine: 'pglite', durationSeconds, connections }) },
  { name: 'naver-ingest (PostgreSQL)', run: () => naverIngest({ url, events: Number(process.env.BENCH_NAVER_EVENTS ?? 10_000), connections }) },
  {
    name: 'contested-booking (PostgreSQL)',
    run: () =>
      contestedBooking({
        url,
        clients: Number(process.env.BENCH_CONTESTED_CLIENTS ?? 20),
        hotSlots: Number(process.env.BENCH_CONTESTED_HOT_SLOTS ?? 10),
        connections,
        durationSeconds,
      }),
  },
  { name: 'availability (PostgreSQL)', run: () => availability({ engine: 'postgres', url, durationSeconds, connections }) },
  { name: 'availability (PGlite)', run: () => availability({ engine: 'pglite', durationSeconds, connections }) },
  {
    name: 'audience (PostgreSQL)',
    run: () =>
      audienceBench({
        url,
        customers: Number(process.env.BENCH_AUDIENCE_CUSTOMERS ?? 1_000_000),
        accruals: Number(process.env.BENCH_AUDIENCE_ACCRUALS ?? 5_000_000),
        runs: Number(process.env.BENCH_AUDIENCE_RUNS ?? 5),
        explain: process.env.BENCH_AUDIENCE_EXPLAIN === '1',
      }),
  },
  { name: 'checkout-confirm (PostgreSQL)', run: () => checkoutConfirm({ url, orders: Number(process.env.BENCH_CHECKOUT_ORDERS ?? 400), connections }) },
  { name: 'dispatch (PostgreSQL)', run: () => dispatchBench({ url, messages: Number(process.env.BENCH_DISPATCH_MESSAGES ?? 100_000), connections }) },
];
const only = process.env.BENCH_ONLY?.split(',').map((name) => name.trim()).filter(Boolean);

let failed = false;
for (const benchmark of benchmarks) {
  if (only && !only.includes(benchmark.name.split(' ')[0]!)) continue;
  try {
    const figures = await benchmark.run();
    console.log(JSON.stringify(figures));
    if (figures.errors) failed = true;
  } catch (error) {
    failed = true;
    console.error(`${benchmark.name}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  }
}
process.exit(failed ? 1 : 0);
