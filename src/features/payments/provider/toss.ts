import {
  PaymentProviderError,
  type MainMethod,
  type PaymentProvider,
  type ProviderCancel,
  type ProviderPayment,
  type ProviderPaymentStatus,
  type ProviderSettlementRow,
  type TossClientConfig,
} from './types.ts';

/**
 * PAY-1: the Toss Payments REST API v1 client (docs.tosspayments.com/reference)
 * behind the PaymentProvider interface:
 *
 *   POST /v1/payments/confirm                 {paymentKey, orderId, amount}      Idempotency-Key
 *   GET  /v1/payments/{paymentKey}
 *   GET  /v1/payments/orders/{orderId}
 *   POST /v1/payments/{paymentKey}/cancel     {cancelReason, cancelAmount?}      Idempotency-Key
 *   GET  /v1/settlements                      ?startDate&endDate&dateType=soldDate&page&size (size ≤ 5000, page from 1)
 *
 * Authorization is `Basic base64(secretKey + ':')`. Errors are Toss's
 * `{code, message}` with an HTTP status (docs.tosspayments.com/reference/error-codes);
 * each becomes a PaymentProviderError whose message is Toss's Korean message:
 * `unknown` — the money may have moved, look the payment up — for 5xx, 429,
 * 409 IDEMPOTENT_REQUEST_PROCESSING, PROVIDER_ERROR, no answer, a timeout and a
 * 2xx we cannot read; `refused` for every other 4xx (nothing changed).
 */
export const TOSS_API_URL = 'https://api.tosspayments.com';
/** Toss keeps an Idempotency-Key of at most 300 characters for 15 days. */
export const TOSS_MAX_IDEMPOTENCY_KEY_LENGTH = 300;
/** The largest page of GET /v1/settlements. */
export const TOSS_SETTLEMENTS_PAGE_SIZE = 5000;
const DEFAULT_TIMEOUT_MS = 30_000;
/** Toss: a settlement query may take up to 60 s. */
const SETTLEMENTS_TIMEOUT_MS = 60_000;
const MAX_SETTLEMENT_PAGES = 10_000;

/** Codes that leave the outcome open whatever their HTTP status. */
const UNKNOWN_OUTCOME_CODES = new Set(['IDEMPOTENT_REQUEST_PROCESSING', 'PROVIDER_ERROR', 'FAILED_INTERNAL_SYSTEM_PROCESSING', 'FAILED_PAYMENT_INTERNAL_SYSTEM_PROCESSING', 'COMMON_ERROR', 'UNKNOWN_PAYMENT_ERROR']);
const STATUSES: ReadonlySet<string> = new Set<ProviderPaymentStatus>(['READY', 'IN_PROGRESS', 'WAITING_FOR_DEPOSIT', 'DONE', 'CANCELED', 'PARTIAL_CANCELED', 'ABORTED', 'EXPIRED']);
const KAKAOPAY = new Set(['카카오페이', 'KAKAOPAY']);

export interface TossClientOptions {
  fetch?: typeof fetch;
  /** Per HTTP call (default 30 s; the settlement list 60 s unless given). */
  timeoutMs?: number;
}

export function tossAuthorization(secretKey: string): string {
  return `Basic ${Buffer.from(`${secretKey}:`, 'utf8').toString('base64')}`;
}

function asObject(value: unknown): Record<string, unknown> | null {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
}

const str = (value: unknown): string | null => (typeof value === 'string' ? value : null);
const num = (value: unknown): number | null => (typeof value === 'number' && Number.isFinite(value) ? value : null);

/** The statement's main method: 카드; 간편결제 by 카카오페이 with a card part (카카오페이 카드) or without (카카오페이 머니); anything else `other`. */
export function mainMethodOf(method: string | null, easyPayProvider: string | null, cardAmount: number | null): MainMethod | null {
  if (method === null) return null;
  if (method === '카드') return 'card';
  if (method === '간편결제' && easyPayProvider !== null && KAKAOPAY.has(easyPayProvider)) return cardAmount !== null && cardAmount > 0 ? 'kakaopay_card' : 'kakaopay_money';
  return 'other';
}

function mapCancel(value: unknown): ProviderCancel | null {
  const c = asObject(value);
  if (!c) return null;
  const transactionKey = str(c.transactionKey);
  const cancelAmount = num(c.cancelAmount);
  if (!transactionKey || cancelAmount === null) return null;
  return {
    transactionKey,
    cancelAmount,
    cancelReason: str(c.cancelReason) ?? '',
    canceledAt: str(c.canceledAt) ?? '',
    refundableAmount: num(c.refundableAmount) ?? 0,
  };
}

/** A Toss Payment object read into ProviderPayment; null when it is not one (no paymentKey, orderId, known status or amounts). */
export function mapTossPayment(value: unknown): ProviderPayment | null {
  const p = asObject(value);
  if (!p) return null;
  const paymentKey = str(p.paymentKey);
  const orderId = str(p.orderId);
  const status = str(p.status);
  const totalAmount = num(p.totalAmount);
  const balanceAmount = num(p.balanceAmount);
  if (!paymentKey || !orderId || !status || !STATUSES.has(status) || totalAmount === null || balanceAmount === null) return null;
  const methodName = str(p.method);
  const easyPay = asObject(p.easyPay);
  const easyPayProvider = easyPay ? str(easyPay.provider) : null;
  const card = asObject(p.card);
  const cardAmount = card ? (num(card.amount) ?? 0) : null;
  const cancels: ProviderCancel[] = [];
  for (const entry of Array.isArray(p.cancels) ? p.cancels : []) {
    const cancel = mapCancel(entry);
    if (!cancel) return null;
    cancels.push(cancel);
  }
  return {
    paymentKey,
    orderId,
    orderName: str(p.orderName) ?? '',
    status: status as ProviderPaymentStatus,
    methodName,
    mainMethod: mainMethodOf(methodName, easyPayProvider, cardAmount),
    easyPayProvider,
    totalAmount,
    balanceAmount,
    approvedAt: str(p.approvedAt),
    requestedAt: str(p.requestedAt),
    lastTransactionKey: str(p.lastTransactionKey),
    card: card ? { approveNo: str(card.approveNo), cardType: str(card.cardType), number: str(card.number), amount: cardAmount ?? 0 } : null,
    cancels,
    receiptUrl: str(asObject(p.receipt)?.url),
    raw: value,
  };
}

/** One row of GET /v1/settlements; null when it is not one. `fee` is the row's, else the sum of fees[], else supplyAmount + vat. */
export function mapTossSettlement(value: unknown): ProviderSettlementRow | null {
  const r = asObject(value);
  if (!r) return null;
  const paymentKey = str(r.paymentKey);
  const transactionKey = str(r.transactionKey);
  const amount = num(r.amount);
  const supplyAmount = num(r.supplyAmount);
  const vat = num(r.vat);
  const payOutAmount = num(r.payOutAmount);
  const soldDate = str(r.soldDate);
  if (!paymentKey || !transactionKey || amount === null || supplyAmount === null || vat === null || payOutAmount === null || !soldDate) return null;
  const fees = Array.isArray(r.fees) ? r.fees.map((f) => num(asObject(f)?.fee)) : null;
  const feeSum = fees && fees.length && fees.every((f) => f !== null) ? (fees as number[]).reduce((a, b) => a + b, 0) : null;
  return {
    paymentKey,
    transactionKey,
    orderId: str(r.orderId) ?? '',
    methodName: str(r.method),
    amount,
    fee: num(r.fee) ?? feeSum ?? supplyAmount + vat,
    supplyAmount,
    vat,
    payOutAmount,
    approvedAt: str(r.approvedAt),
    soldDate,
    paidOutDate: str(r.paidOutDate),
    raw: value,
  };
}

/**
 * A PAYMENT_STATUS_CHANGED webhook body (`{eventType, createdAt, data: Payment}`),
 * read for its hint: Toss does not sign payment webhooks, so the payment is
 * looked up again before anything is believed. Null for anything else.
 */
export function parseTossWebhook(body: unknown): { eventType: 'PAYMENT_STATUS_CHANGED'; createdAt: string | null; payment: ProviderPayment } | null {
  const event = asObject(body);
  if (!event || event.eventType !== 'PAYMENT_STATUS_CHANGED') return null;
  const payment = mapTossPayment(event.data);
  return payment ? { eventType: 'PAYMENT_STATUS_CHANGED', createdAt: str(event.createdAt), payment } : null;
}

/** Toss's error answer, `{code, message}` (or, on some APIs, `{error: {code, message}}`). */
function tossErrorOf(json: unknown): { code: string | null; message: string | null } {
  const body = asObject(json);
  const inner = asObject(body?.error) ?? body;
  return { code: str(inner?.code) || null, message: str(inner?.message)?.trim() || null };
}

function invalidResponse(what: string, httpStatus: number): PaymentProviderError {
  return new PaymentProviderError(`토스페이먼츠 응답을 읽을 수 없습니다 (${what}, HTTP ${httpStatus})`, { outcome: 'unknown', code: 'INVALID_RESPONSE', httpStatus });
}

export function createTossClient(config: TossClientConfig, options: TossClientOptions = {}): PaymentProvider {
  const fetchImpl = options.fetch ?? fetch;
  const base = config.apiUrl.replace(/\/+$/, '');
  const authorization = tossAuthorization(config.secretKey);

  async function call(method: 'GET' | 'POST', path: string, init: { body?: unknown; idempotencyKey?: string; timeoutMs?: number } = {}): Promise<unknown> {
    const what = `${method} ${path.split('?')[0]}`;
    const timeoutMs = init.timeoutMs ?? options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    const headers: Record<string, string> = { Authorization: authorization };
    if (init.body !== undefined) headers['Content-Type'] = 'application/json';
    if (init.idempotencyKey !== undefined) headers['Idempotency-Key'] = init.idempotencyKey;
    let status: number;
    let text: string;
    try {
      const response = await fetchImpl(`${base}${path}`, {
        method,
        headers,
        ...(init.body !== undefined ? { body: JSON.stringify(init.body) } : {}),
        signal: AbortSignal.timeout(timeoutMs),
      });
      status = response.status;
      text = await response.text();
    } catch (error) {
      const name = (error as { name?: string }).name;
      if (name === 'TimeoutError' || name === 'AbortError') {
        throw new PaymentProviderError(`토스페이먼츠가 ${timeoutMs}ms 안에 응답하지 않았습니다 (${what})`, { outcome: 'unknown', code: 'TIMEOUT', httpStatus: null, cause: error });
      }
      const code = (error as { cause?: { code?: string } }).cause?.code;
      throw new PaymentProviderError(`토스페이먼츠에 연결하지 못했습니다 (${what}${code ? `, ${code}` : ''})`, { outcome: 'unknown', code: 'NETWORK', httpStatus: null, cause: error });
    }
    let json: unknown;
    try {
      json = text ? JSON.parse(text) : undefined;
    } catch {
      json = undefined;
    }
    if (status < 200 || status >= 300) {
      const toss = tossErrorOf(json);
      const code = toss.code ?? `HTTP_${status}`;
      // Only a 4xx is Toss saying no; a 5xx, a 429 or anything stranger (a proxy's 3xx) leaves the outcome open.
      const unknown = status < 400 || status >= 500 || status === 429 || UNKNOWN_OUTCOME_CODES.has(code);
      throw new PaymentProviderError(toss.message ?? `토스페이먼츠 오류 응답 (${what}, HTTP ${status})`, { outcome: unknown ? 'unknown' : 'refused', code, httpStatus: status });
    }
    // A 2xx we cannot read may still have done its work: the caller looks the payment up.
    if (json === undefined || json === null || typeof json !== 'object') throw invalidResponse(what, status);
    return json;
  }

  function payment(json: unknown, what: string): ProviderPayment {
    const mapped = mapTossPayment(json);
    if (!mapped) throw invalidResponse(what, 200);
    return mapped;
  }

  function checkKey(idempotencyKey: string): void {
    if (!idempotencyKey || idempotencyKey.length > TOSS_MAX_IDEMPOTENCY_KEY_LENGTH) {
      throw new PaymentProviderError(`멱등키는 1자 이상 ${TOSS_MAX_IDEMPOTENCY_KEY_LENGTH}자 이하여야 합니다 (${idempotencyKey.length}자). 요청하지 않았습니다.`, { outcome: 'refused', code: 'INVALID_IDEMPOTENCY_KEY', httpStatus: null });
    }
  }

  const paymentPath = (paymentKey: string) => `/v1/payments/${encodeURIComponent(paymentKey)}`;

  return {
    async confirm(input, idempotencyKey) {
      checkKey(idempotencyKey);
      const body = { paymentKey: input.paymentKey, orderId: input.orderId, amount: input.amount };
      return payment(await call('POST', '/v1/payments/confirm', { body, idempotencyKey }), 'POST /v1/payments/confirm');
    },

    async getPayment(paymentKey) {
      return payment(await call('GET', paymentPath(paymentKey)), 'GET /v1/payments/{paymentKey}');
    },

    async getPaymentByOrderId(orderId) {
      return payment(await call('GET', `/v1/payments/orders/${encodeURIComponent(orderId)}`), 'GET /v1/payments/orders/{orderId}');
    },

    async cancel(paymentKey, input, idempotencyKey) {
      checkKey(idempotencyKey);
      const body = { cancelReason: input.cancelReason, ...(input.cancelAmount !== undefined ? { cancelAmount: input.cancelAmount } : {}) };
      return payment(await call('POST', `${paymentPath(paymentKey)}/cancel`, { body, idempotencyKey }), 'POST /v1/payments/{paymentKey}/cancel');
    },

    async listSettlements({ startDate, endDate }) {
      const rows: ProviderSettlementRow[] = [];
      for (let page = 1; page <= MAX_SETTLEMENT_PAGES; page++) {
        const query = new URLSearchParams({ startDate, endDate, dateType: 'soldDate', page: String(page), size: String(TOSS_SETTLEMENTS_PAGE_SIZE) });
        const answer = await call('GET', `/v1/settlements?${query}`, { timeoutMs: options.timeoutMs ?? SETTLEMENTS_TIMEOUT_MS });
        if (!Array.isArray(answer)) throw invalidResponse('GET /v1/settlements', 200);
        for (const entry of answer) {
          const row = mapTossSettlement(entry);
          if (!row) throw invalidResponse('GET /v1/settlements', 200);
          rows.push(row);
        }
        if (answer.length < TOSS_SETTLEMENTS_PAGE_SIZE) return rows;
      }
      throw new PaymentProviderError(`토스페이먼츠 정산 조회가 ${MAX_SETTLEMENT_PAGES}쪽을 넘었습니다`, { outcome: 'unknown', code: 'INVALID_RESPONSE', httpStatus: 200 });
    },
  };
}
