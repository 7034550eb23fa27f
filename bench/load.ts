import { performance } from 'node:perf_hooks';
import autocannon from 'autocannon';

export interface Throughput {
  /** Operations completed per second over the run. */
  perSecond: number;
  p50_ms: number;
  p99_ms: number;
  completed: number;
  errors: number;
  /** CPU time of this whole process (all threads) per completed operation, in ms. */
  cpuMsPerOp: number;
}

const round = (value: number, digits = 2) => Number(value.toFixed(digits));

function cpuMsSince(start: NodeJS.CpuUsage, operations: number): number {
  const used = process.cpuUsage(start);
  return operations ? round((used.user + used.system) / 1000 / operations) : 0;
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

/**
 * A closed loop like autocannon's: `concurrency` callers each start the next
 * operation as soon as their last one finished, for `durationMs`.
 */
export async function closedLoop(options: { concurrency: number; durationMs: number; operation: () => Promise<unknown> }): Promise<Throughput> {
  const latencies: number[] = [];
  let errors = 0;
  const cpu = process.cpuUsage();
  const started = performance.now();
  const deadline = started + options.durationMs;
  const caller = async () => {
    while (performance.now() < deadline) {
      const t0 = performance.now();
      try {
        await options.operation();
        latencies.push(performance.now() - t0);
      } catch {
        errors += 1;
      }
    }
  };
  await Promise.all(Array.from({ length: options.concurrency }, caller));
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  return {
    perSecond: round(latencies.length / seconds, 1),
    p50_ms: round(percentile(latencies, 50)),
    p99_ms: round(percentile(latencies, 99)),
    completed: latencies.length,
    errors,
    cpuMsPerOp: cpuMsSince(cpu, latencies.length),
  };
}

/** GET load with autocannon; errors counts transport errors, timeouts and non-2xx answers. */
export async function httpLoad(options: { url: string; headers: Record<string, string>; connections: number; durationSeconds: number }): Promise<Throughput> {
  const cpu = process.cpuUsage();
  const result = await autocannon({
    url: options.url,
    headers: options.headers,
    connections: options.connections,
    duration: options.durationSeconds,
  });
  return {
    perSecond: round(result.requests.total / (result.duration || options.durationSeconds), 1),
    p50_ms: round(result.latency.p50),
    p99_ms: round(result.latency.p99),
    completed: result.requests.total,
    errors: result.errors + result.timeouts + result.non2xx,
    cpuMsPerOp: cpuMsSince(cpu, result.requests.total),
  };
}
