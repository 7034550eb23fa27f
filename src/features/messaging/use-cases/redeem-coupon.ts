import type { Kysely } from 'kysely';
import type { DB } from '../../../platform/db/types.ts';
import { redeemCouponIn } from './coupons.ts';

/** MSG-11, POST /api/pos/coupons/:code/redeem: the coupon is used once, ever, while valid. */
export async function redeemCoupon(db: Kysely<DB>, businessId: string, code: string, now = new Date()) {
  return db.transaction().execute((trx) => redeemCouponIn(trx, businessId, code, now));
}
