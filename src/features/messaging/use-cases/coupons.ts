import type { Kysely } from 'kysely';
import type { DB } from '../../../platform/db/types.ts';
import { AppError } from '../../../platform/errors/registry.ts';
import type { PosCouponRedeemer } from '../../loyalty/index.ts';
import { normalizeCouponCode } from '../domain/coupon.ts';
import { findCoupon, redeemCoupon, unredeemCoupon } from '../repository/coupons.ts';
import { presentCoupon } from './present.ts';

/**
 * MSG-11: a recipient's coupon, redeemed at a counter (POST
 * /api/pos/coupons/:code/redeem) or with a POS visit (the loyalty feature's
 * transaction, through the redeemer registered at assembly). Codes are typed
 * at a counter: case, spaces and hyphens do not matter (the alphabet has no
 * look-alikes).
 */

/** Redeems the coupon in the caller's transaction (once, ever, while valid), or says why it cannot be. */
export async function redeemCouponIn(trx: Kysely<DB>, businessId: string, rawCode: string, now: Date) {
  const code = normalizeCouponCode(rawCode);
  const redeemed = await redeemCoupon(trx, businessId, code, now);
  if (redeemed) return presentCoupon(redeemed);
  const coupon = await findCoupon(trx, businessId, code);
  if (!coupon) throw new AppError('COUPON_NOT_FOUND');
  if (coupon.coupon_redeemed_at) throw new AppError('COUPON_ALREADY_REDEEMED', { details: { redeemedAt: coupon.coupon_redeemed_at.toISOString() } });
  throw new AppError('COUPON_EXPIRED', { details: { expiresAt: coupon.coupon_expires_at.toISOString() } });
}

/** The coupon as it stands, or null when the business has no such code. */
export async function findCouponByCode(db: Kysely<DB>, businessId: string, rawCode: string) {
  const coupon = await findCoupon(db, businessId, normalizeCouponCode(rawCode));
  return coupon ? presentCoupon(coupon) : null;
}

/** How the loyalty feature's POS visit redeems the coupon it is given, registered at assembly (src/app/hooks.ts). */
export const messagingPosCouponRedeemer: PosCouponRedeemer = { redeem: redeemCouponIn, find: findCouponByCode };

/**
 * PAY-1: a coupon code the shop sent, used on the booking page as a
 * business-borne discount: redeemed in the checkout's transaction (so two
 * checkouts cannot both use it), and given back with `releaseCheckoutCoupon`
 * when the payment is not made. A gift coupon is used at the counter, not here.
 */
export async function redeemCheckoutCoupon(trx: Kysely<DB>, businessId: string, rawCode: string, now: Date): Promise<{ code: string; kind: 'percent' | 'amount'; value: number; label: string; redeemedAt: Date }> {
  const code = normalizeCouponCode(rawCode);
  const found = await findCoupon(trx, businessId, code);
  if (!found) throw new AppError('COUPON_NOT_FOUND');
  const benefit = found.coupon as { type?: string; discountKind?: string; discountValue?: number };
  if (benefit.type !== 'discount' || typeof benefit.discountValue !== 'number') throw new AppError('PAYMENT_COUPON_NOT_APPLICABLE', { message: '증정 쿠폰은 매장에서 사용해 주세요. 예약 결제에는 할인 쿠폰만 쓸 수 있습니다.' });
  const redeemed = await redeemCouponIn(trx, businessId, code, now);
  const kind = benefit.discountKind === 'percent' ? 'percent' : 'amount';
  return { code: redeemed.code, kind, value: benefit.discountValue, label: kind === 'percent' ? `${benefit.discountValue}% 할인` : `${benefit.discountValue.toLocaleString('ko-KR')}원 할인`, redeemedAt: now };
}

/** The coupon a checkout can use, without using it (the price preview). */
export async function peekCheckoutCoupon(db: Kysely<DB>, businessId: string, rawCode: string, now: Date): Promise<{ kind: 'percent' | 'amount'; value: number; label: string }> {
  const found = await findCoupon(db, businessId, normalizeCouponCode(rawCode));
  if (!found) throw new AppError('COUPON_NOT_FOUND');
  if (found.coupon_redeemed_at) throw new AppError('COUPON_ALREADY_REDEEMED');
  if (found.coupon_expires_at <= now) throw new AppError('COUPON_EXPIRED');
  const benefit = found.coupon as { type?: string; discountKind?: string; discountValue?: number };
  if (benefit.type !== 'discount' || typeof benefit.discountValue !== 'number') throw new AppError('PAYMENT_COUPON_NOT_APPLICABLE', { message: '증정 쿠폰은 매장에서 사용해 주세요. 예약 결제에는 할인 쿠폰만 쓸 수 있습니다.' });
  const kind = benefit.discountKind === 'percent' ? 'percent' : 'amount';
  return { kind, value: benefit.discountValue, label: kind === 'percent' ? `${benefit.discountValue}% 할인` : `${benefit.discountValue.toLocaleString('ko-KR')}원 할인` };
}

export async function releaseCheckoutCoupon(trx: Kysely<DB>, businessId: string, code: string, redeemedAt: Date): Promise<void> {
  await unredeemCoupon(trx, businessId, code, redeemedAt);
}
