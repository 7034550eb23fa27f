import {
  epochDayFromLocal,
  formatLocalDate,
  formatLocalTime,
  isoWeekday,
  localOf,
  startOfLocalDay,
  zonedInstant,
  zoneOf,
  type EpochDay,
  type EpochMinute,
  type LocalDate,
  type Zone,
} from './calendar.ts';
import { catalogError, type CatalogError } from './errors.ts';
import { WEEKDAY_LABELS, type BookingLine, type IsoWeekday, type Price, type Product, type Schedule, type ScheduleUsage, type ScheduledProduct, type TimeSlotProduct } from './model.ts';
import { poolKeys, remainingIn, type TakenLookup } from '../../inventory/index.ts';
import { CLOSED_REASON_HOURS } from '../../../shared/labels/opening.ts';
import { closedDay, closedDaysBetween, closedTimeOf, placeHoursOf, withinHours, type ClosedDay, type ClosedTime, type LocalUsage } from '../../places/index.ts';
import { isStaffOffAt, offIntervals, staffOffAllDay, staffOffDuring, type OffInterval, type StaffTimeRules } from '../../settings/index.ts';
import { staffClosedReason } from '../../../shared/labels/staff-hours.ts';
import { poolResolver } from './product-pools.ts';
import { findSlot, forEachSlot, horizonLastDay, preparePeriods } from './slots.ts';

/**
 * What a customer can book now (BOOK-3, BOOK-4, BOOK-8), computed from a
 * product's rules, the current instant, the business's time zone and what
 * every capacity pool has taken (bookings, pending bookings and unexpired
 * holds, summed per pool key by the caller). Pure: the same inputs always
 * give the same answer, so the booking page, the partner center and the
 * booking transaction agree.
 *
 * Not bookable: anything past, a time the place is closed (OPS-1: a
 * 임시휴무, a closed public holiday, a weekday without hours or a time
 * outside the place's hours, from the product's `opening` rules), a hidden
 * slot (노출 OFF), anything before its 예약시작 일시 or after its booking
 * window, a day beyond the horizon, and a pool with nothing left. When
 * several hold, `status` names the first of: past, closed (the place),
 * hidden, not_open / closed (the booking window), sold_out; `closedReason`
 * says why the place is closed ("공휴일 휴무: 기독탄신일", "임시휴무: 원장님
 * 학회", "영업시간 외"), null otherwise.
 *
 * OPS-2: a product assigned to a staff member never offers a time the staff
 * does not work (`staffTime`: an absence, or outside their weekly hours):
 * such a time is `closed` too, after the place's own reasons, with
 * "담당자 휴가" or "담당자 근무 시간 외" (the memo stays the shop's). Time
 * outside the staff's hours is `closedKind: 'hours'`, like the place's
 * hours (the booking page leaves it out); an absence is `'staff'`.
 */

export interface AvailabilityQuery {
  now: EpochMinute;
  /** The business's IANA time zone: it decides days, slots and "today". */
  zone: string;
}

export type SlotStatus = 'bookable' | 'sold_out' | 'closed' | 'hidden' | 'not_open' | 'past';

export interface SlotAvailability {
  startMinute: EpochMinute;
  endMinute: EpochMinute;
  /** Local start time, `'HH:mm'`. */
  localTime: string;
  pool: string;
  capacity: number;
  taken: number;
  remaining: number;
  hidden: boolean;
  /** The slot's 예약시작 일시 has come. */
  open: boolean;
  past: boolean;
  /** Why the place is closed then (OPS-1), or null. */
  closedReason: string | null;
  /** What closes it: a whole day (closure, holiday, weekly), the place's or the staff's hours that day, or the staff's absence (OPS-2). */
  closedKind: ClosedTime['kind'] | 'staff' | null;
  bookable: boolean;
  status: SlotStatus;
}

export interface TimeSlotDay {
  date: LocalDate;
  weekday: IsoWeekday;
  /** Why the place is closed all day (임시휴무, holiday, weekday off), or null. */
  closedReason: string | null;
  slots: SlotAvailability[];
}

export interface TimeSlotAvailability {
  days: TimeSlotDay[];
  /** The last date shown (the horizon); later dates have no slots yet. */
  lastDate: LocalDate;
}

/**
 * The slots of a 시간예약형 product on the local dates [from, to] (inclusive),
 * clipped to the horizon; days without slots are left out. One pass: each
 * slot is built once and reads `taken` once.
 */
export function timeSlotAvailability(
  product: TimeSlotProduct,
  query: AvailabilityQuery & { from: LocalDate; to: LocalDate },
  taken: TakenLookup,
): TimeSlotAvailability {
  const zone = zoneOf(query.zone);
  const { now } = query;
  const lastDay = horizonLastDay(product, now, zone);
  const fromDay = epochDayFromLocal(query.from);
  const toDay = Math.min(epochDayFromLocal(query.to), lastDay);
  const hidden = new Set(product.hiddenSlotStarts);
  const capacity = product.capacityPerSlot;
  const days: TimeSlotDay[] = [];
  let current: TimeSlotDay | null = null;
  let currentDay: EpochDay | null = null;
  const rules = product.opening;
  // The place's rules are read once per day; only the hours are checked per slot.
  let dayClosed: ClosedDay | null = null;
  let dayHours: ReturnType<typeof placeHoursOf> = null;
  // The staff's off time over the whole range, read once (disjoint, in order).
  const staffOff = product.staffTime ? offIntervals(product.staffTime, startOfLocalDay(fromDay, zone) * 60_000, startOfLocalDay(toDay + 1, zone) * 60_000, zone.name) : [];

  forEachSlot(preparePeriods(product), product.slotMinutes, fromDay, toDay, zone, (start, day, localMinute, prepared) => {
    if (day !== currentDay) {
      currentDay = day;
      const weekday = isoWeekday(day);
      const date = formatLocalDate(day);
      dayClosed = rules ? closedDay(rules, date) : null;
      dayHours = rules ? placeHoursOf(rules, weekday) : null;
      current = { date, weekday, closedReason: dayClosed?.reason ?? null, slots: [] };
      days.push(current);
    }
    const pool = poolKeys.slot(product.id, start);
    const slotTaken = taken.get(pool) ?? 0;
    const remaining = remainingIn(capacity, slotTaken);
    const isHidden = hidden.has(start);
    const opensAt = prepared.period.bookingOpensAt;
    const open = opensAt === null || now >= opensAt;
    const past = start <= now;
    const outsideHours = dayClosed === null && dayHours !== null && !withinHours(dayHours, localMinute, localMinute + product.slotMinutes);
    const staffOffThen = dayClosed === null && !outsideHours && staffOff.length > 0 ? offIntervalMeeting(staffOff, start * 60_000, (start + product.slotMinutes) * 60_000) : null;
    const closedKind = dayClosed?.kind ?? (outsideHours ? 'hours' : staffOffThen ? staffClosedKind(staffOffThen) : null);
    const closedReason = dayClosed?.reason ?? (outsideHours ? CLOSED_REASON_HOURS : staffOffThen ? staffClosedReason(staffOffThen.kind) : null);
    const status: SlotStatus = past
      ? 'past'
      : closedReason !== null
        ? 'closed'
        : isHidden
          ? 'hidden'
          : !open
            ? 'not_open'
            : remaining === 0
              ? 'sold_out'
              : 'bookable';
    current!.slots.push({
      startMinute: start,
      endMinute: start + product.slotMinutes,
      localTime: formatLocalTime(localMinute),
      pool,
      capacity,
      taken: slotTaken,
      remaining,
      hidden: isHidden,
      open,
      past,
      closedReason,
      closedKind,
      bookable: status === 'bookable',
      status,
    });
  });
  return { days, lastDate: formatLocalDate(lastDay) };
}

/** The first of disjoint, ordered intervals meeting [start, end), by binary search. */
function offIntervalMeeting(intervals: readonly OffInterval[], start: number, end: number): OffInterval | null {
  let low = 0;
  let high = intervals.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (intervals[mid]!.endsAt <= start) low = mid + 1;
    else high = mid;
  }
  const found = intervals[low];
  return found && found.startsAt < end ? found : null;
}

function staffClosedKind(off: OffInterval): 'hours' | 'staff' {
  return off.kind === 'off_hours' ? 'hours' : 'staff';
}

/** OPS-2: the staff's off time closing a usage, as availability names it. */
interface StaffClosed {
  kind: 'staff';
  reason: string;
  off: OffInterval;
}

/**
 * OPS-1: the local dates of [from, to] on which the product's place is
 * closed all day, with why (what the booking page shows on those days).
 */
export function closedDaysOf(product: Product, from: LocalDate, to: LocalDate): ({ date: LocalDate } & ClosedDay)[] {
  return product.opening ? closedDaysBetween(product.opening, from, to) : [];
}

export type BookingScheduleStatus = 'bookable' | 'sold_out' | 'not_open' | 'closed' | 'past';

export interface PoolAvailability {
  key: string;
  capacity: number;
  taken: number;
  remaining: number;
}

export interface BookingScheduleAvailability {
  bookingScheduleId: string;
  scheduleId: string;
  priceId: string;
  priceName: string;
  amount: number;
  usage: ScheduleUsage;
  /** When this booking schedule can be booked: the schedule's booking window within the price's bookable period. */
  opensAt: EpochMinute;
  closesAt: EpochMinute;
  open: boolean;
  past: boolean;
  /** Why the place is closed at its usage (OPS-1), or null; a booking window that has ended is `closed` with no reason. */
  closedReason: string | null;
  /** Every pool the booking schedule draws from, in lock order. */
  pools: PoolAvailability[];
  /** The least that any of its pools has left. */
  remaining: number;
  bookable: boolean;
  status: BookingScheduleStatus;
}

/**
 * The booking schedules of a 날짜/시간형, 날짜형 or 상시형 product, ordered by
 * usage and then by the product's price order; `from`/`to` keep those whose
 * usage touches the local dates [from, to]. A booking schedule's remaining
 * is the least over its pools (its own, its date/time, its date, the period,
 * its price's 최대 예약 수량); a pool shared by several booking schedules is
 * read from `taken` once.
 */
export function scheduleAvailability(
  product: ScheduledProduct,
  query: AvailabilityQuery & { from?: LocalDate; to?: LocalDate },
  taken: TakenLookup,
): BookingScheduleAvailability[] {
  const zone = zoneOf(query.zone);
  const { now } = query;
  const resolve = poolResolver(product);
  const schedules = new Map(product.schedules.map((s) => [s.id, s]));
  const priceOrder = new Map(product.prices.map((p, i) => [p.id, i]));
  const prices = new Map(product.prices.map((p) => [p.id, p]));
  const poolCache = new Map<string, PoolAvailability>();
  const scheduleTimes = new Map<string, ScheduleTimes>();
  const priceTimes = new Map<string, { start: EpochMinute; end: EpochMinute }>();
  const scheduleClosed = new Map<string, ClosedTime | StaffClosed | null>();
  const rows: { sortKey: string; priceIndex: number; row: BookingScheduleAvailability }[] = [];

  for (const bookingSchedule of product.bookingSchedules) {
    const schedule = schedules.get(bookingSchedule.scheduleId);
    const price = prices.get(bookingSchedule.priceId);
    if (!schedule || !price) throw new RangeError(`booking schedule ${bookingSchedule.id} refers to a missing schedule or price`);
    if (!usageTouches(schedule.usage, query.from, query.to)) continue;

    let times = scheduleTimes.get(schedule.id);
    if (!times) scheduleTimes.set(schedule.id, (times = scheduleTimesOf(schedule, zone)));
    let bookable = priceTimes.get(price.id);
    if (!bookable) priceTimes.set(price.id, (bookable = priceWindowOf(price, zone)));

    const resolved = resolve({ kind: 'booking_schedule', bookingScheduleId: bookingSchedule.id, quantity: 1 });
    if (!resolved.ok) throw new RangeError(`booking schedule ${bookingSchedule.id}: ${resolved.error.code}`);
    const pools = resolved.value.map((pool) => {
      let seen = poolCache.get(pool.key);
      if (!seen) {
        const poolTaken = taken.get(pool.key) ?? 0;
        seen = { key: pool.key, capacity: pool.capacity, taken: poolTaken, remaining: remainingIn(pool.capacity, poolTaken) };
        poolCache.set(pool.key, seen);
      }
      return seen;
    });
    const remaining = Math.min(...pools.map((p) => p.remaining));
    const opensAt = Math.max(schedule.bookingOpensAt, bookable.start);
    const closesAt = Math.min(schedule.bookingClosesAt, bookable.end);
    const state = windowState(now, times.usageEnds, opensAt, closesAt);
    let closed = scheduleClosed.get(schedule.id);
    if (closed === undefined) scheduleClosed.set(schedule.id, (closed = closedUsageOf(product, schedule, zone)));
    const status: BookingScheduleStatus = state === 'past' ? 'past' : closed ? 'closed' : state !== 'open' ? state : remaining === 0 ? 'sold_out' : 'bookable';
    rows.push({
      sortKey: times.sortKey,
      priceIndex: priceOrder.get(price.id)!,
      row: {
        bookingScheduleId: bookingSchedule.id,
        scheduleId: schedule.id,
        priceId: price.id,
        priceName: price.name,
        amount: price.amount,
        usage: schedule.usage,
        opensAt,
        closesAt,
        open: state === 'open',
        past: state === 'past',
        closedReason: closed?.reason ?? null,
        pools,
        remaining,
        bookable: status === 'bookable',
        status,
      },
    });
  }
  rows.sort((a, b) => (a.sortKey < b.sortKey ? -1 : a.sortKey > b.sortKey ? 1 : a.priceIndex - b.priceIndex));
  return rows.map((r) => r.row);
}

/** What a schedule's usage occupies on the wall calendar, for the place's rules. */
function localUsageOf(usage: ScheduleUsage): LocalUsage {
  switch (usage.kind) {
    case 'date_time':
      return { kind: 'session', date: usage.date, startMinute: usage.startMinute };
    case 'date':
      return { kind: 'day', date: usage.date };
    case 'period':
      return { kind: 'period' };
  }
}

function closedUsageOf(product: ScheduledProduct, schedule: Schedule, zone: Zone): ClosedTime | StaffClosed | null {
  const place = product.opening ? closedTimeOf(product.opening, localUsageOf(schedule.usage)) : null;
  if (place || !product.staffTime) return place;
  const off = staffOffOfUsage(product.staffTime, schedule, zone);
  return off ? { kind: 'staff', reason: staffClosedReason(off.kind), off } : null;
}

/** A session is closed when the staff is off as it starts, a 날짜형 day when the staff works no moment of it; a 상시형 period never. */
function staffOffOfUsage(rules: StaffTimeRules, schedule: Schedule, zone: Zone): OffInterval | null {
  const usage = schedule.usage;
  switch (usage.kind) {
    case 'date_time':
      return isStaffOffAt(rules, scheduleTimesOf(schedule, zone).usageEnds * 60_000, zone.name);
    case 'date':
      return staffOffAllDay(rules, usage.date, zone.name);
    case 'period':
      return null;
  }
}

interface ScheduleTimes {
  /** From this instant on the usage is over (or, for a session, has begun): too late to book. */
  usageEnds: EpochMinute;
  sortKey: string;
}

function scheduleTimesOf(schedule: Schedule, zone: Zone): ScheduleTimes {
  const usage = schedule.usage;
  switch (usage.kind) {
    case 'date_time': {
      const day = epochDayFromLocal(usage.date);
      // A session at a time the clock skips (DST) is taken as starting when the clock resumes.
      const start = zonedInstant(day, usage.startMinute, zone) ?? startOfLocalDay(day, zone) + usage.startMinute;
      return { usageEnds: start, sortKey: `${usage.date}T${formatLocalTime(usage.startMinute)}` };
    }
    case 'date':
      return { usageEnds: startOfLocalDay(epochDayFromLocal(usage.date) + 1, zone), sortKey: usage.date };
    case 'period':
      return { usageEnds: startOfLocalDay(epochDayFromLocal(usage.to) + 1, zone), sortKey: usage.from };
  }
}

/** A price's bookable period as instants: from the start of its first local day to the start of the day after its last. */
export function priceWindowOf(price: Price, zone: Zone): { start: EpochMinute; end: EpochMinute } {
  return {
    start: startOfLocalDay(epochDayFromLocal(price.bookableFrom), zone),
    end: startOfLocalDay(epochDayFromLocal(price.bookableTo) + 1, zone),
  };
}

function windowState(now: EpochMinute, usageEnds: EpochMinute, opensAt: EpochMinute, closesAt: EpochMinute): 'open' | 'past' | 'closed' | 'not_open' {
  if (now >= usageEnds) return 'past';
  if (now >= closesAt || opensAt >= closesAt) return 'closed';
  if (now < opensAt) return 'not_open';
  return 'open';
}

function usageTouches(usage: ScheduleUsage, from: LocalDate | undefined, to: LocalDate | undefined): boolean {
  const first = usage.kind === 'period' ? usage.from : usage.date;
  const last = usage.kind === 'period' ? usage.to : usage.date;
  return (from === undefined || last >= from) && (to === undefined || first <= to);
}

/**
 * Whether one line may be booked now, capacity aside (that is
 * `capacityCheck`'s, under the pools' locks): the slot or booking schedule
 * exists, is not past, at a time its place is closed (BOOKING_DAY_CLOSED,
 * naming why), hidden, before its 예약시작 일시, after its booking window or
 * beyond the horizon. Agrees with the `status` availability shows.
 */
export function checkLineBookable(product: Product, line: BookingLine, query: AvailabilityQuery): CatalogError | null {
  if (!Number.isSafeInteger(line.quantity) || line.quantity < 1) {
    return catalogError('BOOKING_QUANTITY_INVALID', { details: { quantity: line.quantity } });
  }
  if (product.bookingType === 'time_slot') {
    if (line.kind !== 'slot') return catalogError('BOOKING_LINE_INVALID', { details: { bookingType: product.bookingType, lineKind: line.kind } });
    return checkSlotBookable(product, line.startMinute, query);
  }
  if (line.kind !== 'booking_schedule') return catalogError('BOOKING_LINE_INVALID', { details: { bookingType: product.bookingType, lineKind: line.kind } });
  const bookingSchedule = product.bookingSchedules.find((b) => b.id === line.bookingScheduleId);
  if (!bookingSchedule) return catalogError('BOOKING_SCHEDULE_NOT_FOUND', { details: { bookingScheduleId: line.bookingScheduleId } });
  const schedule = product.schedules.find((s) => s.id === bookingSchedule.scheduleId);
  const price = product.prices.find((p) => p.id === bookingSchedule.priceId);
  if (!schedule || !price) return catalogError('BOOKING_SCHEDULE_REFERENCE_INVALID', { details: { bookingScheduleId: bookingSchedule.id } });
  const zone = zoneOf(query.zone);
  const times = scheduleTimesOf(schedule, zone);
  const window = priceWindowOf(price, zone);
  const opensAt = Math.max(schedule.bookingOpensAt, window.start);
  const closesAt = Math.min(schedule.bookingClosesAt, window.end);
  const state = windowState(query.now, times.usageEnds, opensAt, closesAt);
  if (state === 'past') return catalogError('BOOKING_PAST');
  const closed = closedUsageOf(product, schedule, zone);
  // A 상시형 period is never closed by a day, so only a dated usage gets here.
  if (closed && schedule.usage.kind !== 'period') {
    const startMinute = schedule.usage.kind === 'date_time' ? schedule.usage.startMinute : null;
    return closed.kind === 'staff' ? staffAbsentError(closed.off, schedule.usage.date, startMinute) : dayClosedError(closed, schedule.usage.date, startMinute);
  }
  switch (state) {
    case 'closed':
      return catalogError('BOOKING_CLOSED');
    case 'not_open':
      return notOpenYet(opensAt, zone);
    case 'open':
      return null;
  }
}

function checkSlotBookable(product: TimeSlotProduct, startMinute: EpochMinute, query: AvailabilityQuery): CatalogError | null {
  const zone = zoneOf(query.zone);
  const slot = findSlot(product, startMinute, zone);
  if (!slot) return catalogError('SLOT_NOT_FOUND', { details: { startMinute } });
  if (slot.day > horizonLastDay(product, query.now, zone)) return catalogError('BOOKING_BEYOND_HORIZON', { details: { startMinute } });
  if (slot.start <= query.now) return catalogError('BOOKING_PAST');
  if (product.opening) {
    const date = formatLocalDate(slot.day);
    const closed = closedTimeOf(product.opening, { kind: 'slot', date, startMinute: slot.localMinute, endMinute: slot.localMinute + product.slotMinutes });
    if (closed) return dayClosedError(closed, date, slot.localMinute);
  }
  if (product.staffTime) {
    const off = staffOffDuring(product.staffTime, { startsAt: slot.start * 60_000, endsAt: (slot.start + product.slotMinutes) * 60_000 }, query.zone);
    if (off) return staffAbsentError(off, formatLocalDate(slot.day), slot.localMinute);
  }
  if (product.hiddenSlotStarts.includes(slot.start)) return catalogError('SLOT_HIDDEN', { details: { startMinute } });
  const opensAt = slot.period.bookingOpensAt;
  if (opensAt !== null && query.now < opensAt) return notOpenYet(opensAt, zone);
  return null;
}

/** BOOKING_DAY_CLOSED naming the day (and time) and why: "예약할 수 없는 날입니다 — 12월 25일(금) 공휴일 휴무: 기독탄신일". */
function dayClosedError(closed: ClosedTime, date: LocalDate, startMinute: number | null): CatalogError<'BOOKING_DAY_CLOSED'> {
  const [, month, day] = date.split('-').map(Number);
  const when = `${month}월 ${day}일(${WEEKDAY_LABELS[isoWeekday(epochDayFromLocal(date))]})${closed.kind === 'hours' && startMinute !== null ? ` ${formatLocalTime(startMinute)}` : ''}`;
  const what = closed.kind === 'hours' ? '예약할 수 없는 시간입니다' : '예약할 수 없는 날입니다';
  return catalogError('BOOKING_DAY_CLOSED', {
    message: `${what} — ${when} ${closed.reason}`,
    details: { date, kind: closed.kind, reason: closed.reason, ...(closed.kind === 'closure' ? { closureId: closed.closureId } : {}) },
  });
}

/** BOOKING_STAFF_ABSENT naming the day and time and why: "예약할 수 없는 시간입니다 — 12월 24일(목) 10:00 담당자 휴가". */
function staffAbsentError(off: OffInterval, date: LocalDate, startMinute: number | null): CatalogError<'BOOKING_STAFF_ABSENT'> {
  const [, month, day] = date.split('-').map(Number);
  const when = `${month}월 ${day}일(${WEEKDAY_LABELS[isoWeekday(epochDayFromLocal(date))]})${startMinute !== null ? ` ${formatLocalTime(startMinute)}` : ''}`;
  const reason = staffClosedReason(off.kind);
  return catalogError('BOOKING_STAFF_ABSENT', { message: `예약할 수 없는 시간입니다 — ${when} ${reason}`, details: { date, kind: off.kind, reason } });
}

function notOpenYet(opensAt: EpochMinute, zone: Zone): CatalogError<'BOOKING_NOT_OPEN_YET'> {
  const local = localOf(opensAt, zone);
  const when = `${formatLocalDate(local.day)} ${formatLocalTime(local.minute)}`;
  return catalogError('BOOKING_NOT_OPEN_YET', { message: `${when}부터 예약할 수 있습니다.`, details: { opensAt } });
}
