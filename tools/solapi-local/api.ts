import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AuthFailure } from './auth.ts';
import { UNAVAILABLE, type FaultSwitch } from './faults.ts';
import { ApiError } from './wire.ts';

/** What a handler of the API gets: the parsed JSON body (if any), the path as sent and the query. */
export interface ApiCall {
  method: string;
  path: string;
  query: URLSearchParams;
  body: unknown;
  groupId: string | undefined;
  /** The path parameters (templateId, …). */
  params: Record<string, string | undefined>;
}

/** Returns the body answered with 200, or throws an ApiError. */
export type ApiHandler = (call: ApiCall) => unknown;

interface ApiAnswer {
  status: number;
  body: unknown;
}

export interface ApiOptions {
  faults: FaultSwitch;
  authenticate: (header: string | undefined) => AuthFailure | null;
  log: (line: string) => void;
}

function parseJson(raw: string): { body: unknown } | null {
  if (!raw.trim()) return { body: undefined };
  try {
    return { body: JSON.parse(raw) };
  } catch {
    return null;
  }
}

function answer(handle: ApiHandler, call: ApiCall, log: (line: string) => void): ApiAnswer {
  try {
    return { status: 200, body: handle(call) };
  } catch (error) {
    if (error instanceof ApiError) return { status: error.status, body: { errorCode: error.errorCode, errorMessage: error.message } };
    log(`처리 중 오류: ${(error as Error).message}`);
    return { status: 500, body: { errorCode: 'InternalError', errorMessage: (error as Error).message } };
  }
}

/**
 * Wraps a handler for every call under /messages/v4/: a simulated outage
 * first (failNext, before: nothing done), then the JSON body, the
 * signature, the work; a simulated outage after the work loses its answer.
 */
export function createApi({ faults, authenticate, log }: ApiOptions) {
  return (handle: ApiHandler) => async (req: FastifyRequest, reply: FastifyReply) => {
    const url = new URL(req.url, 'http://local-solapi');
    const fault = faults.take();
    if (fault === 'before') {
      log(`장애 시뮬레이션: ${req.method} ${url.pathname} → 503`);
      return reply.code(503).send(UNAVAILABLE);
    }
    const parsed = parseJson(Buffer.isBuffer(req.body) ? req.body.toString('utf8') : '');
    if (!parsed) return reply.code(400).send({ errorCode: 'InvalidJSON', errorMessage: '요청 본문이 JSON이 아닙니다.' });
    const refused = authenticate(req.headers.authorization);
    const params = (req.params ?? {}) as Record<string, string | undefined>;
    const groupId = params.groupId;
    const out = refused ?? answer(handle, { method: req.method, path: url.pathname, query: url.searchParams, body: parsed.body, groupId, params }, log);
    if (fault === 'after') {
      log(`장애 시뮬레이션: ${req.method} ${url.pathname} 처리 후 응답 유실 → 503`);
      return reply.code(503).send(UNAVAILABLE);
    }
    return reply.code(out.status).send(out.body);
  };
}
