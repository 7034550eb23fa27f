import type { StoredCancel, StoredPayment, TossStatus } from './records.ts';

/**
 * What the local server answers, in Toss's JSON shapes: the error object
 * `{code, message}` with Toss's HTTP status and Korean message
 * (docs.tosspayments.com/reference/error-codes), and the Payment object
 * (docs.tosspayments.com/reference#payment-객체, version 2022-11-16).
 */

/** Toss's Korean messages, as its error tables write them. */
export const TOSS_MESSAGES: Record<string, string> = {
  UNAUTHORIZED_KEY: '인증되지 않은 시크릿 키 혹은 클라이언트 키 입니다.',
  INCORRECT_BASIC_AUTH_FORMAT: "잘못된 요청입니다. ':' 를 포함해 인코딩해주세요.",
  INVALID_REQUEST: '잘못된 요청입니다.',
  INVALID_IDEMPOTENCY_KEY: '멱등키는 300자 이하여야 합니다.',
  IDEMPOTENT_REQUEST_PROCESSING: '이전 멱등 요청이 처리중입니다.',
  ALREADY_PROCESSED_PAYMENT: '이미 처리된 결제 입니다.',
  FORBIDDEN_REQUEST: '허용되지 않은 요청입니다.',
  NOT_FOUND: '존재하지 않는 정보 입니다.',
  NOT_FOUND_PAYMENT: '존재하지 않는 결제 정보 입니다.',
  NOT_FOUND_PAYMENT_SESSION: '결제 시간이 만료되어 결제 진행 데이터가 존재하지 않습니다.',
  BELOW_MINIMUM_AMOUNT: '신용카드는 결제금액이 100원 이상, 계좌는 200원이상부터 결제가 가능합니다.',
  DUPLICATED_ORDER_ID: '이미 승인 및 취소가 진행된 중복된 주문번호 입니다. 다른 주문번호로 진행해주세요.',
  ALREADY_CANCELED_PAYMENT: '이미 취소된 결제 입니다.',
  NOT_CANCELABLE_AMOUNT: '취소 할 수 없는 금액 입니다.',
  NOT_CANCELABLE_PAYMENT: '취소 할 수 없는 결제 입니다.',
  FORBIDDEN_CONSECUTIVE_REQUEST: '반복적인 요청은 허용되지 않습니다. 잠시 후 다시 시도해주세요.',
  NOT_MATCHES_REFUNDABLE_AMOUNT: '잔액 결과가 일치하지 않습니다.',
  FAILED_INTERNAL_SYSTEM_PROCESSING: '내부 시스템 처리 작업이 실패했습니다. 잠시 후 다시 시도해주세요.',
  // What the payment window sends to failUrl, and its own refusals (SDK error codes).
  PAY_PROCESS_CANCELED: '사용자에 의해 결제가 취소되었습니다.',
  REJECT_CARD_COMPANY: '결제 승인이 거절되었습니다.',
  INVALID_CLIENT_KEY: '잘못된 클라이언트 연동 정보 입니다.',
  INVALID_ORDER_ID: '`orderId`는 영문 대소문자, 숫자, 특수문자(-, _, =) 만 허용합니다. 6자 이상 64자 이하여야 합니다.',
  INVALID_ORDER_NAME: '주문 이름은 100자 이하여야 합니다.',
  INVALID_AMOUNT_VALUE: '결제금액이 올바르지 않습니다.',
  INCORRECT_SUCCESS_URL_FORMAT: '잘못된 successUrl 입니다.',
  INCORRECT_FAIL_URL_FORMAT: '잘못된 failUrl 입니다.',
};

/** Toss's error answer: the HTTP status, `code` and Korean `message`. */
export class TossError extends Error {
  readonly status: number;
  readonly code: string;
  constructor(status: number, code: string, message?: string) {
    super(message ?? TOSS_MESSAGES[code] ?? TOSS_MESSAGES.INVALID_REQUEST!);
    this.status = status;
    this.code = code;
  }
}

export function errorBody(error: TossError): { code: string; message: string } {
  return { code: error.code, message: error.message };
}

/** Toss's VAT of an amount (no tax-free part): (amount − 0) / 11, rounded half-up. */
export function vatOf(amount: number): number {
  return Math.floor((2 * amount + 11) / 22);
}

function cancelJson(c: StoredCancel) {
  return {
    cancelAmount: c.cancelAmount,
    cancelReason: c.cancelReason,
    taxFreeAmount: 0,
    taxExemptionAmount: 0,
    refundableAmount: c.refundableAmount,
    cardDiscountAmount: 0,
    transferDiscountAmount: 0,
    easyPayDiscountAmount: 0,
    canceledAt: c.canceledAt,
    transactionKey: c.transactionKey,
    receiptKey: null,
    cancelStatus: 'DONE' as const,
    cancelRequestId: null,
  };
}

export type TossCancelJson = ReturnType<typeof cancelJson>;

const APPROVED: readonly TossStatus[] = ['DONE', 'CANCELED', 'PARTIAL_CANCELED'];

function cardJson(p: StoredPayment) {
  if (!p.card || !APPROVED.includes(p.status) || p.method === 'kakaopay_money') return null;
  return {
    issuerCode: p.card.issuerCode,
    acquirerCode: p.card.acquirerCode,
    number: p.card.number,
    installmentPlanMonths: 0,
    isInterestFree: false,
    interestPayer: null,
    approveNo: p.card.approveNo,
    useCardPoint: false,
    cardType: '신용',
    ownerType: '개인',
    acquireStatus: 'READY',
    amount: p.totalAmount,
  };
}

function easyPayJson(p: StoredPayment) {
  if (p.method === 'card' || !APPROVED.includes(p.status)) return null;
  // 카카오페이 카드: the whole amount is in card.amount; 카카오페이 머니: in easyPay.amount (docs: guides/v2/easypay-response).
  return { provider: '카카오페이', amount: p.method === 'kakaopay_money' ? p.totalAmount : 0, discountAmount: 0 };
}

/** The Payment object of a stored payment. `baseUrl` is this server's, for receipt.url. */
export function paymentJson(p: StoredPayment, baseUrl: string) {
  const vat = vatOf(p.balanceAmount);
  const lastTransactionKey = p.cancels.length ? p.cancels[p.cancels.length - 1]!.transactionKey : p.approveTransactionKey;
  return {
    mId: p.mId,
    version: '2022-11-16',
    paymentKey: p.paymentKey,
    type: 'NORMAL' as const,
    orderId: p.orderId,
    orderName: p.orderName,
    currency: 'KRW',
    method: p.method === 'card' ? '카드' : '간편결제',
    status: p.status,
    requestedAt: p.requestedAt,
    approvedAt: p.approvedAt,
    useEscrow: false,
    lastTransactionKey,
    transactionKey: lastTransactionKey,
    totalAmount: p.totalAmount,
    balanceAmount: p.balanceAmount,
    suppliedAmount: p.balanceAmount - vat,
    vat,
    taxFreeAmount: 0,
    taxExemptionAmount: 0,
    cultureExpense: false,
    isPartialCancelable: true,
    cancels: p.cancels.length ? p.cancels.map(cancelJson) : null,
    card: cardJson(p),
    easyPay: easyPayJson(p),
    virtualAccount: null,
    transfer: null,
    mobilePhone: null,
    giftCertificate: null,
    cashReceipt: null,
    cashReceipts: null,
    discount: null,
    secret: p.secret,
    country: 'KR',
    failure: p.failure,
    receipt: APPROVED.includes(p.status) ? { url: `${baseUrl}/local/payments/${encodeURIComponent(p.paymentKey)}` } : null,
    checkout: null,
    metadata: null,
  };
}

/** A Toss Payment object as this server writes it. */
export type TossPaymentJson = ReturnType<typeof paymentJson>;
