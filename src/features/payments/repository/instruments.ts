import { sql, type Kysely } from 'kysely';
import type { DB } from '../../../platform/db/types.ts';

type Db = Kysely<DB>;

/**
 * PAY-4: the operator's instruments (platform coupons and point wallets),
 * issued by the CLI; they belong to the installation, a coupon optionally
 * to one business.
 */

/** @installation issued by the product's operator, not by a business. */
export async function insertPlatformCoupon(db: Db, values: { code: string; amount: number; businessId: string | null; validUntil: Date }) {
  return db
    .insertInto('platform_coupons')
    .values({ code: values.code, amount: values.amount, business_id: values.businessId, valid_until: values.validUntil })
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** A usable platform coupon for this business (its own or any business's), locked. */
export async function lockPlatformCoupon(db: Db, businessId: string, code: string, now: Date) {
  return db
    .selectFrom('platform_coupons')
    .selectAll()
    .where('code', '=', code)
    .where((eb) => eb.or([eb('business_id', 'is', null), eb('business_id', '=', businessId)]))
    .where('valid_until', '>', now)
    .forUpdate()
    .executeTakeFirst();
}

export async function findPlatformCoupon(db: Db, businessId: string, code: string) {
  return db
    .selectFrom('platform_coupons')
    .selectAll()
    .where('code', '=', code)
    .where((eb) => eb.or([eb('business_id', 'is', null), eb('business_id', '=', businessId)]))
    .executeTakeFirst();
}

/** Used by a payment (once): false when another payment has it. */
export async function usePlatformCoupon(db: Db, businessId: string, couponId: string, paymentId: string, at: Date) {
  const result = await db
    .updateTable('platform_coupons')
    .set({ used_by_payment: paymentId, used_at: at })
    .where('id', '=', couponId)
    .where((eb) => eb.or([eb('business_id', 'is', null), eb('business_id', '=', businessId)]))
    .where('used_by_payment', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/** Given back when its payment was not made, or fully refunded. */
export async function releasePlatformCoupon(db: Db, businessId: string, couponId: string, paymentId: string) {
  await db
    .updateTable('platform_coupons')
    .set({ used_by_payment: null, used_at: null })
    .where('id', '=', couponId)
    .where((eb) => eb.or([eb('business_id', 'is', null), eb('business_id', '=', businessId)]))
    .where('used_by_payment', '=', paymentId)
    .execute();
}

/** @installation a customer's platform points are the operator's, by phone, across businesses. */
export async function findPointWallet(db: Db, phone: string) {
  return db.selectFrom('platform_point_wallets').selectAll().where('phone', '=', phone).executeTakeFirst();
}

/** @installation the operator credits (or debits) a customer's platform points, by phone. */
export async function addPoints(db: Db, values: { phone: string; amount: number; note: string; paymentId?: string | null; refundId?: string | null }) {
  const wallet = await db
    .insertInto('platform_point_wallets')
    .values({ phone: values.phone, balance: Math.max(0, values.amount) })
    .onConflict((oc) => oc.column('phone').doUpdateSet({ balance: sql<number>`platform_point_wallets.balance + ${values.amount}`, updated_at: sql<Date>`now()` }))
    .returningAll()
    .executeTakeFirstOrThrow();
  await db
    .insertInto('platform_point_entries')
    .values({ wallet_id: wallet.id, amount: values.amount, note: values.note, payment_id: values.paymentId ?? null, refund_id: values.refundId ?? null })
    .execute();
  return wallet;
}

/**
 * Spends points of a wallet for a payment: false when the balance is short.
 * @installation platform points belong to the operator's wallet, not to a business.
 */
export async function spendPoints(db: Db, walletId: string, amount: number, paymentId: string) {
  const result = await db
    .updateTable('platform_point_wallets')
    .set({ balance: sql<number>`balance - ${amount}`, updated_at: sql<Date>`now()` })
    .where('id', '=', walletId)
    .where('balance', '>=', amount)
    .executeTakeFirst();
  if (Number(result.numUpdatedRows) === 0) return false;
  await db.insertInto('platform_point_entries').values({ wallet_id: walletId, amount: -amount, payment_id: paymentId, note: '예약 결제' }).execute();
  return true;
}

/**
 * Points given back to the wallet (a payment not made, a refund), once per payment and refund.
 * @installation platform points belong to the operator's wallet, not to a business.
 */
export async function returnPoints(db: Db, walletId: string, amount: number, paymentId: string, refundId: string | null, note: string) {
  if (amount <= 0) return;
  const inserted = await db
    .insertInto('platform_point_entries')
    .values({ wallet_id: walletId, amount, payment_id: paymentId, refund_id: refundId, note })
    .onConflict((oc) => oc.doNothing())
    .returning('id')
    .executeTakeFirst();
  if (!inserted) return;
  await db.updateTable('platform_point_wallets').set({ balance: sql<number>`balance + ${amount}`, updated_at: sql<Date>`now()` }).where('id', '=', walletId).execute();
}
