import type { FastifyReply, FastifyRequest } from 'fastify';
import { takeFault, type FaultSwitches } from './faults.ts';
import { idempotencyScope, MAX_IDEMPOTENCY_KEY_LENGTH, type IdempotencyStore, type StoredAnswer } from './idempotency.ts';
import type { Merchants } from './merchants.ts';
import type { Merchant } from './records.ts';
import { errorBody, TossError } from './wire.ts';

/**
 * The pipeline of every call under /v1/, in this order:
 *
 * 1. a simulated outage (faults.fail5xx): 500 FAILED_INTERNAL_SYSTEM_PROCESSING, nothing done;
 * 2. the Authorization header (merchants.ts): 401 UNAUTHORIZED_KEY / 403 INCORRECT_BASIC_AUTH_FORMAT;
 * 3. for a POST with Idempotency-Key: over 300 characters → 400 INVALID_IDEMPOTENCY_KEY,
 *    a stored answer → that answer again, the same request still running → 409
 *    IDEMPOTENT_REQUEST_PROCESSING, else the request is claimed;
 * 4. faults.delayMs;
 * 5. the work (the handler), whose answer — Toss's error answers too — is
 *    what the key replays;
 * 6. faults.dropAfterApprove: after an approving confirm, the socket is
 *    destroyed instead of answering.
 *
 * Every answer waits faults.delayMs, whatever step answered.
 */

export interface ApiCall {
  merchant: Merchant;
  body: unknown;
  query: URLSearchParams;
  params: Record<string, string>;
}

export interface ApiResult {
  status: number;
  body: unknown;
  /** Set by a confirm that approved (faults.dropAfterApprove applies). */
  approved?: boolean;
}

export type ApiHandler = (call: ApiCall) => ApiResult | Promise<ApiResult>;

export interface ApiOptions {
  faults: FaultSwitches;
  merchants: Merchants;
  idempotency: IdempotencyStore;
  /** Runs first on every call (sessions past their window expire). */
  beforeEach: () => void;
  log: (line: string) => void;
}

const sleep = (ms: number) => (ms > 0 ? new Promise<void>((r) => setTimeout(r, ms)) : Promise.resolve());

export function createApi(options: ApiOptions) {
  const { faults, merchants, idempotency, log } = options;

  return (handle: ApiHandler) => async (req: FastifyRequest, reply: FastifyReply) => {
    const url = new URL(req.url, 'http://local-toss');
    const delayMs = faults.delayMs;
    let delayed = false;
    let claim: Extract<ReturnType<IdempotencyStore['claim']>, { kind: 'claimed' }> | null = null;
    let answer: StoredAnswer;
    let approved = false;
    try {
      options.beforeEach();
      if (takeFault(faults, 'fail5xx')) {
        log(`장애 시뮬레이션: ${req.method} ${url.pathname} → 500`);
        throw new TossError(500, 'FAILED_INTERNAL_SYSTEM_PROCESSING');
      }
      const merchant = merchants.authenticate(req.headers.authorization);
      const rawKey = req.headers['idempotency-key'];
      const key = Array.isArray(rawKey) ? rawKey[0] : rawKey;
      if (req.method === 'POST' && key !== undefined) {
        if (key.length === 0 || key.length > MAX_IDEMPOTENCY_KEY_LENGTH) throw new TossError(400, 'INVALID_IDEMPOTENCY_KEY');
        const claimed = idempotency.claim(idempotencyScope({ secretKey: merchant.secretKey, method: req.method, path: url.pathname, key }));
        if (claimed.kind === 'busy') throw new TossError(409, 'IDEMPOTENT_REQUEST_PROCESSING');
        if (claimed.kind === 'replay') {
          await sleep(delayMs);
          return reply.code(claimed.answer.status).send(claimed.answer.body);
        }
        claim = claimed;
      }
      await sleep(delayMs);
      delayed = true;
      const result = await handle({ merchant, body: req.body, query: url.searchParams, params: (req.params ?? {}) as Record<string, string> });
      answer = { status: result.status, body: result.body };
      approved = result.approved === true;
    } catch (error) {
      if (error instanceof TossError) {
        answer = { status: error.status, body: errorBody(error) };
      } else {
        log(`처리 중 오류: ${req.method} ${url.pathname}: ${(error as Error).stack ?? error}`);
        claim?.release();
        claim = null;
        answer = { status: 500, body: errorBody(new TossError(500, 'FAILED_INTERNAL_SYSTEM_PROCESSING')) };
      }
      if (!delayed) await sleep(delayMs);
    }
    claim?.finish(answer);
    if (approved && takeFault(faults, 'dropAfterApprove')) {
      log(`장애 시뮬레이션: ${url.pathname} 승인 후 응답 없이 연결을 끊음`);
      reply.hijack();
      req.raw.socket.destroy();
      return;
    }
    return reply.code(answer.status).send(answer.body);
  };
}
