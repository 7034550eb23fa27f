import { randomInt } from 'node:crypto';
import { DateTime } from 'luxon';
import type { CouponValidity as StoredCouponValidity } from '../../../platform/db/types.ts';
import { GIFT_NAME_MAX_BYTES, giftNameBytes, unsupportedChars } from './bytes.ts';

/**
 * MSG-3: the coupon a message carries — a discount (% or 원) or a gift —
 * its validity, and the per-recipient code (MSG-11). Every field is
 * required; errors name the field (relative to the coupon object) with a
 * Korean message, so the editor can show each beside its input.
 */
export type DiscountKind = 'percent' | 'won';

export type Coupon = { type: 'discount'; discountKind: DiscountKind; discountValue: number } | { type: 'gift'; giftName: string };

export interface FieldError {
  path: string;
  message: string;
}

export type CouponValidation = { ok: true; value: Coupon } | { ok: false; errors: FieldError[] };

export const PERCENT_MAX = 100;
export const WON_MAX = 10_000_000;

const won = new Intl.NumberFormat('ko-KR');

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function validateCoupon(input: unknown): CouponValidation {
  const fields = isRecord(input) ? input : {};
  const errors: FieldError[] = [];

  if (fields.type === 'gift') {
    const name = typeof fields.giftName === 'string' ? fields.giftName.trim() : '';
    if (name === '') return { ok: false, errors: [{ path: 'giftName', message: '증정 상품을 입력해 주세요.' }] };
    const bytes = giftNameBytes(name);
    if (bytes > GIFT_NAME_MAX_BYTES) errors.push({ path: 'giftName', message: `증정 상품은 ${GIFT_NAME_MAX_BYTES}byte 이내로 입력해 주세요. (현재 ${bytes} byte)` });
    const unsupported = unsupportedChars(name);
    if (unsupported.length > 0) errors.push({ path: 'giftName', message: `문자로 보낼 수 없는 글자가 있습니다: ${unsupported.join(' ')}` });
    return errors.length > 0 ? { ok: false, errors } : { ok: true, value: { type: 'gift', giftName: name } };
  }

  if (fields.type !== 'discount') return { ok: false, errors: [{ path: 'type', message: '쿠폰 유형을 선택해 주세요.' }] };

  const kind = fields.discountKind === 'percent' || fields.discountKind === 'won' ? fields.discountKind : null;
  if (kind === null) errors.push({ path: 'discountKind', message: '할인 유형을 선택해 주세요.' });
  const value = fields.discountValue;
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    errors.push({ path: 'discountValue', message: '할인 값을 입력해 주세요.' });
  } else if (kind === 'percent' && !(Number.isInteger(value) && value >= 1 && value <= PERCENT_MAX)) {
    errors.push({ path: 'discountValue', message: `할인율은 1~${PERCENT_MAX} 사이의 정수로 입력해 주세요.` });
  } else if (kind === 'won' && !(Number.isInteger(value) && value >= 1 && value <= WON_MAX)) {
    errors.push({ path: 'discountValue', message: `할인 금액은 1~${won.format(WON_MAX)}원 사이의 정수로 입력해 주세요.` });
  }
  if (errors.length > 0 || kind === null) return { ok: false, errors };
  return { ok: true, value: { type: 'discount', discountKind: kind, discountValue: value as number } };
}

/** '10% 할인', '5,000원 할인', '아메리카노 1잔 증정' — what #{쿠폰} becomes. */
export function describeCoupon(coupon: Coupon): string {
  if (coupon.type === 'gift') return `${coupon.giftName} 증정`;
  return coupon.discountKind === 'percent' ? `${coupon.discountValue}% 할인` : `${won.format(coupon.discountValue)}원 할인`;
}

export const COUPON_VALIDITIES = ['same_day', '3d', '7d', '30d', '90d', '365d'] as const satisfies readonly StoredCouponValidity[];
export type CouponValidity = (typeof COUPON_VALIDITIES)[number];

/** How many local days a coupon is good for, the send day being day 1. */
export const COUPON_VALIDITY_DAYS: Record<CouponValidity, number> = {
  same_day: 1,
  '3d': 3,
  '7d': 7,
  '30d': 30,
  '90d': 90,
  '365d': 365,
};

export function isCouponValidity(value: unknown): value is CouponValidity {
  return typeof value === 'string' && (COUPON_VALIDITIES as readonly string[]).includes(value);
}

function sendDay(sentAt: Date, zone: string): DateTime {
  const local = DateTime.fromJSDate(sentAt, { zone });
  if (!local.isValid) throw new RangeError(`invalid time zone ${zone}`);
  return local.startOf('day');
}

/**
 * When a coupon stops being valid: the local midnight after its last day,
 * an exclusive end (valid while `now < couponExpiresAt`).
 *
 * The send day counts as day 1, as a shop means "3일" on a coupon handed out
 * today: 발송 당일 is good through the send day, 3일 through the send day + 2,
 * 365일 through the send day + 364. A coupon sent at 23:59 still gets its
 * send day as day 1 (MSG-11: "valid until the end of the validity's last day").
 */
export function couponExpiresAt(sentAt: Date, validity: CouponValidity, zone: string): Date {
  return sendDay(sentAt, zone).plus({ days: COUPON_VALIDITY_DAYS[validity] }).toJSDate();
}

/** The last local day a coupon is good for ('YYYY-MM-DD'), what #{유효기간} shows. */
export function couponLastDay(sentAt: Date, validity: CouponValidity, zone: string): string {
  return sendDay(sentAt, zone).plus({ days: COUPON_VALIDITY_DAYS[validity] - 1 }).toISODate()!;
}

/**
 * Coupon codes: 10 characters from 32 that cannot be misread (no 0/O, 1/I),
 * 32^10 ≈ 1.1e15 codes, so guessing one is hopeless and collisions among a
 * business's coupons are negligible (the database's unique key settles them).
 */
export const COUPON_CODE_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
export const COUPON_CODE_LENGTH = 10;
export const COUPON_CODE_PATTERN = /^[A-HJ-NP-Z2-9]{10}$/;

/** A code from a source of uniform integers in [0, n). */
export function generateCouponCode(randomBelow: (n: number) => number): string {
  let code = '';
  for (let i = 0; i < COUPON_CODE_LENGTH; i++) code += COUPON_CODE_ALPHABET[randomBelow(COUPON_CODE_ALPHABET.length)];
  return code;
}

/** A code-shaped sample for the preview: as long as every real code, so the preview counts the bytes recipients get. */
export const SAMPLE_COUPON_CODE = 'ABCD2345EF';

export function newCouponCode(): string {
  return generateCouponCode((n) => randomInt(n));
}

/** A code as a cashier types or a POS sends it: any case, with spaces or hyphens ("abcd-efgh 23"). */
export function normalizeCouponCode(input: string): string {
  return input.replace(/[\s-]/g, '').toUpperCase();
}
