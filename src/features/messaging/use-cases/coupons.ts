import type { Kysely } from 'kysely';
import type { DB } from '../../../platform/db/types.ts';
import { AppError } from '../../../platform/errors/registry.ts';
import type { PosCouponRedeemer } from '../../loyalty/index.ts';
import { normalizeCouponCode } from '../domain/coupon.ts';
import { findCoupon, redeemCoupon } from '../repository/coupons.ts';
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
