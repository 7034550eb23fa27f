/** What the local Toss-compatible server keeps: merchants (key pairs) and payments with their cancels. */

/** The three ways to pay the checkout page offers (the main methods of the settlement statement). */
export type LocalMethod = 'card' | 'kakaopay_card' | 'kakaopay_money';

export const LOCAL_METHODS: readonly LocalMethod[] = ['card', 'kakaopay_card', 'kakaopay_money'];

/** Toss's Payment.status. */
export type TossStatus = 'READY' | 'IN_PROGRESS' | 'WAITING_FOR_DEPOSIT' | 'DONE' | 'CANCELED' | 'PARTIAL_CANCELED' | 'ABORTED' | 'EXPIRED';

export interface Merchant {
  clientKey: string;
  secretKey: string;
  /** Toss's 상점아이디, at most 14 characters. */
  mId: string;
}

export interface StoredCancel {
  transactionKey: string;
  cancelAmount: number;
  cancelReason: string;
  /** yyyy-MM-dd'T'HH:mm:ss+09:00, like Toss. */
  canceledAt: string;
  refundableAmount: number;
  /** `api`: POST /v1/payments/{paymentKey}/cancel; `dashboard`: the shop's refund in Toss's admin (local endpoint). */
  source: 'api' | 'dashboard';
}

export interface StoredCard {
  issuerCode: string;
  acquirerCode: string;
  number: string;
  approveNo: string;
}

export interface StoredPayment {
  /** The merchant's secret key: who may confirm, look up and cancel it. */
  secretKey: string;
  mId: string;
  paymentKey: string;
  orderId: string;
  orderName: string;
  totalAmount: number;
  method: LocalMethod;
  customerName: string | null;
  status: TossStatus;
  requestedAt: string;
  /** When the customer authenticated (ms since epoch): the confirm window starts here. */
  authenticatedAtMs: number;
  approvedAt: string | null;
  /** The approval's transaction key (the sale row of the settlement list). */
  approveTransactionKey: string | null;
  balanceAmount: number;
  cancels: StoredCancel[];
  /** Set at approval for card and 카카오페이 카드. */
  card: StoredCard | null;
  /** Payment.secret (compared by the shop on webhooks; unsigned events carry it). */
  secret: string;
  failure: { code: string; message: string } | null;
  /** The last cancel processed through the API (ms): a second one within the window is refused. */
  lastCancelAtMs: number | null;
}
