// Runs every benchmark once and prints one JSON line each. See docs/performance.md.
//   BENCH_DATABASE_URL     PostgreSQL server (default postgres://postgres@127.0.0.1:5432/test)
//   BENCH_DURATION_SECONDS measured seconds per side (default 10)
//   BENCH_CONNECTIONS      concurrent HTTP connections and raw callers (default 10)
//   BENCH_NAVER_EVENTS     webhook deliveries in naver-ingest (default 10000, 10% duplicates)
import { calendarDay } from './calendar-day.ts';
import { naverIngest } from './naver-ingest.ts';

const url = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const durationSeconds = Number(process.env.BENCH_DURATION_SECONDS ?? 10);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 10);

const benchmarks: { name: string; run: () => Promise<Record<string, unknown>> }[] = [
  { name: 'calendar-day (PostgreSQL)', run: () => calendarDay({ engine: 'postgres', url, durationSeconds, connections }) },
  { name: 'calendar-day (PGlite)', run: () => calendarDay({ engine: 'pglite', durationSeconds, connections }) },
  { name: 'naver-ingest (PostgreSQL)', run: () => naverIngest({ url, events: Number(process.env.BENCH_NAVER_EVENTS ?? 10_000), connections }) },
];

let failed = false;
for (const benchmark of benchmarks) {
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
