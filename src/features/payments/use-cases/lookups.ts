import * as payments from '../repository/payments.ts';
import * as refunds from '../repository/refunds.ts';
import type { Db } from './support.ts';

/** Small reads other parts of the product (the demo seed) need about payments. */

export async function countPayments(db: Db, businessId: string): Promise<number> {
  return payments.countPayments(db, businessId);
}

export async function findPrepaidProduct(db: Db, businessId: string): Promise<string | null> {
  return payments.findPrepaidProductId(db, businessId);
}

/** The booking an order made (null while it has none). */
export async function bookingOfOrder(db: Db, orderId: string): Promise<string | null> {
  return (await payments.findPaymentByOrderId(db, orderId))?.booking_id ?? null;
}

export async function refundsOfBooking(db: Db, businessId: string, bookingId: string): Promise<string[]> {
  const payment = await payments.findPaymentOfBooking(db, businessId, bookingId);
  if (!payment) return [];
  return (await refunds.listRefundsOfPayments(db, businessId, [payment.id])).map((r) => r.id);
}
