import * as repo from '../repository.ts';
import type { Db } from './prepare.ts';
import { findOwnBooking, paymentsOf, presentOwnBooking } from './present.ts';

/** BOOK-10: the customer's own booking, by its number and the phone it was made with. */
export async function lookupBooking(db: Db, bookingNumber: string, phone: string, now = new Date()) {
  const row = await findOwnBooking(db, bookingNumber, phone);
  const payments = await paymentsOf(db, row.business_id, [row], now);
  return presentOwnBooking(row, await repo.listBookingLines(db, row.business_id, [row.id]), now, payments.get(row.id) ?? null);
}
