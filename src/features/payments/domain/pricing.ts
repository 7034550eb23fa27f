import { allocate, assertInteger, assertNonNegativeInteger, sumWon } from './money.ts';

/**
 * PAY-1: what a checkout charges and how each 원 of it is attributed to the
 * booking's detail lines. The order is fixed: the business coupon discounts
 * the gross first, then the platform coupon takes what it can of the rest,
 * then platform points, and what remains is the main payment the PG charges.
 * Every component is allocated across the lines (largest remainder) in
 * proportion to what each line still has left at that step, so per line
 * gross = couponBusiness + couponPlatform + points + main with every part
 * ≥ 0, and the line sums equal the totals.
 */

/** PAY-1: one detail line of the booking: gross = unit price × quantity, in 원. */
export interface CheckoutLineInput {
  lineNo: number;
  gross: number;
}

/**
 * PAY-1: a coupon funded by the business (a discount, never part of the
 * settlement base, PAY-4): `percent` off the gross (value 1..100, rounded
 * down to the 원) or a fixed `amount` in 원 (capped at the gross).
 */
export interface BusinessCoupon {
  kind: 'percent' | 'amount';
  value: number;
}

/** PAY-1: what the customer applies besides the main payment. */
export interface Instruments {
  businessCoupon?: BusinessCoupon | null;
  /** A platform-funded coupon, in 원 (capped at what is left after the business coupon). */
  platformCoupon?: number | null;
  /** Platform points, in 원; more than what is left to pay is refused. */
  points?: number | null;
}

/** PAY-1: one line's share of each component; gross = couponBusiness + couponPlatform + points + main. */
export interface LineAllocation {
  lineNo: number;
  gross: number;
  couponBusiness: number;
  couponPlatform: number;
  points: number;
  main: number;
}

/** PAY-1: the checkout's totals and their allocation to the lines. */
export interface CheckoutPrice {
  lines: LineAllocation[];
  gross: number;
  couponBusiness: number;
  couponPlatform: number;
  points: number;
  main: number;
}

export type CheckoutPricingCode = 'BELOW_MINIMUM_AMOUNT' | 'POINTS_OVER_AMOUNT' | 'COUPON_NOT_APPLICABLE';

export type CheckoutPricingResult = { ok: true; value: CheckoutPrice } | { ok: false; code: CheckoutPricingCode; message: string };

/** PAY-1: Toss refuses a card payment under 100원 (BELOW_MINIMUM_AMOUNT); a main payment of 0 books without the provider. */
export const MINIMUM_MAIN_AMOUNT = 100;

/** PAY-1: the Korean messages of the refusals. */
export const CHECKOUT_PRICING_MESSAGES: Record<CheckoutPricingCode, string> = {
  BELOW_MINIMUM_AMOUNT: `결제할 금액이 ${MINIMUM_MAIN_AMOUNT}원 미만이면 결제할 수 없습니다. 포인트나 쿠폰 사용 금액을 조정해 주세요.`,
  POINTS_OVER_AMOUNT: '사용할 포인트가 결제할 금액보다 많습니다. 포인트 사용 금액을 줄여 주세요.',
  COUPON_NOT_APPLICABLE: '이 쿠폰은 이 예약에 적용할 수 없습니다.',
};

const refuse = (code: CheckoutPricingCode): CheckoutPricingResult => ({ ok: false, code, message: CHECKOUT_PRICING_MESSAGES[code] });

/** ⌊a·b/c⌋ for non-negative safe integers, exact (BigInt). */
function mulDivFloor(a: number, b: number, c: number): number {
  return Number((BigInt(a) * BigInt(b)) / BigInt(c));
}

/**
 * PAY-1: the business coupon's discount on `gross`: percent → ⌊gross·value/100⌋
 * (value an integer 1..100), amount → min(value, gross) (value an integer ≥ 1).
 * Null when the coupon cannot apply (a value out of range, or a discount of 0).
 */
export function businessCouponDiscount(coupon: BusinessCoupon, gross: number): number | null {
  assertNonNegativeInteger('gross', gross);
  assertInteger('businessCoupon.value', coupon.value);
  let discount: number;
  if (coupon.kind === 'percent') {
    if (coupon.value < 1 || coupon.value > 100) return null;
    discount = mulDivFloor(gross, coupon.value, 100);
  } else if (coupon.kind === 'amount') {
    if (coupon.value < 1) return null;
    discount = Math.min(coupon.value, gross);
  } else {
    return null;
  }
  return discount > 0 ? discount : null;
}

/**
 * PAY-1: prices a checkout. Business coupon first on the gross (percent:
 * ⌊gross·value/100⌋ of the total; amount: min(value, gross)), then the
 * platform coupon capped at what is left, then points (more points than
 * what is left → POINTS_OVER_AMOUNT), and the remainder is the main payment.
 * Each component is allocated across the lines with `allocate`, weighted by
 * what each line still has left at that step. A main total of 1..99원 →
 * BELOW_MINIMUM_AMOUNT; 0 is accepted (booked without the provider). A
 * coupon that is out of range or would discount nothing (nothing left, a
 * percentage rounding to 0원) → COUPON_NOT_APPLICABLE, so it is not spent
 * for nothing. Amounts that are not integers, negative, or duplicate line
 * numbers are programming errors (RangeError).
 */
export function priceCheckout(lines: readonly CheckoutLineInput[], instruments: Instruments): CheckoutPricingResult {
  const seen = new Set<number>();
  for (const line of lines) {
    assertInteger('lineNo', line.lineNo);
    if (seen.has(line.lineNo)) throw new RangeError(`duplicate lineNo ${line.lineNo}`);
    seen.add(line.lineNo);
    assertNonNegativeInteger('gross', line.gross);
  }
  const platformCoupon = instruments.platformCoupon ?? 0;
  const points = instruments.points ?? 0;
  assertNonNegativeInteger('platformCoupon', platformCoupon);
  assertNonNegativeInteger('points', points);

  const gross = sumWon(lines.map((l) => l.gross));
  const left = lines.map((l) => l.gross);

  // 1. Business coupon, on the gross.
  let couponBusiness = 0;
  if (instruments.businessCoupon) {
    const discount = businessCouponDiscount(instruments.businessCoupon, gross);
    if (discount === null) return refuse('COUPON_NOT_APPLICABLE');
    couponBusiness = discount;
  }
  const businessParts = allocate(couponBusiness, left);
  businessParts.forEach((part, i) => (left[i] = left[i]! - part));

  // 2. Platform coupon, capped at what is left.
  const leftAfterBusiness = gross - couponBusiness;
  let couponPlatform = 0;
  if (instruments.platformCoupon != null && instruments.platformCoupon > 0) {
    if (leftAfterBusiness === 0) return refuse('COUPON_NOT_APPLICABLE');
    couponPlatform = Math.min(platformCoupon, leftAfterBusiness);
  }
  const platformParts = allocate(couponPlatform, left);
  platformParts.forEach((part, i) => (left[i] = left[i]! - part));

  // 3. Points: never more than what is left.
  const leftAfterCoupons = leftAfterBusiness - couponPlatform;
  if (points > leftAfterCoupons) return refuse('POINTS_OVER_AMOUNT');
  const pointParts = allocate(points, left);
  pointParts.forEach((part, i) => (left[i] = left[i]! - part));

  // 4. The main payment is the rest.
  const main = leftAfterCoupons - points;
  if (main > 0 && main < MINIMUM_MAIN_AMOUNT) return refuse('BELOW_MINIMUM_AMOUNT');

  return {
    ok: true,
    value: {
      lines: lines.map((line, i) => ({
        lineNo: line.lineNo,
        gross: line.gross,
        couponBusiness: businessParts[i]!,
        couponPlatform: platformParts[i]!,
        points: pointParts[i]!,
        main: left[i]!,
      })),
      gross,
      couponBusiness,
      couponPlatform,
      points,
      main,
    },
  };
}
