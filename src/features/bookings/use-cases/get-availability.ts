import { AppError } from '../../../platform/errors/registry.ts';
import { todayIn } from '../../../platform/time.ts';
import type { Actor } from '../../auth/index.ts';
import { takenForProduct } from '../../inventory/index.ts';
import {
  closedDaysOf,
  dateOfEpochMinute,
  epochMinuteOf,
  formatLocalDate,
  formatLocalTime,
  loadProduct,
  parseLocalDate,
  scheduleAvailability,
  timeSlotAvailability,
  type LoadedProduct,
} from '../../products/index.ts';
import { requireBookableProduct, type Db } from './prepare.ts';

/** At most this many days in one availability read. */
export const AVAILABILITY_MAX_DAYS = 62;

export interface AvailabilityRange {
  from?: string | undefined;
  to?: string | undefined;
}

/**
 * BOOK-3, BOOK-4, BOOK-8: what can be booked on the local dates [from, to]:
 * one read of the product's rules, one read of what its pools have taken on
 * those days, then the pure availability module. The booking page sees only
 * an exposed product and never hidden slots nor slots outside the place's
 * hours; the partner center (an actor of the business) sees its product as
 * it is, with what each slot has taken.
 */
export async function getAvailability(db: Db, productId: string, range: AvailabilityRange, options: { actor?: Actor; now?: Date } = {}) {
  const now = options.now ?? new Date();
  let businessId: string;
  let loaded: LoadedProduct;
  if (options.actor) {
    businessId = options.actor.businessId;
    const own = await loadProduct(db, businessId, productId);
    if (!own) throw new AppError('PRODUCT_NOT_FOUND');
    loaded = own;
  } else {
    ({ businessId, loaded } = await requireBookableProduct(db, productId));
  }
  const from = range.from ?? todayIn(loaded.timeZone);
  const fromDay = parseLocalDate(from);
  const toDay = parseLocalDate(range.to ?? formatLocalDate((fromDay ?? 0) + 30));
  if (fromDay === null || toDay === null || toDay < fromDay) throw new AppError('VALIDATION_FAILED', { message: '조회 기간이 올바르지 않습니다. from 은 to 와 같거나 빨라야 합니다.' });
  if (toDay - fromDay + 1 > AVAILABILITY_MAX_DAYS) throw new AppError('VALIDATION_FAILED', { message: `한 번에 ${AVAILABILITY_MAX_DAYS}일까지 조회할 수 있습니다.` });
  const to = formatLocalDate(toDay);
  const taken = await takenForProduct(db, businessId, productId, from, to, now);
  const query = { now: epochMinuteOf(now), zone: loaded.timeZone };
  const product = loaded.product;
  // OPS-1: the days the place is closed, with why, for the booking page to say so on those days.
  const closedDays = closedDaysOf(product, from, to).map((d) => ({ date: d.date, kind: d.kind, reason: d.reason }));
  if (product.bookingType === 'time_slot') {
    const result = timeSlotAvailability(product, { ...query, from, to }, taken);
    return {
      kind: 'time_slot' as const,
      lastDate: result.lastDate,
      days: result.days
        .map((day) => ({
          date: day.date,
          weekday: day.weekday,
          slots: day.slots
            // A slot outside the place's hours (OPS-1) is not offered, as if the hours never made it; the partner center sees it closed.
            .filter((s) => options.actor || (!s.hidden && s.closedKind !== 'hours'))
            .map((s) => ({
              startsAt: dateOfEpochMinute(s.startMinute).toISOString(),
              endsAt: dateOfEpochMinute(s.endMinute).toISOString(),
              localTime: s.localTime,
              capacity: s.capacity,
              remaining: s.remaining,
              status: s.status,
              ...(s.closedReason !== null ? { closedReason: s.closedReason } : {}),
              // How many others booked, and hidden slots, are the shop's business only.
              ...(options.actor ? { taken: s.taken, hidden: s.hidden } : {}),
            })),
        }))
        .filter((day) => day.slots.length > 0),
      closedDays,
    };
  }
  const rows = scheduleAvailability(product, { ...query, from, to }, taken);
  return {
    kind: 'scheduled' as const,
    bookingSchedules: rows.map((r) => ({
      id: r.bookingScheduleId,
      scheduleId: r.scheduleId,
      priceId: r.priceId,
      usage: r.usage.kind === 'date_time' ? { kind: r.usage.kind, date: r.usage.date, startTime: formatLocalTime(r.usage.startMinute) } : r.usage,
      priceName: r.priceName,
      amount: r.amount,
      remaining: r.remaining,
      opensAt: dateOfEpochMinute(r.opensAt).toISOString(),
      closesAt: dateOfEpochMinute(r.closesAt).toISOString(),
      status: r.status,
      ...(r.closedReason !== null ? { closedReason: r.closedReason } : {}),
    })),
    closedDays,
  };
}
