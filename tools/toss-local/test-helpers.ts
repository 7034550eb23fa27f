import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { LocalMethod } from './records.ts';
import { startLocalToss, type LocalToss, type LocalTossOptions } from './server.ts';

/** Shared by the tests of the local Toss server and of the product's Toss client. */

export const CLIENT_KEY = 'test_ck_yeyakLocal01';
export const SECRET_KEY = 'test_sk_yeyakLocal01';
export const OTHER_CLIENT_KEY = 'test_ck_otherShop002';
export const OTHER_SECRET_KEY = 'test_sk_otherShop002';

export const basic = (secretKey: string, colon = true) => `Basic ${Buffer.from(`${secretKey}${colon ? ':' : ''}`).toString('base64')}`;

/** A clock a test moves by hand. */
export function manualClock(startIso = '2026-04-01T01:00:00.000Z') {
  let ms = Date.parse(startIso);
  return {
    now: () => new Date(ms),
    advance(byMs: number) {
      ms += byMs;
    },
  };
}

export type Cleanups = (() => Promise<void> | void)[];

export async function startToss(cleanups: Cleanups, options: LocalTossOptions = {}): Promise<LocalToss> {
  const toss = await startLocalToss({
    merchants: [
      { clientKey: CLIENT_KEY, secretKey: SECRET_KEY },
      { clientKey: OTHER_CLIENT_KEY, secretKey: OTHER_SECRET_KEY },
    ],
    webhookRetryDelayMs: 20,
    ...options,
  });
  cleanups.push(() => toss.close());
  return toss;
}

export interface CheckoutInput {
  orderId: string;
  amount: number;
  method?: LocalMethod;
  outcome?: 'approve' | 'reject' | 'close';
  clientKey?: string;
  orderName?: string;
  successUrl?: string;
  failUrl?: string;
}

/** The checkout window's choice, machine-readable: where the browser would go. */
export async function checkout(toss: { url: string }, input: CheckoutInput): Promise<{ status: number; redirectUrl: URL | null; body: Record<string, unknown> }> {
  const response = await fetch(`${toss.url}/local/checkout`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      clientKey: input.clientKey ?? CLIENT_KEY,
      orderId: input.orderId,
      orderName: input.orderName ?? '커트 예약 외 1건',
      amount: input.amount,
      method: input.method ?? 'card',
      outcome: input.outcome ?? 'approve',
      successUrl: input.successUrl ?? 'https://shop.example/pay/success?booking=42',
      failUrl: input.failUrl ?? 'https://shop.example/pay/fail',
    }),
  });
  const body = (await response.json()) as Record<string, unknown>;
  return { status: response.status, redirectUrl: typeof body.redirectUrl === 'string' ? new URL(body.redirectUrl) : null, body };
}

/** Authenticates a payment (approve in the window) and gives its paymentKey. */
export async function authenticated(toss: { url: string }, input: CheckoutInput): Promise<string> {
  const { redirectUrl, body } = await checkout(toss, { ...input, outcome: 'approve' });
  const paymentKey = redirectUrl?.searchParams.get('paymentKey');
  if (!paymentKey) throw new Error(`인증 실패: ${JSON.stringify(body)} ${redirectUrl}`);
  return paymentKey;
}

export interface RawAnswer {
  status: number;
  json: Record<string, unknown> & { code?: string; message?: string };
  headers: Headers;
}

/** One call to the API as a Toss client would make it. */
export async function callToss(
  toss: { url: string },
  method: 'GET' | 'POST',
  path: string,
  options: { secretKey?: string; authorization?: string | null; body?: unknown; idempotencyKey?: string } = {},
): Promise<RawAnswer> {
  const headers: Record<string, string> = {};
  const authorization = options.authorization === undefined ? basic(options.secretKey ?? SECRET_KEY) : options.authorization;
  if (authorization !== null) headers.authorization = authorization;
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  if (options.idempotencyKey !== undefined) headers['idempotency-key'] = options.idempotencyKey;
  const response = await fetch(`${toss.url}${path}`, { method, headers, ...(options.body !== undefined ? { body: JSON.stringify(options.body) } : {}) });
  const text = await response.text();
  return { status: response.status, json: text ? JSON.parse(text) : {}, headers: response.headers };
}

export const confirmCall = (toss: { url: string }, body: { paymentKey: string; orderId: string; amount: number }, options: { secretKey?: string; idempotencyKey?: string } = {}) =>
  callToss(toss, 'POST', '/v1/payments/confirm', { ...options, body });

export interface ReceivedRequest {
  method: string;
  url: string;
  headers: http.IncomingHttpHeaders;
  body: string;
}

export interface StubServer {
  url: string;
  requests: ReceivedRequest[];
  close(): Promise<void>;
}

/**
 * A tiny HTTP server answering each request with `answer(request, index)`:
 * `{status, body}` (a string is sent as is, anything else as JSON), or
 * 'hang' to never answer.
 */
export async function startStub(cleanups: Cleanups, answer: (request: ReceivedRequest, index: number) => { status: number; body?: unknown; contentType?: string } | 'hang'): Promise<StubServer> {
  const requests: ReceivedRequest[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const request = { method: req.method ?? '', url: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks).toString('utf8') };
      requests.push(request);
      const out = answer(request, requests.length - 1);
      if (out === 'hang') return;
      const text = out.body === undefined ? '' : typeof out.body === 'string' ? out.body : JSON.stringify(out.body);
      res.writeHead(out.status, { 'content-type': out.contentType ?? (typeof out.body === 'string' ? 'text/plain; charset=utf-8' : 'application/json') }).end(text);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const stub: StubServer = {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
  cleanups.push(() => stub.close());
  return stub;
}

/** A port nothing listens on. */
export async function closedPort(): Promise<number> {
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
