import crypto from 'node:crypto';
import { AppError } from '../../../platform/errors/registry.ts';
import type { Jobs } from '../../../platform/jobs/jobs.ts';
import { normalizePhone } from '../../../shared/phone.ts';
import { bookingCustomer, checkBooking, holdForCheckout, presentNewBooking, requirePrivacyConsent, writeBooking, type NewBookingInput } from '../../bookings/index.ts';
import { findProductBusiness } from '../../products/index.ts';
import { peekCheckoutCoupon, redeemCheckoutCoupon } from '../../messaging/index.ts';
import { priceCheckout, type CheckoutPrice, type Instruments } from '../domain/pricing.ts';
import { connectPaymentProvider } from '../provider/connect.ts';
import * as instruments from '../repository/instruments.ts';
import * as payments from '../repository/payments.ts';
import { findPaymentSettings } from '../repository/settings.ts';
import { enqueueReconcile, PAYMENT_MINUTES, type Db, type StoredCheckout } from './support.ts';

export interface CheckoutInput extends NewBookingInput {
  /** A coupon code the shop sent in a coupon message (business-borne). */
  couponCode?: string | undefined;
  /** A coupon of the product's operator (platform-borne). */
  platformCouponCode?: string | undefined;
  /** Platform points to use, from the wallet of the customer's phone. */
  points?: number | undefined;
}

const PRICING_ERRORS = {
  BELOW_MINIMUM_AMOUNT: 'PAYMENT_BELOW_MINIMUM',
  POINTS_OVER_AMOUNT: 'PAYMENT_POINTS_INVALID',
  COUPON_NOT_APPLICABLE: 'PAYMENT_COUPON_NOT_APPLICABLE',
} as const;

function priceOrThrow(lines: { lineNo: number; gross: number }[], used: Instruments): CheckoutPrice {
  const price = priceCheckout(lines, used);
  if (!price.ok) throw new AppError(PRICING_ERRORS[price.code], { message: price.message });
  return price.value;
}

function presentPrice(price: CheckoutPrice) {
  return { gross: price.gross, couponBusiness: price.couponBusiness, couponPlatform: price.couponPlatform, points: price.points, amount: price.main };
}

/**
 * The booking page has one 쿠폰 번호 field: a code that names one of the
 * operator's platform coupons is used as one, any other as a coupon the shop
 * sent in a coupon message.
 */
async function routeCouponCode<T extends { couponCode?: string | undefined; platformCouponCode?: string | undefined }>(trx: Db, businessId: string, input: T): Promise<T> {
  const code = input.couponCode?.trim();
  if (!code || input.platformCouponCode?.trim()) return input;
  const platform = await instruments.findPlatformCoupon(trx, businessId, code.toUpperCase());
  return platform ? { ...input, couponCode: undefined, platformCouponCode: code } : input;
}

/** Toss: orderId of 6–64 characters of [A-Za-z0-9_-=]; ours is random, so it names one checkout and guesses nothing. */
function newOrderId(): string {
  return `yk_${crypto.randomBytes(18).toString('base64url')}`;
}

/**
 * PAY-1 (BOOK-8): what the customer would pay, with the coupon and points
 * applied, without writing anything (the booking page's price before 결제하기).
 */
export async function quoteCheckout(db: Db, given: Omit<CheckoutInput, 'customer' | 'request' | 'holdId' | 'consents'> & { phone?: string | undefined; holdId?: string | undefined }, now = new Date()) {
  return db.transaction().execute(async (trx) => {
    const checked = await checkBooking(trx, given, now);
    const { businessId, loaded } = checked.prepared;
    const input = await routeCouponCode(trx, businessId, given);
    if (loaded.row.payment_mode !== 'prepaid') throw new AppError('PAYMENT_NOT_REQUIRED');
    const lines = checked.priced.map((l, i) => ({ lineNo: i + 1, gross: l.unitAmount * l.quantity }));
    const used: Instruments = {};
    let couponLabel: string | null = null;
    if (input.couponCode?.trim()) {
      const coupon = await peekCheckoutCoupon(trx, businessId, input.couponCode, now);
      used.businessCoupon = { kind: coupon.kind, value: coupon.value };
      couponLabel = coupon.label;
    }
    if (input.platformCouponCode?.trim()) {
      const coupon = await instruments.findPlatformCoupon(trx, businessId, input.platformCouponCode.trim().toUpperCase());
      if (!coupon) throw new AppError('COUPON_NOT_FOUND');
      if (coupon.used_by_payment) throw new AppError('COUPON_ALREADY_REDEEMED');
      if (coupon.valid_until <= now) throw new AppError('COUPON_EXPIRED');
      used.platformCoupon = coupon.amount;
      couponLabel = `${coupon.amount.toLocaleString('ko-KR')}원 할인 (플랫폼 쿠폰)`;
    }
    const phone = input.phone ? normalizePhone(input.phone) : null;
    const wallet = phone ? await instruments.findPointWallet(trx, phone) : undefined;
    if (input.points) {
      if (!wallet || wallet.balance < input.points) throw new AppError('PAYMENT_POINTS_INVALID', { details: { available: wallet?.balance ?? 0 } });
      used.points = input.points;
    }
    return { ...presentPrice(priceOrThrow(lines, used)), couponLabel, availablePoints: wallet?.balance ?? 0 };
  });
}

/**
 * PAY-1, BOOK-8: the checkout of a product paid at booking. Under the
 * product's and pools' locks (checkBooking) the lines, the hold and the room
 * are checked; the price is computed with the coupon and the points, which
 * are used now (and given back if the payment is not made); the hold is kept
 * for PAYMENT_MINUTES; a payment `pending` is written with what each line is
 * paid with. Nothing is charged here: money moves at the confirm. A checkout
 * of 0원 (fully discounted) is booked at once without the provider.
 */
export async function createCheckout(db: Db, jobs: Jobs | null, given: CheckoutInput, clientKey: string, now = new Date()) {
  const who = bookingCustomer(given.customer);
  const consents = requirePrivacyConsent(given.consents);
  const until = new Date(now.getTime() + PAYMENT_MINUTES * 60_000);
  // The provider is resolved before anything is written: a shop whose keys cannot be used (or whose
  // local server cannot start) refuses the checkout without holding places for 20 minutes.
  const businessId = await findProductBusiness(db, given.productId);
  if (!businessId) throw new AppError('PRODUCT_NOT_FOUND');
  const connected = (await findPaymentSettings(db, businessId)) ? await connectPaymentProvider(db, businessId) : null;
  const result = await db.transaction().execute(async (trx) => {
    const checked = await checkBooking(trx, given, now);
    const { businessId, loaded } = checked.prepared;
    if (loaded.row.payment_mode !== 'prepaid') throw new AppError('PAYMENT_NOT_REQUIRED');
    const input = await routeCouponCode(trx, businessId, given);
    const lines = checked.priced.map((l, i) => ({ lineNo: i + 1, gross: l.unitAmount * l.quantity }));
    const orderId = newOrderId();
    const paymentId = crypto.randomUUID();

    const used: Instruments = {};
    let coupon: { code: string; redeemedAt: Date } | null = null;
    if (input.couponCode?.trim()) {
      const redeemed = await redeemCheckoutCoupon(trx, businessId, input.couponCode, now);
      used.businessCoupon = { kind: redeemed.kind, value: redeemed.value };
      coupon = { code: redeemed.code, redeemedAt: redeemed.redeemedAt };
    }
    let platformCouponId: string | null = null;
    if (input.platformCouponCode?.trim()) {
      const found = await instruments.lockPlatformCoupon(trx, businessId, input.platformCouponCode.trim().toUpperCase(), now);
      if (!found) throw new AppError('COUPON_NOT_FOUND');
      if (found.used_by_payment) throw new AppError('COUPON_ALREADY_REDEEMED');
      used.platformCoupon = found.amount;
      platformCouponId = found.id;
    }
    let walletId: string | null = null;
    if (input.points) {
      const wallet = await instruments.findPointWallet(trx, who.phone);
      if (!wallet || wallet.balance < input.points) throw new AppError('PAYMENT_POINTS_INVALID', { details: { available: wallet?.balance ?? 0 } });
      used.points = input.points;
      walletId = wallet.id;
    }
    const price = priceOrThrow(lines, used);
    // A checkout that charges nothing needs no provider; one that charges needs the shop's keys before anything is written.
    if (price.main > 0 && !connected) throw new AppError('PAYMENT_SETTINGS_MISSING');
    const holdId = price.main > 0 ? await holdForCheckout(trx, checked, clientKey, until) : checked.holdId;

    const stored: StoredCheckout = {
      lines: input.lines,
      customer: who,
      request: (input.request ?? '').trim(),
      consents,
      couponRedeemedAt: coupon ? coupon.redeemedAt.toISOString() : null,
      platformCouponCode: input.platformCouponCode?.trim().toUpperCase() || null,
    };
    const orderName = `${loaded.row.name} ${checked.prepared.totalQuantity}${loaded.product.bookingType === 'time_slot' ? '명' : '건'}`.slice(0, 100);
    const paid = price.main === 0;
    await payments.insertPayment(trx, businessId, {
      id: paymentId,
      order_id: orderId,
      product_id: loaded.row.id,
      hold_id: holdId,
      checkout: JSON.stringify(stored),
      order_name: orderName,
      customer_name: who.name,
      customer_phone: who.phone,
      amount_gross: price.gross,
      coupon_business: price.couponBusiness,
      coupon_platform: price.couponPlatform,
      points: price.points,
      amount_pg: price.main,
      balance_pg: 0,
      business_coupon_code: coupon?.code ?? null,
      platform_coupon_id: platformCouponId,
      points_wallet_id: walletId,
      status: 'pending',
      expires_at: until,
    });
    await payments.insertAllocations(trx, businessId, paymentId, price.lines);
    if (platformCouponId && !(await instruments.usePlatformCoupon(trx, businessId, platformCouponId, paymentId, now))) throw new AppError('COUPON_ALREADY_REDEEMED');
    if (walletId && price.points > 0 && !(await instruments.spendPoints(trx, walletId, price.points, paymentId))) throw new AppError('PAYMENT_POINTS_INVALID');

    if (paid) {
      const booking = await writeBooking(trx, checked, { ...who, request: input.request, consents }, now, { prepaid: true, jobs });
      await payments.updatePayment(trx, businessId, paymentId, { status: 'paid', booking_id: booking.bookingId, hold_id: null, paid_at: now });
      await payments.setAllocationDetailNumbers(trx, businessId, paymentId, booking.lines);
      return { businessId, orderId, orderName, price, bookingId: booking.bookingId };
    }
    // Past its time, the sweep expires it; this job looks a minute after, if the page never came back.
    await enqueueReconcile(trx, jobs, businessId, paymentId, PAYMENT_MINUTES * 60 + 30);
    return { businessId, orderId, orderName, price, bookingId: null };
  });

  const base = { orderId: result.orderId, orderName: result.orderName, customerName: who.name, amount: result.price.main, price: presentPrice(result.price), expiresAt: until.toISOString() };
  if (result.bookingId) {
    return { ...base, status: 'paid' as const, provider: null, booking: await presentNewBooking(db, result.businessId, result.bookingId, now) };
  }
  return { ...base, status: 'pending' as const, provider: connected!.browser, booking: null };
}
