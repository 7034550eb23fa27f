import type { ServerResponse } from 'node:http';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { pingDatabase } from '../platform/db/database.ts';
import { errorBody } from '../platform/errors/registry.ts';

/**
 * Health endpoints for process managers and load balancers, and the
 * "draining" state of a shutdown (src/app/shutdown.ts):
 *
 * - `GET /healthz`: the process is alive and its event loop answers. No
 *   database call, so a slow database never gets a healthy process killed.
 * - `GET /readyz`: the database answers `select 1` and the job queue
 *   (pg-boss's schema, through its own connection on PostgreSQL) answers;
 *   otherwise 503 `NOT_READY` naming what failed. Send traffic only here.
 * - While draining, every new request on a still-open connection gets 503
 *   `SHUTTING_DOWN` in our error shape with `Connection: close` (Fastify's
 *   own 503 during close has an English body), and live event streams (SSE)
 *   are ended so they do not hold the shutdown: browsers reconnect.
 *
 * Registered without encapsulation (skip-override) and before the session
 * hook in src/app/app.ts, so the draining answer comes before anything else.
 */

interface DrainState {
  draining: boolean;
  streams: Set<ServerResponse>;
}

const states = new WeakMap<FastifyInstance, DrainState>();

const CHECK_TIMEOUT_MS = 5_000;

const errorReply = z.object({ error: z.object({ code: z.string(), message: z.string(), details: z.unknown().optional() }) });
const checkResult = z.enum(['ok', 'failed']);

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('timeout')), ms);
    timer.unref();
    promise.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error);
      },
    );
  });
}

async function healthRoutes(app: FastifyInstance) {
  const state: DrainState = { draining: false, streams: new Set() };
  states.set(app, state);

  app.addHook('onRequest', async (req, reply) => {
    if (state.draining) {
      reply.header('connection', 'close');
      return reply.code(503).send(errorBody('SHUTTING_DOWN'));
    }
    // EventSource always asks for text/event-stream; remembered so a shutdown can end the stream.
    if (req.headers.accept?.includes('text/event-stream')) {
      const res = reply.raw;
      state.streams.add(res);
      res.once('close', () => state.streams.delete(res));
    }
  });
  app.addHook('onSend', async (_req, reply) => {
    // An answer finished during the drain closes its connection instead of keeping it alive.
    if (state.draining) reply.header('connection', 'close');
  });

  // Public, and outside the rate limits: probes come every few seconds from one address, and /healthz must not reach
  // the database (where the limits are counted on PostgreSQL).
  const config = { public: true, rateLimit: { perRequest: [] } };
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    '/healthz',
    {
      config,
      schema: { tags: ['ops'], summary: '프로세스 생존 확인 (데이터베이스는 보지 않음)', security: [], response: { 200: z.object({ status: z.literal('ok') }) } },
    },
    async () => ({ status: 'ok' as const }),
  );

  r.get(
    '/readyz',
    {
      config,
      schema: {
        tags: ['ops'],
        summary: '요청을 받을 준비 확인 (데이터베이스 select 1, 작업 큐)',
        security: [],
        response: { 200: z.object({ status: z.literal('ready'), database: z.literal('ok'), jobs: z.literal('ok') }), 503: errorReply },
      },
    },
    async (_req, reply) => {
      const { database, jobs } = app.deps;
      const [db, queue] = await Promise.all([
        withTimeout(pingDatabase(database.db), CHECK_TIMEOUT_MS).then(
          () => 'ok' as const,
          () => 'failed' as const,
        ),
        withTimeout(jobs.boss.schemaVersion(), CHECK_TIMEOUT_MS).then(
          (version) => (version ? ('ok' as const) : ('failed' as const)),
          () => 'failed' as const,
        ),
      ]);
      if (db === 'ok' && queue === 'ok') return { status: 'ready' as const, database: 'ok' as const, jobs: 'ok' as const };
      const what = db === 'failed' && queue === 'failed' ? '데이터베이스와 작업 큐가' : db === 'failed' ? '데이터베이스가' : '작업 큐(pg-boss)가';
      const details: { database: z.infer<typeof checkResult>; jobs: z.infer<typeof checkResult> } = { database: db, jobs: queue };
      return reply.code(503).send(errorBody('NOT_READY', `${what} 응답하지 않아 요청을 받을 준비가 되지 않았습니다.`, details));
    },
  );
}

// Fastify's own flag (what fastify-plugin sets): the hooks above apply to every route of the app.
(healthRoutes as unknown as Record<symbol, boolean>)[Symbol.for('skip-override')] = true;
export default healthRoutes;

/** Starts draining: new requests get 503 SHUTTING_DOWN, open event streams are ended. Returns how many streams were ended. */
export function beginDrain(app: FastifyInstance): number {
  const state = states.get(app);
  if (!state) return 0;
  state.draining = true;
  const streams = [...state.streams];
  for (const res of streams) res.end();
  state.streams.clear();
  return streams.length;
}
