/**
 * Preview = delivery: what a message will cost, in 원, before it is sent.
 * The unit prices are the shop's (설정 > 메시지 발송); until it enters its
 * own, Solapi's list prices for Korea are used, as Solapi's
 * `GET /pricing/v1/messaging/default` answers them (sms 20, lms 50,
 * ata 19, cta 13 원; a 브랜드 메시지 텍스트형 is priced as 친구톡 텍스트
 * until Solapi lists `bms_text`). Prices are VAT-exclusive, as Solapi
 * charges them; an account's negotiated prices differ, which is why the
 * shop can edit them.
 *
 * A coupon message sent as 브랜드 메시지 is estimated as if every recipient
 * were reached by Kakao, plus the fallback SMS/LMS at the worst case (every
 * recipient not a channel friend) shown beside it: which recipients Kakao
 * reaches is known only after the send.
 */
export const PRICED_TYPES = ['sms', 'lms', 'alimtalk', 'brand'] as const;
export type PricedType = (typeof PRICED_TYPES)[number];
export type UnitPrices = Record<PricedType, number>;

export const DEFAULT_UNIT_PRICES: UnitPrices = { sms: 20, lms: 50, alimtalk: 19, brand: 13 };

/** The shop's prices over the defaults; anything that is not a price from 0 to 1,000 원 keeps the default. */
export function unitPricesOf(stored: unknown): UnitPrices {
  const out: UnitPrices = { ...DEFAULT_UNIT_PRICES };
  if (!stored || typeof stored !== 'object') return out;
  for (const type of PRICED_TYPES) {
    const value = (stored as Record<string, unknown>)[type];
    if (typeof value === 'number' && Number.isFinite(value) && value >= 0 && value <= 1000) out[type] = value;
  }
  return out;
}

/** A unit price as entered: 0 to 1,000 원 with at most one decimal (Solapi prices like 8.4). */
export function isUnitPrice(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0 && value <= 1000 && Math.round(value * 10) === value * 10;
}

export interface CostEstimate {
  type: PricedType;
  count: number;
  unitPrice: number;
  /** Whole 원, rounded up (what the account needs at least). */
  amount: number;
  /** For 브랜드 메시지: the most the fallback SMS/LMS can add (every recipient by text). */
  fallback: { type: 'sms' | 'lms'; unitPrice: number; amount: number } | null;
}

export function estimateCost(type: PricedType, count: number, prices: UnitPrices, fallbackType: 'sms' | 'lms' | null = null): CostEstimate {
  const amount = Math.ceil(Math.round(count * prices[type] * 10) / 10);
  const fallback = type === 'brand' && fallbackType ? { type: fallbackType, unitPrice: prices[fallbackType], amount: Math.ceil(Math.round(count * prices[fallbackType] * 10) / 10) } : null;
  return { type, count, unitPrice: prices[type], amount, fallback };
}
