import type { AddressInfo } from 'node:net';
import Fastify, { type FastifyInstance } from 'fastify';
import { createApi } from './api.ts';
import { checkoutErrorPage, checkoutPage } from './checkout-page.ts';
import { completeCheckout, parseCheckoutRequest, parseMethod, parseOutcome } from './checkout.ts';
import { createFaults, patchFaults, type FaultSwitches } from './faults.ts';
import { createIdempotencyStore } from './idempotency.ts';
import { createMerchants } from './merchants.ts';
import { readDataFile, writeDataFile } from './persistence.ts';
import type { LocalMethod, StoredPayment } from './records.ts';
import { DEFAULT_FEE_RATES, parseSettlementQuery, settlementPage, settlementRows, type FeeRates } from './settlements.ts';
import { createPaymentStore } from './store.ts';
import { createWebhookSender, type WebhookDelivery } from './webhooks.ts';
import { errorBody, paymentJson, TossError, type TossPaymentJson } from './wire.ts';

/**
 * A Toss Payments–compatible server for the demo, the tests and the bench
 * (PAY-1), a developer tool apart from the product: the product's Toss
 * client (src/features/payments/provider/toss.ts) talks to it unchanged.
 * It speaks the part of Toss's REST API v1 the product uses, checks keys
 * like Toss, keeps Idempotency-Key answers like Toss and posts unsigned
 * PAYMENT_STATUS_CHANGED webhooks; a checkout page stands in for the
 * payment widget.
 *
 *   POST /v1/payments/confirm                     승인 (store.ts lists each refusal)
 *   GET  /v1/payments/{paymentKey}                조회
 *   GET  /v1/payments/orders/{orderId}            orderId로 조회
 *   POST /v1/payments/{paymentKey}/cancel         취소 (전액 / 부분)
 *   GET  /v1/settlements                          정산 조회 (settlements.ts)
 *   GET  /local/checkout?clientKey&orderId&…      결제창 (HTML)
 *   POST /local/checkout                          결제창의 선택 (form → 303, JSON → {redirectUrl})
 *   POST /local/payments/{paymentKey}/dashboard-cancel   상점 관리자 화면에서 한 환불 (인증 없음)
 *   GET  /local/payments, /local/payments/{paymentKey}, /local/stats, GET|POST /local/faults
 *
 * This file is the Fastify app; the pipeline of a /v1/ call is api.ts, the
 * payments store.ts, keys merchants.ts, idempotency idempotency.ts, the
 * window checkout.ts and checkout-page.ts, webhooks webhooks.ts, simulated
 * trouble faults.ts, Toss's JSON wire.ts.
 */

export const LOCAL_TOSS_DEFAULT_PORT = 4020;
export const LOCAL_TOSS_DEFAULT_CLIENT_KEY = 'test_ck_local';
export const LOCAL_TOSS_DEFAULT_SECRET_KEY = 'test_sk_local';

export interface LocalTossOptions {
  /** 0 (the default) picks a free port; the CLI uses 4020. */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
  /** Key pairs accepted; more with addMerchant. */
  merchants?: { clientKey: string; secretKey: string }[];
  /** Where a merchant's PAYMENT_STATUS_CHANGED webhooks go (null: none). */
  webhookUrl?: (secretKey: string) => string | null;
  /** The confirm window after authentication (default 10). */
  sessionMinutes?: number;
  /** Runs after an approval is recorded and before the reply is written (a test kills the product here). */
  onApprove?: (payment: { orderId: string; paymentKey: string }) => void | Promise<void>;
  /** Fee rates of /v1/settlements in ppm, VAT included (default card 20,000 = 2.0 %, 카카오페이 카드 22,000, 카카오페이 머니 16,500). */
  rates?: Partial<FeeRates>;
  now?: () => Date;
  /** State kept in this JSON file across restarts (persistence.ts). */
  dataFile?: string;
  /** Webhook retries after the first POST (default 7) and the wait unit (the n-th retry waits n × this; default 200 ms). */
  webhookRetries?: number;
  webhookRetryDelayMs?: number;
  /** A second API cancel of one paymentKey within this is refused with FORBIDDEN_CONSECUTIVE_REQUEST (default 1000). */
  consecutiveCancelMs?: number;
  log?: (line: string) => void;
}

export interface LocalToss {
  /** http://127.0.0.1:port */
  url: string;
  addMerchant(m: { clientKey: string; secretKey: string }): void;
  /** The same object `POST /local/faults` changes. */
  faults: FaultSwitches;
  /** Confirms that actually approved, for one orderId or in total: double charges show here. */
  approvals(orderId?: string): number;
  payment(paymentKey: string): TossPaymentJson | undefined;
  /** Every payment (all merchants), oldest first. */
  payments(): TossPaymentJson[];
  webhookDeliveries(): WebhookDelivery[];
  /** Resolves when no webhook is being delivered or waiting for a retry. */
  idle(timeoutMs?: number): Promise<void>;
  close(): Promise<void>;
}

const METHOD_NAMES: Record<LocalMethod, string> = { card: '카드', kakaopay_card: '카카오페이 카드', kakaopay_money: '카카오페이 머니' };

function createApp(): FastifyInstance {
  const app = Fastify({ logger: false, exposeHeadRoutes: false, forceCloseConnections: true, routerOptions: { ignoreTrailingSlash: true, maxParamLength: 1000 } });
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_req, body, done) => done(null, Object.fromEntries(new URLSearchParams(body as string))));
  app.setErrorHandler((error: { statusCode?: number; message: string }, _req, reply) => {
    const status = error.statusCode && error.statusCode >= 400 && error.statusCode < 500 ? 400 : 500;
    const toss = status === 400 ? new TossError(400, 'INVALID_REQUEST', `잘못된 요청입니다. ${error.message}`) : new TossError(500, 'FAILED_INTERNAL_SYSTEM_PROCESSING');
    return reply.code(status).send(errorBody(toss));
  });
  app.setNotFoundHandler((req, reply) => reply.code(404).send(errorBody(new TossError(404, 'NOT_FOUND', `존재하지 않는 정보 입니다. (${req.method} ${new URL(req.url, 'http://local-toss').pathname})`))));
  return app;
}

export async function startLocalToss(options: LocalTossOptions = {}): Promise<LocalToss> {
  const host = options.host ?? '127.0.0.1';
  const now = options.now ?? (() => new Date());
  const log = options.log ?? (() => {});
  const rates: FeeRates = { ...DEFAULT_FEE_RATES, ...options.rates };
  const faults = createFaults();
  const merchants = createMerchants();
  let baseUrl = '';
  let restoring = true;

  const webhooks = createWebhookSender({ retries: Math.max(0, options.webhookRetries ?? 7), retryDelayMs: Math.max(0, options.webhookRetryDelayMs ?? 200), now, log });
  const toJson = (p: StoredPayment) => paymentJson(p, baseUrl);

  function persist() {
    if (!options.dataFile || restoring) return;
    writeDataFile(options.dataFile, {
      version: 1,
      merchants: merchants.list().map(({ clientKey, secretKey }) => ({ clientKey, secretKey })),
      payments: store.all(),
      approvals: [...store.approvals()],
      idempotency: idempotency.entries(),
    });
  }

  const store = createPaymentStore({
    now,
    sessionMs: Math.max(0, options.sessionMinutes ?? 10) * 60_000,
    consecutiveCancelMs: Math.max(0, options.consecutiveCancelMs ?? 1000),
    onStatusChange(p) {
      log(`${p.status}: ${p.orderId} · ${p.totalAmount.toLocaleString('ko-KR')}원 · ${METHOD_NAMES[p.method]} · 잔액 ${p.balanceAmount.toLocaleString('ko-KR')}원 (${p.paymentKey})`);
      const url = options.webhookUrl?.(p.secretKey);
      if (url) webhooks.send(url, toJson(p));
    },
    onChange: () => persist(),
  });
  const idempotency = createIdempotencyStore({ now, onChange: () => persist() });

  const saved = options.dataFile ? readDataFile(options.dataFile) : null;
  for (const m of [...(options.merchants ?? []), ...(saved?.merchants ?? [])]) merchants.add(m);
  if (saved) {
    store.restore(saved);
    idempotency.restore(saved.idempotency);
  }
  restoring = false;

  const app = createApp();
  const api = createApi({ faults, merchants, idempotency, beforeEach: () => store.sweep(), log });

  app.post(
    '/v1/payments/confirm',
    api(async ({ merchant, body }) => {
      const p = store.confirm(merchant.secretKey, body, { expireSessions: faults.expireSessions });
      const answer = toJson(p);
      if (options.onApprove) {
        try {
          await options.onApprove({ orderId: p.orderId, paymentKey: p.paymentKey });
        } catch (error) {
          log(`onApprove 오류: ${(error as Error).message}`);
        }
      }
      return { status: 200, body: answer, approved: true };
    }),
  );
  app.get(
    '/v1/payments/orders/:orderId',
    api(({ merchant, params }) => ({ status: 200, body: toJson(store.byOrderId(merchant.secretKey, params.orderId!)) })),
  );
  app.get(
    '/v1/payments/:paymentKey',
    api(({ merchant, params }) => ({ status: 200, body: toJson(store.get(merchant.secretKey, params.paymentKey!)) })),
  );
  app.post(
    '/v1/payments/:paymentKey/cancel',
    api(({ merchant, params, body }) => ({ status: 200, body: toJson(store.cancel(merchant.secretKey, params.paymentKey!, body)) })),
  );
  app.get(
    '/v1/settlements',
    api(({ merchant, query }) => {
      const q = parseSettlementQuery(query);
      const mine = store.all().filter((p) => p.secretKey === merchant.secretKey);
      return { status: 200, body: settlementPage(settlementRows(mine, rates), q) };
    }),
  );

  app.get('/local/checkout', async (req, reply) => {
    try {
      const request = parseCheckoutRequest(req.query as Record<string, unknown>, merchants);
      return reply.type('text/html; charset=utf-8').send(checkoutPage(request));
    } catch (error) {
      if (!(error instanceof TossError)) throw error;
      return reply.code(400).type('text/html; charset=utf-8').send(checkoutErrorPage(error.code, error.message));
    }
  });
  app.post('/local/checkout', async (req, reply) => {
    const form = (req.headers['content-type'] ?? '').startsWith('application/x-www-form-urlencoded');
    const input = (req.body ?? {}) as Record<string, unknown>;
    try {
      const request = parseCheckoutRequest(input, merchants);
      const method = parseMethod(input.method ?? (form ? 'card' : undefined));
      const outcome = parseOutcome(input.outcome);
      if (!method || !outcome) throw new TossError(400, 'INVALID_REQUEST', "잘못된 요청입니다. method('card' | 'kakaopay_card' | 'kakaopay_money')와 outcome('approve' | 'reject' | 'close')이 필요합니다.");
      const redirectUrl = completeCheckout(store, request, method, outcome);
      return form ? reply.code(303).header('location', redirectUrl).send() : reply.send({ redirectUrl });
    } catch (error) {
      if (!(error instanceof TossError)) throw error;
      return form ? reply.code(400).type('text/html; charset=utf-8').send(checkoutErrorPage(error.code, error.message)) : reply.code(400).send(errorBody(error));
    }
  });

  app.post('/local/payments/:paymentKey/dashboard-cancel', async (req, reply) => {
    try {
      store.sweep();
      const p = store.cancel(null, (req.params as { paymentKey: string }).paymentKey, req.body ?? {});
      return reply.send(toJson(p));
    } catch (error) {
      if (!(error instanceof TossError)) throw error;
      return reply.code(error.status).send(errorBody(error));
    }
  });
  app.get('/local/payments', async () => {
    store.sweep();
    return { items: store.all().map(toJson) };
  });
  app.get('/local/payments/:paymentKey', async (req, reply) => {
    const p = store.find((req.params as { paymentKey: string }).paymentKey);
    return p ? toJson(p) : reply.code(404).send(errorBody(new TossError(404, 'NOT_FOUND_PAYMENT')));
  });
  app.get('/local/stats', async () => {
    const approvals = Object.fromEntries(store.approvals());
    return { approvals, total: Object.values(approvals).reduce((a, b) => a + b, 0) };
  });
  app.get('/local/faults', async () => faults);
  app.post('/local/faults', async (req, reply) => {
    const problem = patchFaults(faults, req.body);
    return problem ? reply.code(400).send({ code: 'INVALID_REQUEST', message: problem }) : faults;
  });

  await app.listen({ port: options.port ?? 0, host });
  const { port } = app.server.address() as AddressInfo;
  baseUrl = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;

  return {
    url: baseUrl,
    addMerchant(m) {
      merchants.add(m);
      persist();
    },
    faults,
    approvals(orderId) {
      const all = store.approvals();
      return orderId === undefined ? [...all.values()].reduce((a, b) => a + b, 0) : (all.get(orderId) ?? 0);
    },
    payment(paymentKey) {
      store.sweep();
      const p = store.find(paymentKey);
      return p ? toJson(p) : undefined;
    },
    payments() {
      store.sweep();
      return store.all().map(toJson);
    },
    webhookDeliveries: webhooks.deliveries,
    idle: webhooks.idle,
    async close() {
      webhooks.stop();
      await app.close();
    },
  };
}
