import { DateTime } from 'luxon';
import type { ServiceType } from '../../../platform/db/types.ts';
import { notFound } from '../../../platform/errors/registry.ts';
import { BOOKING_STATUS_LABELS } from '../../../shared/labels/bookings.ts';
import { HOLIDAY_DEFAULT_BY_SERVICE_TYPE } from '../../../shared/labels/opening.ts';
import { SERVICE_TYPE_LABELS } from '../../../shared/labels/settings.ts';
import { formatPhone } from '../../../shared/phone.ts';
import { lockProductForEdit } from '../../inventory/index.ts';
import { HOLIDAY_YEARS } from '../domain/holidays.ts';
import {
  bookingsOnClosedTimes,
  WEEKDAYS,
  type DayHours,
  type HolidayState,
  type LocalUsage,
  type OpeningRules,
  type PlaceWeeklyHours,
  type TemporaryClosure,
  type Weekday,
} from '../domain/opening.ts';
import * as repo from '../repository.ts';
import { holidaysClosedOf, loadOpeningRules, weeklyHoursOf } from './opening-rules.ts';
import type { Db } from './present.ts';

/** What the opening use cases (OPS-1) share: the place's lock, its rules, and the bookings a closed time touches. */

export interface OpeningContext {
  place: repo.PlaceRow;
  serviceType: ServiceType;
  timeZone: string;
  rules: OpeningRules;
}

/** The place with its business's category and zone and its opening rules as they now are. */
export async function openingContext(db: Db, businessId: string, placeId: string, lock?: 'update'): Promise<OpeningContext> {
  const place = (await repo.findPlace(db, businessId, placeId, lock)) ?? notFound('PLACE_NOT_FOUND');
  const business = await repo.findOpeningContext(db, businessId);
  const rules = await loadOpeningRules(db, businessId, place, business.service_type);
  return { place, serviceType: business.service_type, timeZone: business.time_zone, rules };
}

/**
 * Inside a change of the place's opening: the edit lock of each of its
 * products (in id order), then the place's row. A booking holds its
 * product's lock (shared) while it checks the rules and commits, so once
 * these locks are held no booking is half-way: what the change then lists
 * as affected is every booking there is, and every later booking sees the
 * change. Products first, as a product edit takes its lock before the place.
 */
export async function lockPlaceOpening(trx: Db, businessId: string, placeId: string): Promise<void> {
  const products = await repo.listProductSummaries(trx, businessId, [placeId]);
  for (const id of products.map((p) => p.id).sort()) await lockProductForEdit(trx, businessId, id);
  (await repo.findPlace(trx, businessId, placeId, 'update')) ?? notFound('PLACE_NOT_FOUND');
}

type LiveBooking = Awaited<ReturnType<typeof repo.listLiveBookingsOfPlace>>[number];

/** A booking's usage on the business's wall calendar. */
function usageOnCalendar(booking: LiveBooking, timeZone: string): LocalUsage {
  if (booking.booking_type === 'always') return { kind: 'period' };
  const start = DateTime.fromJSDate(booking.usage_starts_at, { zone: timeZone });
  const date = start.toISODate()!;
  if (booking.booking_type === 'date') return { kind: 'day', date };
  const startMinute = start.hour * 60 + start.minute;
  if (booking.booking_type === 'date_time') return { kind: 'session', date, startMinute };
  const minutes = Math.round((booking.usage_ends_at.getTime() - booking.usage_starts_at.getTime()) / 60_000);
  return { kind: 'slot', date, startMinute, endMinute: startMinute + minutes };
}

/** The start of a local date in the business's zone. */
export function startOfDate(date: string, timeZone: string): Date {
  return DateTime.fromISO(date, { zone: timeZone }).startOf('day').toJSDate();
}

/**
 * The live bookings (확정대기, 예약확정) of the place whose usage starts in
 * [from, to) at a time the rules close, in time order, with why. Nothing is
 * cancelled: the shop calls the customer or cancels in the partner center.
 */
export async function bookingsOnClosedDays(db: Db, businessId: string, context: OpeningContext, range: { from: Date; to?: Date | undefined }) {
  const bookings = await repo.listLiveBookingsOfPlace(db, businessId, context.place.id, range);
  const closed = bookingsOnClosedTimes(
    context.rules,
    bookings.map((booking) => ({ booking, usage: usageOnCalendar(booking, context.timeZone) })),
  );
  return closed.map(({ booking, date, closed: why }) => ({
    bookingId: booking.id,
    bookingNumber: booking.booking_number,
    scheduleId: booking.schedule_id,
    status: booking.status,
    statusLabel: BOOKING_STATUS_LABELS[booking.status],
    customerName: booking.customer_name,
    customerPhone: formatPhone(booking.customer_phone),
    productId: booking.product_id,
    productName: booking.product_name,
    usageStartsAt: booking.usage_starts_at.toISOString(),
    usageEndsAt: booking.usage_ends_at.toISOString(),
    usageLabel: booking.usage_label,
    date,
    closedKind: why.kind,
    reason: why.reason,
  }));
}

export type AffectedBooking = Awaited<ReturnType<typeof bookingsOnClosedDays>>[number];

/** The place's hours and 공휴일 휴무 as the partner center's form shows them. */
export function presentOpening(context: Pick<OpeningContext, 'place' | 'serviceType'>) {
  const { place, serviceType } = context;
  const byDefault = HOLIDAY_DEFAULT_BY_SERVICE_TYPE[serviceType];
  return {
    placeId: place.id,
    weeklyHours: weeklyHoursReply(weeklyHoursOf(place.weekly_hours)),
    holidaysClosed: holidaysClosedOf(place.holidays_closed, serviceType),
    holidaysClosedSetting: place.holidays_closed,
    holidaysClosedDefault: byDefault.closed,
    holidayDefaultReason: byDefault.why,
    serviceType,
    serviceTypeLabel: SERVICE_TYPE_LABELS[serviceType],
    holidayYears: HOLIDAY_YEARS,
  };
}

function weeklyHoursReply(hours: PlaceWeeklyHours | null): Record<Weekday, DayHours[]> | null {
  if (!hours) return null;
  return Object.fromEntries(WEEKDAYS.map((d) => [d, hours[d].map((h) => ({ openMinute: h.openMinute, closeMinute: h.closeMinute }))])) as unknown as Record<Weekday, DayHours[]>;
}

export function presentHoliday(state: HolidayState) {
  return {
    date: state.date,
    weekday: state.weekday,
    names: [...state.names],
    closed: state.closed || state.closureReason !== null,
    holidayClosed: state.closed,
    overridden: state.overridden,
    closureReason: state.closureReason,
  };
}

export function presentClosure(closure: Pick<TemporaryClosure, 'id' | 'from' | 'to' | 'reason'> & { createdAt: Date }, affected: AffectedBooking[]) {
  return {
    id: closure.id,
    startsOn: closure.from,
    endsOn: closure.to,
    reason: closure.reason,
    createdAt: closure.createdAt.toISOString(),
    affectedBookings: affected.filter((b) => b.date !== null && b.date >= closure.from && b.date <= closure.to),
  };
}
