import { AppError } from '../../../platform/errors/registry.ts';
import type { Actor } from '../../auth/index.ts';
import * as repo from '../repository.ts';
import type { Db } from './prepare.ts';
import { paymentsOf, presentPartnerBooking } from './present.ts';

/** BOOK-10: one booking of the business, as the partner center shows it. */
export async function getBooking(db: Db, actor: Actor, bookingId: string, now = new Date()) {
  const row = await repo.findBookingView(db, actor.businessId, bookingId);
  if (!row) throw new AppError('BOOKING_NOT_FOUND');
  const lines = await repo.listBookingLines(db, actor.businessId, [bookingId]);
  const payments = await paymentsOf(db, actor.businessId, [row], now);
  return presentPartnerBooking(actor, row, lines, now, payments.get(row.id) ?? null);
}
