/**
 * PAY-1: what the payment service needs from a payment provider. Toss
 * Payments is the first (toss.ts, speaking Toss's REST API v1 as
 * docs.tosspayments.com documents it); the local Toss-compatible server
 * (tools/toss-local) stands in for it in the demo and the tests, and the
 * same client talks to both.
 *
 * Money moves only at `confirm`. Every call that changes money carries an
 * idempotency key derived from our own row id (`confirm-<payment id>`,
 * `refund-<refund id>`), so a retry replays the first answer instead of
 * charging or refunding twice.
 */

/** Toss's Payment.status. */
export type ProviderPaymentStatus = 'READY' | 'IN_PROGRESS' | 'WAITING_FOR_DEPOSIT' | 'DONE' | 'CANCELED' | 'PARTIAL_CANCELED' | 'ABORTED' | 'EXPIRED';

/**
 * The main payment method as the settlement statement names it (PAY-4):
 * a card paid directly, a card inside 카카오페이, 카카오페이 머니. A Toss
 * payment by any other method (토스페이, 가상계좌, …) is `other`.
 */
export type MainMethod = 'card' | 'kakaopay_card' | 'kakaopay_money' | 'other';

export interface ProviderCancel {
  /** Toss's cancels[].transactionKey: one per cancel, unique. */
  transactionKey: string;
  cancelAmount: number;
  cancelReason: string;
  canceledAt: string;
  /** What was still cancellable after this cancel. */
  refundableAmount: number;
}

/** A Toss Payment object, read into the fields the product uses (the whole reply is kept as `raw`). */
export interface ProviderPayment {
  paymentKey: string;
  orderId: string;
  orderName: string;
  status: ProviderPaymentStatus;
  /** Toss's method: "카드", "간편결제", "가상계좌", … */
  methodName: string | null;
  mainMethod: MainMethod | null;
  /** easyPay.provider ("카카오페이", "토스페이", …) when the method is 간편결제. */
  easyPayProvider: string | null;
  totalAmount: number;
  /** What can still be cancelled. */
  balanceAmount: number;
  approvedAt: string | null;
  requestedAt: string | null;
  lastTransactionKey: string | null;
  card: { approveNo: string | null; cardType: string | null; number: string | null; amount: number } | null;
  cancels: ProviderCancel[];
  receiptUrl: string | null;
  raw: unknown;
}

/** One row of Toss's settlement list (GET /v1/settlements): one transaction (a sale or a cancel). */
export interface ProviderSettlementRow {
  paymentKey: string;
  transactionKey: string;
  orderId: string;
  methodName: string | null;
  /** Negative for a cancel. */
  amount: number;
  /** VAT included: supplyAmount + vat = fee. */
  fee: number;
  supplyAmount: number;
  vat: number;
  payOutAmount: number;
  approvedAt: string | null;
  soldDate: string;
  paidOutDate: string | null;
  raw: unknown;
}

/**
 * A provider call that did not give a usable answer.
 * - `refused`: the provider said no and nothing changed (a rejected card, a
 *   wrong amount, a bad key, a cancel over the balance). Safe to mark failed.
 * - `unknown`: no answer, a timeout, a 5xx, 409 IDEMPOTENT_REQUEST_PROCESSING
 *   or PROVIDER_ERROR: the money may have moved. Never treat as failed; look
 *   the payment up.
 * `code` is Toss's error code ("REJECT_CARD_PAYMENT", "NOT_FOUND_PAYMENT_SESSION",
 * "ALREADY_PROCESSED_PAYMENT", …) or ours: NETWORK, TIMEOUT, INVALID_RESPONSE.
 */
export class PaymentProviderError extends Error {
  readonly outcome: 'refused' | 'unknown';
  readonly code: string;
  /** Null when no HTTP answer arrived. */
  readonly httpStatus: number | null;
  constructor(message: string, details: { outcome: 'refused' | 'unknown'; code: string; httpStatus: number | null; cause?: unknown }) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.name = 'PaymentProviderError';
    this.outcome = details.outcome;
    this.code = details.code;
    this.httpStatus = details.httpStatus;
  }
}

export interface PaymentProvider {
  /** POST /v1/payments/confirm: the charge. */
  confirm(input: { paymentKey: string; orderId: string; amount: number }, idempotencyKey: string): Promise<ProviderPayment>;
  /** GET /v1/payments/{paymentKey} */
  getPayment(paymentKey: string): Promise<ProviderPayment>;
  /** GET /v1/payments/orders/{orderId}: when the paymentKey never reached us. Refused with NOT_FOUND_PAYMENT when Toss has none. */
  getPaymentByOrderId(orderId: string): Promise<ProviderPayment>;
  /** POST /v1/payments/{paymentKey}/cancel: a full cancel without `cancelAmount`, a partial one with it. */
  cancel(paymentKey: string, input: { cancelReason: string; cancelAmount?: number }, idempotencyKey: string): Promise<ProviderPayment>;
  /** GET /v1/settlements (dateType soldDate), every page. Dates are yyyy-MM-dd. */
  listSettlements(input: { startDate: string; endDate: string }): Promise<ProviderSettlementRow[]>;
}

export interface TossClientConfig {
  /** https://api.tosspayments.com, or any Toss-compatible server (the local one, a test's). */
  apiUrl: string;
  secretKey: string;
}
