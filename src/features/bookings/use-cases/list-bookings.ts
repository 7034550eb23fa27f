import type { BookingStatus } from '../../../platform/db/types.ts';
import { AppError } from '../../../platform/errors/registry.ts';
import { dayRange } from '../../../platform/time.ts';
import type { Actor } from '../../auth/index.ts';
import { parseLocalDate } from '../../products/index.ts';
import { bookingSearchOf } from '../domain/search.ts';
import * as repo from '../repository.ts';
import type { Db } from './prepare.ts';
import { paymentsOf, presentPartnerBooking, type LineRow } from './present.ts';

export interface ListQuery {
  from?: string | undefined;
  to?: string | undefined;
  productId?: string | undefined;
  status?: BookingStatus | undefined;
  q?: string | undefined;
  limit: number;
  offset: number;
}

/** BOOK-10: the partner center's booking list: by usage day, product and status, and one search box. */
export async function listBookings(db: Db, actor: Actor, query: ListQuery, now = new Date()) {
  const filters: repo.BookingFilters = { limit: query.limit, offset: query.offset };
  if (query.from) filters.from = localDayRange(query.from, actor.timeZone).from;
  if (query.to) filters.to = localDayRange(query.to, actor.timeZone).to;
  if (query.productId) filters.productId = query.productId;
  if (query.status) filters.status = query.status;
  const q = bookingSearchOf(query.q);
  if (q) filters.q = q;
  const { items, total } = await repo.listBookings(db, actor.businessId, filters);
  const lines = await repo.listBookingLines(db, actor.businessId, items.map((i) => i.id));
  const byBooking = new Map<string, LineRow[]>();
  for (const line of lines) byBooking.set(line.booking_id, [...(byBooking.get(line.booking_id) ?? []), line]);
  const payments = await paymentsOf(db, actor.businessId, items, now);
  return { items: items.map((row) => presentPartnerBooking(actor, row, byBooking.get(row.id) ?? [], now, payments.get(row.id) ?? null)), total };
}

function localDayRange(date: string, timeZone: string): { from: Date; to: Date } {
  if (parseLocalDate(date) === null) throw new AppError('VALIDATION_FAILED', { message: '날짜는 YYYY-MM-DD 형식의 실제 날짜여야 합니다.' });
  return dayRange(date, 1, timeZone);
}
