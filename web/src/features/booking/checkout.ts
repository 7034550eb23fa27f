import type { Checkout, CheckoutProvider, CheckoutQuote } from '../../api/models';

/**
 * 예약 시 결제 (PAY-1) on the booking page, as pure functions: the price the
 * customer reads, how far points can go, the address of the payment window,
 * what the window's return addresses carry, and the order kept in this tab
 * while the customer is away paying. ProductPage.tsx and PayReturnPages.tsx
 * render them.
 */

/** The web routes the payment window returns to (apps/booking.tsx). */
export const PAY_SUCCESS_PATH = '/book/pay/success';
export const PAY_FAIL_PATH = '/book/pay/fail';

/** Toss refuses a card payment under 100원; a checkout of 0원 books without the payment window. */
export const MINIMUM_CARD_AMOUNT = 100;

/** How long an order keeps its seats for the payment (the server's PAYMENT_MINUTES). */
export const PAYMENT_MINUTES = 20;

/**
 * The order's end as this device counts it down: the server's, unless this
 * device's clock is so far off that it would show more than the order's 20
 * minutes (or none at all); then 20 minutes from now.
 */
export function orderExpiry(serverExpiresAt: string, now: number): string {
  const left = Date.parse(serverExpiresAt) - now;
  return left > 0 && left <= PAYMENT_MINUTES * 60_000 + 60_000 ? serverExpiresAt : new Date(now + PAYMENT_MINUTES * 60_000).toISOString();
}

/** How often the success page asks again while the payment is being confirmed. */
export const CONFIRM_POLL_MS = 2000;

export function paymentReturnUrls(origin: string): { successUrl: string; failUrl: string } {
  return { successUrl: `${origin}${PAY_SUCCESS_PATH}`, failUrl: `${origin}${PAY_FAIL_PATH}` };
}

/** What is left to pay after the coupons, which points may cover. */
export function payableBeforePoints(quote: Pick<CheckoutQuote, 'gross' | 'couponBusiness' | 'couponPlatform'>): number {
  return Math.max(0, quote.gross - quote.couponBusiness - quote.couponPlatform);
}

/**
 * The most points that can be used on `payable`: all of it (a 0원 checkout),
 * or as much as the wallet has while the card still pays at least 100원.
 */
export function maxUsablePoints(payable: number, available: number): number {
  if (payable <= 0 || available <= 0) return 0;
  if (available >= payable) return payable;
  if (payable - available >= MINIMUM_CARD_AMOUNT) return available;
  return Math.max(0, payable - MINIMUM_CARD_AMOUNT);
}

/** "1,500" typed or pasted → 1500; anything without digits → 0. */
export function parsePointsInput(value: string): number {
  const digits = value.replace(/[^\d]/g, '');
  return digits ? Math.min(Number(digits), 10_000_000) : 0;
}

/** Toss's customerMobilePhone: digits only, 8 to 15 of them; +82 10… becomes 010…. Null when it cannot be one. */
export function tossMobilePhone(phone: string): string | null {
  let digits = phone.replace(/[^\d+]/g, '');
  if (digits.startsWith('+82')) digits = `0${digits.slice(3)}`;
  digits = digits.replace(/\D/g, '');
  return digits.length >= 8 && digits.length <= 15 ? digits : null;
}

export interface PaymentWindowRequest {
  clientKey: string;
  orderId: string;
  orderName: string;
  amount: number;
  customerName: string;
  successUrl: string;
  failUrl: string;
}

/** The local test payment server's checkout page (tools/toss-local), opened with the order in its query. */
export function localCheckoutUrl(checkoutUrl: string, request: PaymentWindowRequest): string {
  const query = new URLSearchParams({
    clientKey: request.clientKey,
    orderId: request.orderId,
    orderName: request.orderName,
    amount: String(request.amount),
    customerName: request.customerName,
    successUrl: request.successUrl,
    failUrl: request.failUrl,
  });
  return `${checkoutUrl}?${query}`;
}

/** What the payment window adds to successUrl; null when something is missing or the amount is not a whole number of 원. */
export function readSuccessQuery(search: string): { paymentKey: string; orderId: string; amount: number } | null {
  const params = new URLSearchParams(search);
  const paymentKey = params.get('paymentKey')?.trim() ?? '';
  const orderId = params.get('orderId')?.trim() ?? '';
  const amountText = params.get('amount')?.trim() ?? '';
  if (!paymentKey || !orderId || !/^\d+$/.test(amountText)) return null;
  return { paymentKey, orderId, amount: Number(amountText) };
}

/** What the payment window adds to failUrl: a code, its message, and the order unless the customer closed the window. */
export function readFailQuery(search: string): { code: string; message: string; orderId: string | null } {
  const params = new URLSearchParams(search);
  return { code: params.get('code') ?? '', message: params.get('message') ?? '', orderId: params.get('orderId') || null };
}

/** Codes of a customer closing the payment window (the window's PAY_PROCESS_CANCELED, the SDK's USER_CANCEL). */
const CANCEL_CODES = new Set(['PAY_PROCESS_CANCELED', 'USER_CANCEL']);

export function isPaymentCancel(code: string | undefined | null): boolean {
  return Boolean(code && CANCEL_CODES.has(code));
}

export const CANCELLED_MESSAGE = '결제를 취소했습니다. 결제되지 않았습니다.';

/** The fail page's sentence for the window's code and message. */
export function failMessage(code: string, message: string): string {
  if (isPaymentCancel(code)) return CANCELLED_MESSAGE;
  return message.trim() || '결제하지 못했습니다. 결제되지 않았으니 다시 시도해 주세요.';
}

/** A refund the provider has not finished: the booking page asks again until it has (PAY-2). */
export function hasRefundUnderWay(payment: { refunds: readonly { status: string }[] } | null | undefined): boolean {
  return Boolean(payment?.refunds.some((r) => r.status === 'requested' || r.status === 'processing'));
}

// ---------------------------------------------------------------- the order kept while the customer pays

/** The order of this tab, kept while the customer is in the payment window: enough to open it again or go back. */
export interface PendingCheckout {
  orderId: string;
  orderName: string;
  amount: number;
  customerName: string;
  customerPhone: string;
  productId: string;
  placeId: string;
  expiresAt: string;
  provider: CheckoutProvider;
}

type KeyValueStore = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

const pendingKey = (orderId: string) => `yeyak.checkout.${orderId}`;
const LAST_KEY = 'yeyak.checkout.last';

function defaultStore(): KeyValueStore | null {
  try {
    return typeof sessionStorage === 'undefined' ? null : sessionStorage;
  } catch {
    return null;
  }
}

export function pendingCheckoutOf(checkout: Checkout, context: { customerPhone: string; productId: string; placeId: string }): PendingCheckout | null {
  if (!checkout.provider) return null;
  return {
    orderId: checkout.orderId,
    orderName: checkout.orderName,
    amount: checkout.amount,
    customerName: checkout.customerName,
    customerPhone: context.customerPhone,
    productId: context.productId,
    placeId: context.placeId,
    expiresAt: checkout.expiresAt,
    provider: checkout.provider,
  };
}

export function rememberCheckout(pending: PendingCheckout, store: KeyValueStore | null = defaultStore()): void {
  try {
    store?.setItem(pendingKey(pending.orderId), JSON.stringify(pending));
    store?.setItem(LAST_KEY, pending.orderId);
  } catch {
    // Private modes may refuse storage: the return pages then link to the lookup instead of the product.
  }
}

function isPending(value: unknown): value is PendingCheckout {
  const v = value as Partial<PendingCheckout> | null;
  return Boolean(v && typeof v.orderId === 'string' && typeof v.productId === 'string' && typeof v.amount === 'number' && v.provider && typeof v.provider.kind === 'string');
}

/** The order `orderId` of this tab, or its latest one when the window did not say (the customer closed it). */
export function recalledCheckout(orderId: string | null, store: KeyValueStore | null = defaultStore()): PendingCheckout | null {
  try {
    const id = orderId ?? store?.getItem(LAST_KEY) ?? null;
    if (!id) return null;
    const raw = store?.getItem(pendingKey(id));
    const parsed: unknown = raw ? JSON.parse(raw) : null;
    return isPending(parsed) && parsed.orderId === id ? parsed : null;
  } catch {
    return null;
  }
}

export function forgetCheckout(orderId: string, store: KeyValueStore | null = defaultStore()): void {
  try {
    store?.removeItem(pendingKey(orderId));
    if (store?.getItem(LAST_KEY) === orderId) store.removeItem(LAST_KEY);
  } catch {
    // nothing to forget
  }
}

/** Can the kept order be paid again from the fail page: it has not run out of time. */
export function canPayAgain(pending: PendingCheckout | null, now: number): pending is PendingCheckout {
  return Boolean(pending && Date.parse(pending.expiresAt) - now > 30_000);
}
