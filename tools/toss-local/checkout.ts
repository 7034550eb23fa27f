import type { Merchants } from './merchants.ts';
import { LOCAL_METHODS, type LocalMethod, type Merchant } from './records.ts';
import type { PaymentStore } from './store.ts';
import { TossError, TOSS_MESSAGES } from './wire.ts';

/**
 * What the payment window does, standing in for Toss's widget: the shop
 * opens it with clientKey, orderId, orderName, amount, successUrl and
 * failUrl; the customer picks a method and an outcome:
 *
 * - approve: a payment is authenticated (IN_PROGRESS, not charged yet) and
 *   the browser goes to successUrl with paymentType=NORMAL, orderId,
 *   paymentKey and amount added (its own query kept). A second
 *   authentication of an orderId already approved goes to failUrl with
 *   DUPLICATED_ORDER_ID.
 * - reject: failUrl with code REJECT_CARD_COMPANY, message and orderId.
 * - close: failUrl with code PAY_PROCESS_CANCELED and message, without
 *   orderId (as Toss's window does).
 *
 * The request itself is checked as the SDK checks it (INVALID_CLIENT_KEY,
 * INVALID_ORDER_ID, …): such a request never reaches successUrl or failUrl.
 */

export type CheckoutOutcome = 'approve' | 'reject' | 'close';

export interface CheckoutRequest {
  merchant: Merchant;
  orderId: string;
  orderName: string;
  amount: number;
  successUrl: string;
  failUrl: string;
  customerName: string | null;
}

const ORDER_ID = /^[A-Za-z0-9_=-]{6,64}$/;

function text(input: Record<string, unknown>, name: string): string {
  const value = input[name];
  return typeof value === 'string' ? value.trim() : typeof value === 'number' ? String(value) : '';
}

function httpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}

/** The window's parameters, checked like the SDK; a TossError (400) otherwise. */
export function parseCheckoutRequest(input: Record<string, unknown>, merchants: Merchants): CheckoutRequest {
  const merchant = merchants.byClientKey(text(input, 'clientKey'));
  if (!merchant) throw new TossError(400, 'INVALID_CLIENT_KEY');
  const orderId = text(input, 'orderId');
  if (!ORDER_ID.test(orderId)) throw new TossError(400, 'INVALID_ORDER_ID');
  const orderName = text(input, 'orderName');
  if (!orderName || orderName.length > 100) throw new TossError(400, 'INVALID_ORDER_NAME');
  const amountText = text(input, 'amount');
  const amount = /^\d+$/.test(amountText) ? Number(amountText) : NaN;
  if (!Number.isSafeInteger(amount) || amount <= 0) throw new TossError(400, 'INVALID_AMOUNT_VALUE');
  const successUrl = text(input, 'successUrl');
  if (!httpUrl(successUrl)) throw new TossError(400, 'INCORRECT_SUCCESS_URL_FORMAT');
  const failUrl = text(input, 'failUrl');
  if (!httpUrl(failUrl)) throw new TossError(400, 'INCORRECT_FAIL_URL_FORMAT');
  const customerName = text(input, 'customerName').slice(0, 100) || null;
  return { merchant, orderId, orderName, amount, successUrl, failUrl, customerName };
}

export function parseMethod(value: unknown): LocalMethod | null {
  return typeof value === 'string' && (LOCAL_METHODS as readonly string[]).includes(value) ? (value as LocalMethod) : null;
}

export function parseOutcome(value: unknown): CheckoutOutcome | null {
  return value === 'approve' || value === 'reject' || value === 'close' ? value : null;
}

function withParams(base: string, params: [string, string][]): string {
  const url = new URL(base);
  for (const [name, value] of params) url.searchParams.set(name, value);
  return url.toString();
}

function failRedirect(request: CheckoutRequest, code: string, withOrderId: boolean): string {
  return withParams(request.failUrl, [['code', code], ['message', TOSS_MESSAGES[code] ?? code], ...(withOrderId ? ([['orderId', request.orderId]] as [string, string][]) : [])]);
}

/** Where the browser goes after the customer's choice. */
export function completeCheckout(store: PaymentStore, request: CheckoutRequest, method: LocalMethod, outcome: CheckoutOutcome): string {
  if (outcome === 'close') return failRedirect(request, 'PAY_PROCESS_CANCELED', false);
  if (outcome === 'reject') return failRedirect(request, 'REJECT_CARD_COMPANY', true);
  store.sweep();
  try {
    const payment = store.authenticate({ merchant: request.merchant, orderId: request.orderId, orderName: request.orderName, amount: request.amount, method, customerName: request.customerName });
    return withParams(request.successUrl, [
      ['paymentType', 'NORMAL'],
      ['orderId', payment.orderId],
      ['paymentKey', payment.paymentKey],
      ['amount', String(payment.totalAmount)],
    ]);
  } catch (error) {
    if (error instanceof TossError) return failRedirect(request, error.code, true);
    throw error;
  }
}
