import { AppError, catalogAppError } from '../../../platform/errors/registry.ts';
import type { BookingLine, LoadedProduct } from '../../products/index.ts';

/** What the booking page sends for one line: a slot's start, or a booking schedule, with a quantity. */
export type LineInput = { startsAt: string; quantity: number } | { bookingScheduleId: string; quantity: number };

/**
 * BOOK-7: what the customer picked as domain lines: one slot, or prices of
 * one schedule, each once (repeats add up), within the product's
 * per-booking maximum.
 */
export function parseLines(loaded: LoadedProduct, input: readonly LineInput[]): BookingLine[] {
  const product = loaded.product;
  if (input.length === 0) throw new AppError('BOOKING_LINES_REQUIRED');
  let lines: BookingLine[];
  if (product.bookingType === 'time_slot') {
    const starts = new Set<number>();
    let quantity = 0;
    for (const line of input) {
      if (!('startsAt' in line)) throw catalogAppError({ code: 'BOOKING_LINE_INVALID', message: '시간예약형 상품은 시간(startsAt)을 골라 예약합니다.' });
      const ms = Date.parse(line.startsAt);
      if (!Number.isFinite(ms) || ms % 60_000 !== 0) throw new AppError('SLOT_NOT_FOUND');
      starts.add(ms / 60_000);
      quantity += line.quantity;
    }
    if (starts.size > 1) throw new AppError('BOOKING_LINES_MIXED');
    lines = [{ kind: 'slot', startMinute: [...starts][0]!, quantity }];
  } else {
    const byId = new Map<string, number>();
    for (const line of input) {
      if (!('bookingScheduleId' in line)) throw catalogAppError({ code: 'BOOKING_LINE_INVALID', message: '이 상품은 예약 스케줄(bookingScheduleId)을 골라 예약합니다.' });
      byId.set(line.bookingScheduleId, (byId.get(line.bookingScheduleId) ?? 0) + line.quantity);
    }
    const scheduleIds = new Set<string>();
    for (const id of byId.keys()) {
      const bs = product.bookingSchedules.find((b) => b.id === id);
      if (!bs) throw new AppError('BOOKING_SCHEDULE_NOT_FOUND', { details: { bookingScheduleId: id } });
      scheduleIds.add(bs.scheduleId);
    }
    if (scheduleIds.size > 1) throw new AppError('BOOKING_LINES_MIXED');
    lines = [...byId].map(([bookingScheduleId, quantity]) => ({ kind: 'booking_schedule', bookingScheduleId, quantity }));
  }
  const total = lines.reduce((sum, l) => sum + l.quantity, 0);
  if (total > loaded.row.max_quantity_per_booking) {
    throw new AppError('BOOKING_QUANTITY_OVER_LIMIT', {
      message: `한 번에 ${loaded.row.max_quantity_per_booking}개까지 예약할 수 있습니다.`,
      details: { max: loaded.row.max_quantity_per_booking, requested: total },
    });
  }
  return lines;
}

/** The lines as stored in a hold, in one canonical order, so a booking can be compared with its hold. */
export function canonicalLines(lines: readonly BookingLine[]): string {
  const keyed = lines.map((l) => (l.kind === 'slot' ? { k: `slot:${l.startMinute}`, q: l.quantity } : { k: `bs:${l.bookingScheduleId}`, q: l.quantity }));
  keyed.sort((a, b) => (a.k < b.k ? -1 : a.k > b.k ? 1 : 0));
  return JSON.stringify(keyed);
}

/** A hold's lines read back from jsonb, in the canonical form (jsonb may reorder keys and spacing). */
export function storedLines(value: unknown): string {
  const parsed = (typeof value === 'string' ? JSON.parse(value) : value) as { k: string; q: number }[];
  return JSON.stringify(parsed.map((l) => ({ k: l.k, q: l.q })));
}

/** Each line with the price it is sold at: the product's price for a slot, the booking schedule's price otherwise. */
export function pricedLines(loaded: LoadedProduct, lines: readonly BookingLine[]) {
  const product = loaded.product;
  return lines.map((line) => {
    if (line.kind === 'slot' || product.bookingType === 'time_slot') {
      return { line, priceName: product.name, unitAmount: loaded.row.price_amount ?? 0, quantity: line.quantity };
    }
    const bs = product.bookingSchedules.find((b) => b.id === line.bookingScheduleId)!;
    const price = product.prices.find((p) => p.id === bs.priceId)!;
    return { line, priceName: price.name, unitAmount: price.amount, quantity: line.quantity };
  });
}
