import { parseLocalDate, zoneOf } from './calendar.ts';
import type { Product } from './model.ts';

/**
 * BOOK-3 예약시작 일시: when a product opens for booking if nothing of it is
 * open yet, so the page can say when to come back; null when something is
 * open now or nothing is planned.
 */
export function bookingOpensAtOf(product: Product, nowMinute: number, zoneName: string): number | null {
  const upcoming: number[] = [];
  if (product.bookingType === 'time_slot') {
    const zone = zoneOf(zoneName);
    const today = Math.floor((nowMinute + zone.offsetAt(nowMinute)) / 1440);
    for (const period of product.operatingPeriods) {
      const endDay = parseLocalDate(period.to)!;
      if (endDay < today) continue;
      if (period.bookingOpensAt === null || period.bookingOpensAt <= nowMinute) return null;
      upcoming.push(period.bookingOpensAt);
    }
  } else {
    for (const schedule of product.schedules) {
      if (schedule.bookingClosesAt <= nowMinute) continue;
      if (schedule.bookingOpensAt <= nowMinute) return null;
      upcoming.push(schedule.bookingOpensAt);
    }
  }
  return upcoming.length ? Math.min(...upcoming) : null;
}
