import type { CsvCell } from '../../../platform/csv.ts';
import type { CsvDownload } from '../../../platform/http/csv-reply.ts';
import { todayIn } from '../../../platform/time.ts';
import { formatDateTime } from '../../../shared/format.ts';
import { BOOKING_EXPORT_COLUMNS } from '../../../shared/labels/bookings.ts';
import { PAYMENT_MODE_LABELS } from '../../../shared/labels/products.ts';
import type { Actor } from '../../auth/index.ts';
import { listBookings, type ListQuery } from './list-bookings.ts';
import type { Db } from './prepare.ts';

/** Bookings read per page of the download. */
export const BOOKING_EXPORT_PAGE_SIZE = 500;

type PartnerBooking = Awaited<ReturnType<typeof listBookings>>['items'][number];

/**
 * OPS-8: the partner center's 예약자 관리 list as CSV (GET
 * /api/bookings/export.csv): the list's own use case page by page, so the
 * file holds exactly what the list finds with the same filters, in its
 * order, the phone as the caller may see it and times in the business's zone.
 */
export function bookingListCsv(db: Db, actor: Actor, query: Omit<ListQuery, 'limit' | 'offset'>, now = new Date()): CsvDownload {
  const day = todayIn(actor.timeZone, now);
  return { name: `예약목록_${day}.csv`, asciiName: `bookings_${day}.csv`, header: BOOKING_EXPORT_COLUMNS, pages: bookingPages(db, actor, query, now) };
}

async function* bookingPages(db: Db, actor: Actor, query: Omit<ListQuery, 'limit' | 'offset'>, now: Date): AsyncGenerator<CsvCell[][]> {
  for (let offset = 0; ; offset += BOOKING_EXPORT_PAGE_SIZE) {
    const { items } = await listBookings(db, actor, { ...query, limit: BOOKING_EXPORT_PAGE_SIZE, offset }, now);
    yield items.map((b) => bookingRow(b, actor.timeZone));
    if (items.length < BOOKING_EXPORT_PAGE_SIZE) return;
  }
}

/** One booking as a row of BOOKING_EXPORT_COLUMNS. */
function bookingRow(b: PartnerBooking, timeZone: string): CsvCell[] {
  return [
    b.bookingNumber,
    b.statusLabel,
    b.customerName,
    b.customerPhone,
    b.place.name,
    b.product.name,
    formatDateTime(b.usageStartsAt, timeZone),
    b.totalQuantity,
    b.lines.map((l) => `${l.priceName} ${l.quantity}`).join(', '),
    b.totalAmount,
    PAYMENT_MODE_LABELS[b.paymentMode],
    b.payment?.statusLabel ?? '',
    b.request,
    formatDateTime(b.createdAt, timeZone),
  ];
}
