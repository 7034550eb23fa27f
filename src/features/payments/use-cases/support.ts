import type { Kysely } from 'kysely';
import { DateTime } from 'luxon';
import type { DB } from '../../../platform/db/types.ts';
import type { Jobs } from '../../../platform/jobs/jobs.ts';
import { releaseCheckoutHold, type NewBookingInput } from '../../bookings/index.ts';
import { releaseCheckoutCoupon } from '../../messaging/index.ts';
import { DEFAULT_FEE_RULES, type FeeRule, type RevenueGrade } from '../domain/fees.ts';
import type { LineBalance } from '../domain/refunds.ts';
import { weekPeriod } from '../domain/settlement.ts';
import { PAYMENT_REFUND_QUEUE, PAYMENT_RECONCILE_QUEUE, PAYMENT_SYNC_QUEUE } from '../queues.ts';
import * as payments from '../repository/payments.ts';
import * as refunds from '../repository/refunds.ts';
import * as instruments from '../repository/instruments.ts';
import * as settlement from '../repository/settlement.ts';

/** What the use cases of payments share: the stored checkout, balances, instruments given back, rates, days and jobs. */

export type Db = Kysely<DB>;
export type PaymentRow = NonNullable<Awaited<ReturnType<typeof payments.findPayment>>>;

/** PAY-1: a checkout keeps its places this long while the customer pays (Toss: the confirm must follow authentication within 10 minutes). */
export const PAYMENT_MINUTES = 20;
/** A confirm under way for less than this is answered "processing"; older, it is looked up (the process that started it died). */
export const CONFIRM_STALE_SECONDS = 30;

/** The booking a checkout makes, as stored on the payment. */
export interface StoredCheckout {
  lines: NewBookingInput['lines'];
  customer: { name: string; phone: string };
  request: string;
  /** LAW-1: what the customer agreed to, recorded when the booking is written; absent in checkouts stored before it was asked. */
  consents?: { privacy: true; marketing: boolean };
  couponRedeemedAt: string | null;
  platformCouponCode: string | null;
}

export function storedCheckout(row: PaymentRow): StoredCheckout {
  return (typeof row.checkout === 'string' ? JSON.parse(row.checkout) : row.checkout) as StoredCheckout;
}

/** What each line still holds of the payment: its allocation less every refund that was not refused. */
export async function lineBalances(db: Db, businessId: string, paymentId: string): Promise<LineBalance[]> {
  return (await lineBalancesOf(db, businessId, [paymentId])).get(paymentId) ?? [];
}

/** lineBalances of several payments in two reads (the booking list). */
export async function lineBalancesOf(db: Db, businessId: string, paymentIds: readonly string[]): Promise<Map<string, LineBalance[]>> {
  const [allocations, refundLines] = await Promise.all([payments.listAllocationsOfPayments(db, businessId, paymentIds), refunds.listRefundLinesOfPayments(db, businessId, paymentIds)]);
  const byPayment = new Map<string, LineBalance[]>();
  for (const a of allocations) {
    const taken = refundLines.filter((r) => r.payment_id === a.payment_id && r.line_no === a.line_no && r.status !== 'failed');
    const line = {
      lineNo: a.line_no,
      main: a.main - taken.reduce((s, r) => s + r.main, 0),
      points: a.points - taken.reduce((s, r) => s + r.points, 0),
      couponPlatform: a.coupon_platform - taken.reduce((s, r) => s + r.coupon_platform, 0),
    };
    byPayment.set(a.payment_id, [...(byPayment.get(a.payment_id) ?? []), line]);
  }
  return byPayment;
}

/** The hold and the shop's coupon of a checkout that makes no booking (the money, points and platform coupon go back by the refund, if any). */
export async function releaseHoldAndShopCoupon(trx: Db, payment: PaymentRow): Promise<void> {
  const checkout = storedCheckout(payment);
  if (payment.hold_id) await releaseCheckoutHold(trx, payment.business_id, payment.hold_id);
  if (payment.business_coupon_code && checkout.couponRedeemedAt) await releaseCheckoutCoupon(trx, payment.business_id, payment.business_coupon_code, new Date(checkout.couponRedeemedAt));
}

/** A checkout that will not be paid gives back its hold, its shop coupon, its platform coupon and its points. */
export async function releaseCheckout(trx: Db, payment: PaymentRow): Promise<void> {
  await releaseHoldAndShopCoupon(trx, payment);
  if (payment.platform_coupon_id) await instruments.releasePlatformCoupon(trx, payment.business_id, payment.platform_coupon_id, payment.id);
  if (payment.points_wallet_id && payment.points > 0) await instruments.returnPoints(trx, payment.points_wallet_id, payment.points, payment.id, null, '결제되지 않은 예약');
}

/** The date of an instant in the business's zone, and the Monday of its week (the statement period). */
export function businessDay(at: Date, timeZone: string): { date: string; periodStart: string } {
  const date = DateTime.fromJSDate(at, { zone: timeZone }).toISODate()!;
  return { date, periodStart: weekPeriod(date).start };
}

/** The fee rules of a business (its own when it has any, the installation's illustrative defaults otherwise) and its grade history. */
export async function feeContext(db: Db, businessId: string): Promise<{ rules: FeeRule[]; grades: { grade: RevenueGrade; validFrom: string }[]; custom: boolean }> {
  const [own, grades] = await Promise.all([settlement.listFeeRules(db, businessId), settlement.listFeeGrades(db, businessId)]);
  const rules: FeeRule[] = own.map((r) => ({ method: r.method, grade: r.grade, ratePpm: r.rate_ppm, validFrom: r.valid_from, validTo: r.valid_to }));
  return { rules: rules.length > 0 ? rules : DEFAULT_FEE_RULES.map((r) => ({ ...r })), grades: grades.map((g) => ({ grade: g.grade, validFrom: g.valid_from })), custom: rules.length > 0 };
}

/** Jobs of payments, enqueued in the transaction that calls for them; without jobs the sweep does the same work a minute later. */
export async function enqueueRefund(trx: Db, jobs: Jobs | null, businessId: string, refundId: string): Promise<void> {
  if (jobs) await jobs.sendInTransaction(trx, PAYMENT_REFUND_QUEUE, { businessId, refundId });
}

export async function enqueueReconcile(trx: Db, jobs: Jobs | null, businessId: string, paymentId: string, startAfterSeconds: number): Promise<void> {
  if (jobs) await jobs.sendInTransaction(trx, PAYMENT_RECONCILE_QUEUE, { businessId, paymentId }, { startAfter: startAfterSeconds });
}

export async function enqueueSync(trx: Db, jobs: Jobs | null, businessId: string, paymentKey: string): Promise<void> {
  if (jobs) await jobs.sendInTransaction(trx, PAYMENT_SYNC_QUEUE, { businessId, paymentKey }, { singletonKey: paymentKey, singletonSeconds: 2 });
}
