import { addDays, isDate } from './clock.ts';
import type { LocalMethod, StoredPayment } from './records.ts';
import { TossError } from './wire.ts';

/**
 * GET /v1/settlements (docs.tosspayments.com/reference#정산-조회): one row per
 * transaction — the sale and each cancel (a negative amount) — with this
 * server's own fee rates (ppm, VAT included):
 *
 *   fee = half-up(|amount| × rate / 1,000,000), negative for a cancel
 *   vat = half-up(fee / 11), supplyAmount = fee − vat, payOutAmount = amount − fee
 *   soldDate = the transaction's date in Korea, paidOutDate = soldDate + 2 days
 *
 * Query: startDate, endDate (yyyy-MM-dd, inclusive), dateType soldDate
 * (default) | paidOutDate, page (from 1), size (default 100, at most 5000).
 * Anything else → 400 INVALID_REQUEST. Unlike Toss, a day's rows show the
 * same day (Toss lists them from the next day).
 */

export type FeeRates = Record<LocalMethod, number>;

export const DEFAULT_FEE_RATES: FeeRates = { card: 20_000, kakaopay_card: 22_000, kakaopay_money: 16_500 };
export const MAX_SETTLEMENT_PAGE_SIZE = 5000;
const DEFAULT_PAGE_SIZE = 100;

/** half-up(|amount| × ppm / 1e6) with the sign of amount. */
export function feeOf(amount: number, ppm: number): number {
  const magnitude = BigInt(Math.abs(amount)) * BigInt(ppm);
  const fee = Number((magnitude + 500_000n) / 1_000_000n);
  return amount < 0 ? -fee : fee;
}

/** half-up(fee / 11) with the sign of fee. */
export function feeVatOf(fee: number): number {
  const vat = Math.floor((2 * Math.abs(fee) + 11) / 22);
  return fee < 0 ? -vat : vat;
}

export interface SettlementQuery {
  startDate: string;
  endDate: string;
  dateType: 'soldDate' | 'paidOutDate';
  page: number;
  size: number;
}

export function parseSettlementQuery(query: URLSearchParams): SettlementQuery {
  const startDate = query.get('startDate') ?? '';
  const endDate = query.get('endDate') ?? '';
  const dateType = query.get('dateType') ?? 'soldDate';
  const page = Number(query.get('page') ?? '1');
  const size = Number(query.get('size') ?? String(DEFAULT_PAGE_SIZE));
  if (!isDate(startDate) || !isDate(endDate) || startDate > endDate) throw new TossError(400, 'INVALID_REQUEST', '잘못된 요청입니다. startDate, endDate 는 yyyy-MM-dd 형식이어야 합니다.');
  if (dateType !== 'soldDate' && dateType !== 'paidOutDate') throw new TossError(400, 'INVALID_REQUEST', '잘못된 요청입니다. dateType 은 soldDate 또는 paidOutDate 입니다.');
  if (!Number.isInteger(page) || page < 1) throw new TossError(400, 'INVALID_REQUEST', '잘못된 요청입니다. page 는 1 이상이어야 합니다.');
  if (!Number.isInteger(size) || size < 1 || size > MAX_SETTLEMENT_PAGE_SIZE) throw new TossError(400, 'INVALID_REQUEST', `잘못된 요청입니다. size 는 1 이상 ${MAX_SETTLEMENT_PAGE_SIZE} 이하입니다.`);
  return { startDate, endDate, dateType, page, size };
}

function row(p: StoredPayment, rates: FeeRates, tx: { transactionKey: string; amount: number; at: string; cancel: StoredPayment['cancels'][number] | null }) {
  const fee = feeOf(tx.amount, rates[p.method]);
  const vat = feeVatOf(fee);
  const soldDate = tx.at.slice(0, 10);
  return {
    mId: p.mId,
    paymentKey: p.paymentKey,
    transactionKey: tx.transactionKey,
    orderId: p.orderId,
    currency: 'KRW',
    method: p.method === 'card' ? '카드' : '간편결제',
    amount: tx.amount,
    interestFee: 0,
    fee,
    fees: [{ type: 'BASE', fee }],
    supplyAmount: fee - vat,
    vat,
    payOutAmount: tx.amount - fee,
    approvedAt: tx.at,
    soldDate,
    paidOutDate: addDays(soldDate, 2),
    card: p.card ? { issuerCode: p.card.issuerCode, acquirerCode: p.card.acquirerCode, number: p.card.number, installmentPlanMonths: 0, approveNo: p.card.approveNo, useCardPoint: false, cardType: '신용', ownerType: '개인', acquireStatus: 'READY', isInterestFree: false, interestPayer: null, amount: p.totalAmount } : null,
    easyPay: p.method === 'card' ? null : { provider: '카카오페이', amount: p.method === 'kakaopay_money' ? p.totalAmount : 0, discountAmount: 0 },
    giftCertificate: null,
    mobilePhone: null,
    transfer: null,
    virtualAccount: null,
    cancel: tx.cancel
      ? { cancelAmount: tx.cancel.cancelAmount, cancelReason: tx.cancel.cancelReason, taxFreeAmount: 0, taxExemptionAmount: 0, refundableAmount: tx.cancel.refundableAmount, easyPayDiscountAmount: 0, canceledAt: tx.cancel.canceledAt, transactionKey: tx.cancel.transactionKey, receiptKey: null }
      : null,
  };
}

export type TossSettlementJson = ReturnType<typeof row>;

/** Every settlement row of these payments (one merchant's), oldest first. */
export function settlementRows(payments: Iterable<StoredPayment>, rates: FeeRates): TossSettlementJson[] {
  const rows: TossSettlementJson[] = [];
  for (const p of payments) {
    if (!p.approvedAt || !p.approveTransactionKey) continue;
    rows.push(row(p, rates, { transactionKey: p.approveTransactionKey, amount: p.totalAmount, at: p.approvedAt, cancel: null }));
    for (const c of p.cancels) rows.push(row(p, rates, { transactionKey: c.transactionKey, amount: -c.cancelAmount, at: c.canceledAt, cancel: c }));
  }
  return rows.sort((a, b) => (a.approvedAt < b.approvedAt ? -1 : a.approvedAt > b.approvedAt ? 1 : 0));
}

/** One page of the rows the query selects. */
export function settlementPage(rows: TossSettlementJson[], query: SettlementQuery): TossSettlementJson[] {
  const selected = rows.filter((r) => {
    const date = query.dateType === 'soldDate' ? r.soldDate : r.paidOutDate;
    return date >= query.startDate && date <= query.endDate;
  });
  return selected.slice((query.page - 1) * query.size, query.page * query.size);
}
