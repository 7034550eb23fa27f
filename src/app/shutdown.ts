import type { FastifyInstance } from 'fastify';
import { beginDrain } from './health.ts';

/**
 * Orderly shutdown on SIGTERM / SIGINT (docs/operations.md):
 *
 * 1. stop accepting connections; requests already in flight finish (new
 *    ones on open keep-alive connections get 503 SHUTTING_DOWN), for at most
 *    DRAIN_TIMEOUT_MS, then the remaining connections are cut;
 * 2. the caller then stops the pg-boss workers (a running job gets 5 s to
 *    finish; an unfinished one is retried by the next process), closes the
 *    database and releases the data directory's lock; exit 0.
 *
 * A second signal exits at once (130): for a person pressing Ctrl-C twice.
 * PostgreSQL/PGlite recover from that like from a crash; nothing committed
 * is lost.
 */

export const DRAIN_TIMEOUT_MS = 10_000;
/** Longer than drain + pg-boss's 5 s + closing the database; past it something hangs. */
const HARD_TIMEOUT_MS = 30_000;

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms).unref());

/** Runs `shutdown` once on the first SIGTERM or SIGINT; it exits the process itself. */
export function onTerminationSignals(shutdown: (signal: NodeJS.Signals) => Promise<void>): void {
  let started = false;
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.on(signal, () => {
      if (started) {
        console.error(`종료 신호(${signal})를 다시 받아 바로 종료합니다.`);
        process.exit(130);
      }
      started = true;
      console.log(`종료 신호(${signal})를 받았습니다. 진행 중인 요청을 마무리하고 종료합니다…`);
      setTimeout(() => {
        console.error(`종료가 ${HARD_TIMEOUT_MS / 1000}초 안에 끝나지 않아 강제로 종료합니다.`);
        process.exit(1);
      }, HARD_TIMEOUT_MS).unref();
      shutdown(signal).catch((error: unknown) => {
        console.error('종료 중 오류:', error);
        process.exit(1);
      });
    });
  }
}

/**
 * Step 1: no new connections, in-flight requests finish. Resolves when every
 * connection is closed, or after `timeoutMs` having cut the rest.
 */
export async function drainHttp(app: FastifyInstance, timeoutMs = DRAIN_TIMEOUT_MS): Promise<{ timedOut: boolean; streamsEnded: number }> {
  const server = app.server;
  const streamsEnded = beginDrain(app);
  const closed = new Promise<void>((resolve) => server.close(() => resolve()));
  // close() cuts the connections idle now; a keep-alive connection whose request finishes later becomes idle later.
  const reaper = setInterval(() => server.closeIdleConnections(), 50);
  try {
    const timedOut = await Promise.race([closed.then(() => false), sleep(timeoutMs).then(() => true)]);
    if (timedOut) {
      console.error(`진행 중인 요청이 ${timeoutMs / 1000}초 안에 끝나지 않아 연결을 끊습니다.`);
      server.closeAllConnections();
      await closed;
    }
    return { timedOut, streamsEnded };
  } finally {
    clearInterval(reaper);
  }
}
