import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  COUPON_CODE_ALPHABET,
  COUPON_CODE_PATTERN,
  COUPON_VALIDITIES,
  couponExpiresAt,
  couponLastDay,
  describeCoupon,
  generateCouponCode,
  isCouponValidity,
  newCouponCode,
  normalizeCouponCode,
  validateCoupon,
} from './coupon.ts';
import { COUPON_VALIDITY_LABELS } from '../../../shared/labels/messaging.ts';

const SEOUL = 'Asia/Seoul';
const seoul = (local: string) => new Date(`${local}+09:00`);

describe('coupon validation (MSG-3)', () => {
  it('accepts a discount in % or 원 and a gift', () => {
    expect(validateCoupon({ type: 'discount', discountKind: 'percent', discountValue: 10 })).toEqual({ ok: true, value: { type: 'discount', discountKind: 'percent', discountValue: 10 } });
    expect(validateCoupon({ type: 'discount', discountKind: 'won', discountValue: 5000 })).toEqual({ ok: true, value: { type: 'discount', discountKind: 'won', discountValue: 5000 } });
    expect(validateCoupon({ type: 'gift', giftName: '  아메리카노 1잔 ' })).toEqual({ ok: true, value: { type: 'gift', giftName: '아메리카노 1잔' } });
  });

  it('requires every field, with a Korean message per field', () => {
    expect(validateCoupon(undefined)).toEqual({ ok: false, errors: [{ path: 'type', message: '쿠폰 유형을 선택해 주세요.' }] });
    expect(validateCoupon({ type: 'coupon' })).toEqual({ ok: false, errors: [{ path: 'type', message: '쿠폰 유형을 선택해 주세요.' }] });
    expect(validateCoupon({ type: 'discount' })).toEqual({
      ok: false,
      errors: [
        { path: 'discountKind', message: '할인 유형을 선택해 주세요.' },
        { path: 'discountValue', message: '할인 값을 입력해 주세요.' },
      ],
    });
    expect(validateCoupon({ type: 'discount', discountKind: 'percent', discountValue: '10' })).toEqual({ ok: false, errors: [{ path: 'discountValue', message: '할인 값을 입력해 주세요.' }] });
    expect(validateCoupon({ type: 'discount', discountKind: 'percent', discountValue: Number.NaN })).toMatchObject({ ok: false, errors: [{ path: 'discountValue' }] });
    expect(validateCoupon({ type: 'gift' })).toEqual({ ok: false, errors: [{ path: 'giftName', message: '증정 상품을 입력해 주세요.' }] });
    expect(validateCoupon({ type: 'gift', giftName: '   ' })).toEqual({ ok: false, errors: [{ path: 'giftName', message: '증정 상품을 입력해 주세요.' }] });
  });

  it('takes a percentage from 1 to 100 and an amount from 1 to 10,000,000원, whole numbers', () => {
    const percent = (discountValue: number) => validateCoupon({ type: 'discount', discountKind: 'percent', discountValue }).ok;
    const amount = (discountValue: number) => validateCoupon({ type: 'discount', discountKind: 'won', discountValue }).ok;
    expect([0, 1, 100, 101, 10.5, -5].map(percent)).toEqual([false, true, true, false, false, false]);
    expect([0, 1, 10_000_000, 10_000_001, 999.5].map(amount)).toEqual([false, true, true, false, false]);
    expect(validateCoupon({ type: 'discount', discountKind: 'percent', discountValue: 150 })).toEqual({ ok: false, errors: [{ path: 'discountValue', message: '할인율은 1~100 사이의 정수로 입력해 주세요.' }] });
    expect(validateCoupon({ type: 'discount', discountKind: 'won', discountValue: 0 })).toEqual({ ok: false, errors: [{ path: 'discountValue', message: '할인 금액은 1~10,000,000원 사이의 정수로 입력해 주세요.' }] });
  });

  it('limits a gift name to 64 bytes as SMS counts them', () => {
    expect(validateCoupon({ type: 'gift', giftName: '가'.repeat(32) }).ok).toBe(true);
    expect(validateCoupon({ type: 'gift', giftName: '가'.repeat(31) + 'ab' }).ok).toBe(true);
    expect(validateCoupon({ type: 'gift', giftName: '가'.repeat(32) + 'a' })).toEqual({ ok: false, errors: [{ path: 'giftName', message: '증정 상품은 64byte 이내로 입력해 주세요. (현재 65 byte)' }] });
    expect(validateCoupon({ type: 'gift', giftName: 'a'.repeat(64) }).ok).toBe(true);
  });

  it('refuses characters SMS cannot carry in a gift name', () => {
    expect(validateCoupon({ type: 'gift', giftName: '케이크☕' })).toEqual({ ok: false, errors: [{ path: 'giftName', message: '문자로 보낼 수 없는 글자가 있습니다: ☕' }] });
    expect(validateCoupon({ type: 'gift', giftName: '똠양꿍 1인분' }).ok).toBe(true);
  });

  it('answers ok exactly for well-formed coupons, and keeps only their fields (property)', () => {
    const anything = fc.oneof(fc.constant(undefined), fc.string(), fc.integer(), fc.double(), fc.constantFrom('percent', 'won', 'discount', 'gift'));
    fc.assert(
      fc.property(fc.record({ type: anything, discountKind: anything, discountValue: anything, giftName: anything, extra: anything }), (input) => {
        const result = validateCoupon(input);
        if (!result.ok) {
          expect(result.errors.length).toBeGreaterThan(0);
          return;
        }
        const coupon = result.value;
        if (coupon.type === 'gift') {
          expect(Object.keys(coupon)).toEqual(['type', 'giftName']);
          expect(coupon.giftName).toBe(coupon.giftName.trim());
          expect(coupon.giftName.length).toBeGreaterThan(0);
        } else {
          expect(Object.keys(coupon)).toEqual(['type', 'discountKind', 'discountValue']);
          expect(Number.isInteger(coupon.discountValue)).toBe(true);
          expect(coupon.discountValue).toBeGreaterThanOrEqual(1);
          expect(coupon.discountValue).toBeLessThanOrEqual(coupon.discountKind === 'percent' ? 100 : 10_000_000);
        }
        expect(validateCoupon(coupon)).toEqual(result);
      }),
    );
  });
});

describe('coupon description', () => {
  it('reads as the message says it', () => {
    expect(describeCoupon({ type: 'discount', discountKind: 'percent', discountValue: 10 })).toBe('10% 할인');
    expect(describeCoupon({ type: 'discount', discountKind: 'won', discountValue: 5000 })).toBe('5,000원 할인');
    expect(describeCoupon({ type: 'discount', discountKind: 'won', discountValue: 10_000_000 })).toBe('10,000,000원 할인');
    expect(describeCoupon({ type: 'gift', giftName: '아메리카노 1잔' })).toBe('아메리카노 1잔 증정');
  });
});

describe('coupon validity (MSG-3, MSG-11)', () => {
  it('offers the six validities of the help page', () => {
    expect(COUPON_VALIDITIES.map((v) => COUPON_VALIDITY_LABELS[v])).toEqual(['발송 당일', '3일', '7일', '30일', '90일', '365일']);
    expect(isCouponValidity('7d')).toBe(true);
    expect(isCouponValidity('14d')).toBe(false);
  });

  it('ends at the local midnight after the last day, the send day being day 1', () => {
    const sentAt = seoul('2026-03-10T14:00:00');
    expect(couponExpiresAt(sentAt, 'same_day', SEOUL)).toEqual(seoul('2026-03-11T00:00:00'));
    expect(couponExpiresAt(sentAt, '3d', SEOUL)).toEqual(seoul('2026-03-13T00:00:00'));
    expect(couponExpiresAt(sentAt, '7d', SEOUL)).toEqual(seoul('2026-03-17T00:00:00'));
    expect(couponExpiresAt(sentAt, '30d', SEOUL)).toEqual(seoul('2026-04-09T00:00:00'));
    expect(couponExpiresAt(sentAt, '365d', SEOUL)).toEqual(seoul('2027-03-10T00:00:00'));
    expect(couponLastDay(sentAt, 'same_day', SEOUL)).toBe('2026-03-10');
    expect(couponLastDay(sentAt, '3d', SEOUL)).toBe('2026-03-12');
    expect(couponLastDay(sentAt, '365d', SEOUL)).toBe('2027-03-09');
  });

  it('takes the send day in the business zone, not in UTC', () => {
    // 2026-03-10 08:30 in Seoul is still 2026-03-09 in UTC.
    const sentAt = new Date('2026-03-09T23:30:00Z');
    expect(couponExpiresAt(sentAt, 'same_day', SEOUL)).toEqual(seoul('2026-03-11T00:00:00'));
    expect(couponLastDay(sentAt, 'same_day', SEOUL)).toBe('2026-03-10');
    // A coupon sent a second before midnight still has its send day as day 1.
    expect(couponExpiresAt(seoul('2026-03-10T23:59:59'), 'same_day', SEOUL)).toEqual(seoul('2026-03-11T00:00:00'));
  });

  it('counts calendar days across a DST change', () => {
    // New York, DST starts 2026-03-08: the coupon still ends at local midnight.
    expect(couponExpiresAt(new Date('2026-03-07T17:00:00Z'), '3d', 'America/New_York')).toEqual(new Date('2026-03-10T04:00:00Z'));
  });

  it('is valid after sending and ends on the last day of its validity (property)', () => {
    const instant = fc.date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2100-01-01T00:00:00Z'), noInvalidDate: true });
    const zone = fc.constantFrom(SEOUL, 'America/New_York', 'Australia/Lord_Howe', 'UTC');
    fc.assert(
      fc.property(instant, fc.constantFrom(...COUPON_VALIDITIES), zone, (sentAt, validity, tz) => {
        const end = couponExpiresAt(sentAt, validity, tz);
        expect(end.getTime()).toBeGreaterThan(sentAt.getTime());
        // The instant before the end is on the last day; the end itself is the day after.
        expect(couponLastDay(new Date(end.getTime() - 1), 'same_day', tz)).toBe(couponLastDay(sentAt, validity, tz));
        expect(couponLastDay(end, 'same_day', tz)).not.toBe(couponLastDay(sentAt, validity, tz));
      }),
    );
  });
});

describe('coupon codes (MSG-11)', () => {
  it('uses 10 characters that cannot be misread', () => {
    expect(COUPON_CODE_ALPHABET).toHaveLength(32);
    expect(COUPON_CODE_ALPHABET).not.toMatch(/[0O1I]/);
    for (let i = 0; i < 200; i++) expect(newCouponCode()).toMatch(COUPON_CODE_PATTERN);
    expect(new Set(Array.from({ length: 1000 }, newCouponCode)).size).toBe(1000);
  });

  it('takes a code typed in any case, with spaces or hyphens', () => {
    expect(normalizeCouponCode(' abcd-efgh 23 ')).toBe('ABCDEFGH23');
    expect(normalizeCouponCode('abcd-efgh23')).toMatch(COUPON_CODE_PATTERN);
  });

  it('maps every draw to a valid code (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.nat(), { minLength: 10, maxLength: 10 }), (draws) => {
        let i = 0;
        const code = generateCouponCode((n) => draws[i++]! % n);
        expect(code).toMatch(COUPON_CODE_PATTERN);
        expect(normalizeCouponCode(code.toLowerCase())).toBe(code);
      }),
    );
  });
});
