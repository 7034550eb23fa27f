import { newApproveNo, newPaymentKey, newSecret, newTransactionKey, seoulIso } from './clock.ts';
import type { LocalMethod, Merchant, StoredCard, StoredPayment } from './records.ts';
import { TossError } from './wire.ts';

/**
 * The payments of the local Toss-compatible server and what the API does to
 * them, apart from HTTP. Each operation returns the stored payment or throws
 * a TossError with Toss's status and code (docs.tosspayments.com/reference/error-codes):
 *
 * authenticate (the checkout page): a fresh payment IN_PROGRESS; refused
 *   with DUPLICATED_ORDER_ID when the orderId already has an approved payment.
 * confirm (POST /v1/payments/confirm):
 *   unknown paymentKey, another merchant's, or the session gone → 404 NOT_FOUND_PAYMENT_SESSION
 *   already approved → 400 ALREADY_PROCESSED_PAYMENT
 *   another orderId → 403 FORBIDDEN_REQUEST
 *   another amount → 400 INVALID_REQUEST (Toss documents no code of its own for it)
 *   the orderId approved on another paymentKey → 400 DUPLICATED_ORDER_ID
 *   under 100원 → 400 BELOW_MINIMUM_AMOUNT (the payment turns ABORTED)
 * cancel (POST /v1/payments/{paymentKey}/cancel, and the dashboard's):
 *   none of the merchant's → 404 NOT_FOUND_PAYMENT; no cancelReason → 400 INVALID_REQUEST
 *   already CANCELED → 400 ALREADY_CANCELED_PAYMENT; not approved → 403 NOT_CANCELABLE_PAYMENT
 *   over balanceAmount → 403 NOT_CANCELABLE_AMOUNT; refundableAmount ≠ balance → 400 NOT_MATCHES_REFUNDABLE_AMOUNT
 *   a second API cancel of one paymentKey within `consecutiveCancelMs` → 403 FORBIDDEN_CONSECUTIVE_REQUEST
 */

export interface StoreOptions {
  now: () => Date;
  /** The confirm window after authentication. */
  sessionMs: number;
  consecutiveCancelMs: number;
  /** After each status change, with the payment as it now stands. */
  onStatusChange: (payment: StoredPayment) => void;
  /** After anything changed (persistence). */
  onChange: () => void;
}

export interface AuthenticateInput {
  merchant: Merchant;
  orderId: string;
  orderName: string;
  amount: number;
  method: LocalMethod;
  customerName: string | null;
}

export interface PaymentStore {
  authenticate(input: AuthenticateInput): StoredPayment;
  confirm(secretKey: string, body: unknown, options: { expireSessions: boolean }): StoredPayment;
  get(secretKey: string, paymentKey: string): StoredPayment;
  byOrderId(secretKey: string, orderId: string): StoredPayment;
  /** `secretKey` null: the shop's own refund in Toss's dashboard (no consecutive-request rule). */
  cancel(secretKey: string | null, paymentKey: string, body: unknown): StoredPayment;
  /** Sessions past their window turn EXPIRED. */
  sweep(): void;
  find(paymentKey: string): StoredPayment | undefined;
  all(): StoredPayment[];
  /** Confirms that approved, per orderId. */
  approvals(): Map<string, number>;
  restore(data: { payments: StoredPayment[]; approvals: [string, number][] }): void;
}

const APPROVED = new Set(['DONE', 'CANCELED', 'PARTIAL_CANCELED']);
const CARDS: readonly { issuerCode: string; bin: string }[] = [
  { issuerCode: '61', bin: '43301234' }, // 현대
  { issuerCode: '11', bin: '52100912' }, // KB국민
  { issuerCode: '41', bin: '45184200' }, // 신한
  { issuerCode: '51', bin: '53103300' }, // 삼성
];

function asObject(value: unknown): Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

/** A whole number of 원 given as a number or a numeric string (Toss accepts both). */
function wholeAmount(value: unknown): number | null {
  const n = typeof value === 'string' && /^-?\d+$/.test(value.trim()) ? Number(value) : value;
  return typeof n === 'number' && Number.isSafeInteger(n) ? n : null;
}

function newCard(): StoredCard {
  const card = CARDS[Math.floor(Math.random() * CARDS.length)]!;
  return { issuerCode: card.issuerCode, acquirerCode: card.issuerCode, number: `${card.bin}****${String(Math.floor(Math.random() * 1000)).padStart(3, '0')}*`, approveNo: newApproveNo() };
}

export function createPaymentStore(options: StoreOptions): PaymentStore {
  const { now } = options;
  const payments = new Map<string, StoredPayment>();
  /** merchant + orderId → paymentKeys, oldest first. */
  const byOrder = new Map<string, string[]>();
  const approvals = new Map<string, number>();

  const orderScope = (secretKey: string, orderId: string) => `${secretKey}\n${orderId}`;
  const ofOrder = (secretKey: string, orderId: string) => (byOrder.get(orderScope(secretKey, orderId)) ?? []).map((k) => payments.get(k)!);

  function changed(p: StoredPayment, statusChanged: boolean) {
    if (statusChanged) options.onStatusChange(p);
    options.onChange();
  }

  function expire(p: StoredPayment) {
    p.status = 'EXPIRED';
    changed(p, true);
  }

  function sessionGone(p: StoredPayment): boolean {
    return now().getTime() - p.authenticatedAtMs > options.sessionMs;
  }

  function sweep() {
    for (const p of payments.values()) if (p.status === 'IN_PROGRESS' && sessionGone(p)) expire(p);
  }

  function mine(secretKey: string | null, paymentKey: string, code: 'NOT_FOUND_PAYMENT' | 'NOT_FOUND_PAYMENT_SESSION'): StoredPayment {
    const p = payments.get(paymentKey);
    if (!p || (secretKey !== null && p.secretKey !== secretKey)) throw new TossError(404, code);
    return p;
  }

  function authenticate(input: AuthenticateInput): StoredPayment {
    const { merchant } = input;
    if (ofOrder(merchant.secretKey, input.orderId).some((p) => APPROVED.has(p.status))) throw new TossError(400, 'DUPLICATED_ORDER_ID');
    const at = now();
    let paymentKey = newPaymentKey(at);
    while (payments.has(paymentKey)) paymentKey = newPaymentKey(at);
    const p: StoredPayment = {
      secretKey: merchant.secretKey,
      mId: merchant.mId,
      paymentKey,
      orderId: input.orderId,
      orderName: input.orderName,
      totalAmount: input.amount,
      method: input.method,
      customerName: input.customerName,
      status: 'IN_PROGRESS',
      requestedAt: seoulIso(at),
      authenticatedAtMs: at.getTime(),
      approvedAt: null,
      approveTransactionKey: null,
      balanceAmount: input.amount,
      cancels: [],
      card: null,
      secret: newSecret(),
      failure: null,
      lastCancelAtMs: null,
    };
    payments.set(paymentKey, p);
    const scope = orderScope(merchant.secretKey, input.orderId);
    byOrder.set(scope, [...(byOrder.get(scope) ?? []), paymentKey]);
    options.onChange();
    return p;
  }

  function confirm(secretKey: string, body: unknown, { expireSessions }: { expireSessions: boolean }): StoredPayment {
    const input = asObject(body);
    const amount = wholeAmount(input.amount);
    if (typeof input.paymentKey !== 'string' || !input.paymentKey || typeof input.orderId !== 'string' || !input.orderId || amount === null) {
      throw new TossError(400, 'INVALID_REQUEST', '잘못된 요청입니다. paymentKey, orderId, amount 가 필요합니다.');
    }
    const p = mine(secretKey, input.paymentKey, 'NOT_FOUND_PAYMENT_SESSION');
    if (APPROVED.has(p.status)) throw new TossError(400, 'ALREADY_PROCESSED_PAYMENT');
    if (p.status !== 'IN_PROGRESS') throw new TossError(404, 'NOT_FOUND_PAYMENT_SESSION');
    if (expireSessions || sessionGone(p)) {
      expire(p);
      throw new TossError(404, 'NOT_FOUND_PAYMENT_SESSION');
    }
    if (p.orderId !== input.orderId) throw new TossError(403, 'FORBIDDEN_REQUEST');
    if (p.totalAmount !== amount) throw new TossError(400, 'INVALID_REQUEST', '잘못된 요청입니다. 결제 금액이 인증된 금액과 다릅니다.');
    if (ofOrder(secretKey, p.orderId).some((other) => other !== p && APPROVED.has(other.status))) throw new TossError(400, 'DUPLICATED_ORDER_ID');
    if (p.totalAmount < 100) {
      const error = new TossError(400, 'BELOW_MINIMUM_AMOUNT');
      p.status = 'ABORTED';
      p.failure = { code: error.code, message: error.message };
      changed(p, true);
      throw error;
    }
    p.status = 'DONE';
    p.approvedAt = seoulIso(now());
    p.approveTransactionKey = newTransactionKey();
    p.card = p.method === 'kakaopay_money' ? null : newCard();
    approvals.set(p.orderId, (approvals.get(p.orderId) ?? 0) + 1);
    changed(p, true);
    return p;
  }

  function cancel(secretKey: string | null, paymentKey: string, body: unknown): StoredPayment {
    const p = mine(secretKey, paymentKey, 'NOT_FOUND_PAYMENT');
    const input = asObject(body);
    const reason = typeof input.cancelReason === 'string' ? input.cancelReason.trim() : '';
    if (!reason || reason.length > 200) throw new TossError(400, 'INVALID_REQUEST', '잘못된 요청입니다. cancelReason(200자 이하)이 필요합니다.');
    const requested = input.cancelAmount === undefined || input.cancelAmount === null ? null : wholeAmount(input.cancelAmount);
    if (requested !== null && requested <= 0) throw new TossError(400, 'INVALID_REQUEST', '잘못된 요청입니다. cancelAmount 는 0보다 커야 합니다.');
    if (requested === null && input.cancelAmount !== undefined && input.cancelAmount !== null) throw new TossError(400, 'INVALID_REQUEST', '잘못된 요청입니다. cancelAmount 는 정수여야 합니다.');
    if (p.status === 'CANCELED') throw new TossError(400, 'ALREADY_CANCELED_PAYMENT');
    if (p.status !== 'DONE' && p.status !== 'PARTIAL_CANCELED') throw new TossError(403, 'NOT_CANCELABLE_PAYMENT');
    const nowMs = now().getTime();
    if (secretKey !== null && p.lastCancelAtMs !== null && nowMs - p.lastCancelAtMs < options.consecutiveCancelMs) throw new TossError(403, 'FORBIDDEN_CONSECUTIVE_REQUEST');
    const refundable = input.refundableAmount === undefined || input.refundableAmount === null ? null : wholeAmount(input.refundableAmount);
    if (refundable !== null && refundable !== p.balanceAmount) throw new TossError(400, 'NOT_MATCHES_REFUNDABLE_AMOUNT');
    const amount = requested ?? p.balanceAmount;
    if (amount > p.balanceAmount) throw new TossError(403, 'NOT_CANCELABLE_AMOUNT');
    p.balanceAmount -= amount;
    p.cancels.push({
      transactionKey: newTransactionKey(),
      cancelAmount: amount,
      cancelReason: reason,
      canceledAt: seoulIso(now()),
      refundableAmount: p.balanceAmount,
      source: secretKey === null ? 'dashboard' : 'api',
    });
    if (secretKey !== null) p.lastCancelAtMs = nowMs;
    p.status = p.balanceAmount === 0 ? 'CANCELED' : 'PARTIAL_CANCELED';
    changed(p, true);
    return p;
  }

  return {
    authenticate,
    confirm,
    get: (secretKey, paymentKey) => mine(secretKey, paymentKey, 'NOT_FOUND_PAYMENT'),
    byOrderId(secretKey, orderId) {
      const list = ofOrder(secretKey, orderId);
      const chosen = [...list].reverse().find((p) => APPROVED.has(p.status)) ?? list[list.length - 1];
      if (!chosen) throw new TossError(404, 'NOT_FOUND_PAYMENT');
      return chosen;
    },
    cancel,
    sweep,
    find: (paymentKey) => payments.get(paymentKey),
    all: () => [...payments.values()],
    approvals: () => new Map(approvals),
    restore(data) {
      for (const p of data.payments) {
        payments.set(p.paymentKey, p);
        const scope = orderScope(p.secretKey, p.orderId);
        byOrder.set(scope, [...(byOrder.get(scope) ?? []), p.paymentKey]);
      }
      for (const [orderId, n] of data.approvals) approvals.set(orderId, n);
    },
  };
}
