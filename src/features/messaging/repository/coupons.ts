import type { Kysely } from 'kysely';
import type { DB } from '../../../platform/db/types.ts';

type Db = Kysely<DB>;

/** MSG-11: a coupon is its recipient's row (message_recipients), with the message's title and benefit. */
const couponColumns = [
  'message_recipients.id',
  'message_recipients.message_id',
  'message_recipients.customer_id',
  'message_recipients.name',
  'message_recipients.coupon_code',
  'message_recipients.coupon_expires_at',
  'message_recipients.coupon_redeemed_at',
  'messages.title',
  'messages.coupon',
] as const;

export type CouponRow = Awaited<ReturnType<typeof findCoupon>> & object;

export async function findCoupon(db: Db, businessId: string, code: string) {
  return db
    .selectFrom('message_recipients')
    .innerJoin('messages', (j) => j.onRef('messages.id', '=', 'message_recipients.message_id').onRef('messages.business_id', '=', 'message_recipients.business_id'))
    .select(couponColumns)
    .where('message_recipients.business_id', '=', businessId)
    .where('message_recipients.coupon_code', '=', code)
    .executeTakeFirst();
}

/**
 * Marks the coupon used if it is unused and unexpired, in one statement: of
 * concurrent redemptions the row lock lets exactly one see
 * `coupon_redeemed_at is null`. Undefined when nothing was redeemed (the
 * caller then reads the coupon to say why).
 */
export async function redeemCoupon(db: Db, businessId: string, code: string, at: Date) {
  const updated = await db
    .updateTable('message_recipients')
    .set({ coupon_redeemed_at: at })
    .where('business_id', '=', businessId)
    .where('coupon_code', '=', code)
    .where('coupon_redeemed_at', 'is', null)
    .where('coupon_expires_at', '>', at)
    .returning('id')
    .executeTakeFirst();
  if (!updated) return undefined;
  return findCoupon(db, businessId, code);
}

/** PAY-1: a coupon a checkout reserved (redeemed at `at`) is given back when its payment is not made. */
export async function unredeemCoupon(db: Db, businessId: string, code: string, at: Date) {
  await db
    .updateTable('message_recipients')
    .set({ coupon_redeemed_at: null })
    .where('business_id', '=', businessId)
    .where('coupon_code', '=', code)
    .where('coupon_redeemed_at', '=', at)
    .execute();
}
