import type { Availability, BookingLineInput, BookingScheduleAvailability, BookingType, Slot } from '../../api/models';
import { UNAVAILABLE_LABELS } from './labels';

/**
 * The booking page's flow as pure functions of what the customer chose and
 * what the server says is available (BOOK-7): which dates can be picked,
 * which times a date offers, what the chosen lines are and what they cost.
 * ProductPage.tsx keeps the choices in state and renders these.
 */

export type DateState = 'bookable' | 'not_open';

/** Server answers after which the choice must be made again with fresh availability. */
export const RESELECT_CODES: ReadonlySet<string> = new Set([
  'SOLD_OUT',
  'HOLD_NOT_FOUND',
  'HOLD_MISMATCH',
  'SLOT_NOT_FOUND',
  'SLOT_HIDDEN',
  'BOOKING_NOT_OPEN_YET',
  'BOOKING_CLOSED',
  'BOOKING_PAST',
  'BOOKING_BEYOND_HORIZON',
  'BOOKING_DAY_CLOSED',
  'BOOKING_SCHEDULE_NOT_FOUND',
  'PRODUCT_NOT_BOOKABLE',
  'PLACE_NOT_BOOKABLE',
]);

export const HOLD_MINUTES = 10;

/** What the customer has chosen so far. */
export interface Choice {
  date: string | null;
  /** 시간예약형: the chosen slot's start. */
  slotStart: string | null;
  /** 날짜/시간형: the chosen start time ("10:00"). */
  sessionTime: string | null;
  /** 시간예약형: how many people. */
  slotQuantity: number;
  /** Scheduled types: booking schedule id → quantity. */
  quantities: Readonly<Record<string, number>>;
}

export const emptyChoice = (): Choice => ({ date: null, slotStart: null, sessionTime: null, slotQuantity: 1, quantities: {} });

/** Dates with something to book, or something that opens later; a date with both is bookable. */
export function dateStatesOf(data: Availability | undefined): Map<string, DateState> {
  const states = new Map<string, DateState>();
  if (!data) return states;
  const mark = (date: string, status: string) => {
    if (status === 'bookable') states.set(date, 'bookable');
    else if (status === 'not_open' && !states.has(date)) states.set(date, 'not_open');
  };
  if (data.kind === 'time_slot') {
    for (const day of data.days) for (const slot of day.slots) mark(day.date, slot.status);
  } else {
    for (const b of data.bookingSchedules) if (b.usage.kind !== 'period') mark(b.usage.date, b.status);
  }
  return states;
}

/** 시간예약형: the date's slots that have not passed. */
export function slotsOfDate(data: Availability | undefined, date: string | null): Slot[] {
  if (data?.kind !== 'time_slot' || !date) return [];
  return (data.days.find((d) => d.date === date)?.slots ?? []).filter((s) => s.status !== 'past');
}

/** Scheduled types: the booking schedules of the date (상시형: all of them) that have not passed. */
export function schedulesOfDate(data: Availability | undefined, date: string | null, bookingType: BookingType): BookingScheduleAvailability[] {
  if (data?.kind !== 'scheduled') return [];
  if (bookingType === 'always') return data.bookingSchedules.filter((b) => b.status !== 'past');
  if (!date) return [];
  return data.bookingSchedules.filter((b) => b.usage.kind !== 'period' && b.usage.date === date && b.status !== 'past');
}

export interface SessionTime {
  time: string;
  status: 'bookable' | 'sold_out' | 'not_open';
  /** What is left when every bookable price of the time has the same; null when they differ. */
  remaining: number | null;
}

/** 날짜/시간형: one button per start time of the day, summing up its prices. */
export function sessionTimesOf(rows: readonly BookingScheduleAvailability[]): SessionTime[] {
  const byTime = new Map<string, BookingScheduleAvailability[]>();
  for (const row of rows) {
    if (row.usage.kind !== 'date_time') continue;
    const list = byTime.get(row.usage.startTime) ?? [];
    list.push(row);
    byTime.set(row.usage.startTime, list);
  }
  return [...byTime.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([time, list]) => {
      const bookable = list.filter((r) => r.status === 'bookable');
      const remainings = new Set(bookable.map((r) => r.remaining));
      return {
        time,
        status: bookable.length > 0 ? 'bookable' : list.some((r) => r.status === 'not_open') ? 'not_open' : 'sold_out',
        remaining: remainings.size === 1 ? [...remainings][0]! : null,
      };
    });
}

/** The price rows the quantity step shows: 날짜/시간형 only those of the chosen time. */
export function priceRowsOf(schedules: readonly BookingScheduleAvailability[], bookingType: BookingType, sessionTime: string | null): BookingScheduleAvailability[] {
  if (bookingType !== 'date_time') return [...schedules];
  return schedules.filter((b) => b.usage.kind === 'date_time' && b.usage.startTime === sessionTime);
}

export interface SummaryLine {
  label: string;
  quantity: number;
  unitAmount: number | null;
}

export interface Selection {
  /** What a hold and a booking are asked for. */
  lines: BookingLineInput[];
  /** What the summary lists. */
  summary: SummaryLine[];
  /** null when a line has no price (시간예약형 without one): "현장 안내". */
  totalAmount: number | null;
  totalQuantity: number;
}

interface SelectionInput {
  bookingType: BookingType;
  /** 시간예약형: the chosen slot, when it is still bookable. */
  slot: Slot | null;
  slotQuantity: number;
  /** 시간예약형: the price of one person and its name. */
  unitPrice: number | null;
  unitLabel: string;
  priceRows: readonly BookingScheduleAvailability[];
  quantities: Readonly<Record<string, number>>;
}

export function selectionOf(input: SelectionInput): Selection {
  const { bookingType, slot, slotQuantity, unitPrice, unitLabel, priceRows, quantities } = input;
  const timeSlot = bookingType === 'time_slot';
  const lines: BookingLineInput[] = timeSlot
    ? slot
      ? [{ startsAt: slot.startsAt, quantity: slotQuantity }]
      : []
    : priceRows.filter((b) => b.status === 'bookable' && (quantities[b.id] ?? 0) > 0).map((b) => ({ bookingScheduleId: b.id, quantity: quantities[b.id]! }));
  const summary: SummaryLine[] = timeSlot
    ? slot
      ? [{ label: unitLabel, quantity: slotQuantity, unitAmount: unitPrice }]
      : []
    : priceRows.filter((b) => (quantities[b.id] ?? 0) > 0).map((b) => ({ label: b.priceName, quantity: quantities[b.id]!, unitAmount: b.amount }));
  const totalAmount = summary.every((l) => l.unitAmount !== null) ? summary.reduce((sum, l) => sum + (l.unitAmount ?? 0) * l.quantity, 0) : null;
  const totalQuantity = summary.reduce((sum, l) => sum + l.quantity, 0);
  return { lines, summary, totalAmount, totalQuantity };
}

/** How many more of a price row the customer may add: what is left, within the per-booking maximum over all rows. */
export function maxForRow(row: BookingScheduleAvailability, quantities: Readonly<Record<string, number>>, rows: readonly BookingScheduleAvailability[], maxPerBooking: number): number {
  if (row.status !== 'bookable') return 0;
  const value = quantities[row.id] ?? 0;
  const total = rows.reduce((sum, b) => sum + (quantities[b.id] ?? 0), 0);
  return Math.min(row.remaining, value + (maxPerBooking - total));
}

/** The step numbers of the page, which depend on the type (상시형 has no date, only two types have a time). */
export function stepsOf(bookingType: BookingType): { date: number; time: number; quantity: number; customer: number } {
  if (bookingType === 'always') return { date: 0, time: 0, quantity: 1, customer: 2 };
  const withTime = bookingType === 'time_slot' || bookingType === 'date_time';
  return { date: 1, time: 2, quantity: withTime ? 3 : 2, customer: withTime ? 4 : 3 };
}

/** Which steps show: the time once a date is chosen, the quantity once the type's choice before it is made. */
export function visibleSteps(bookingType: BookingType, choice: Choice, slot: Slot | null): { time: boolean; quantity: boolean } {
  const withTime = bookingType === 'time_slot' || bookingType === 'date_time';
  const quantity =
    bookingType === 'time_slot' ? slot !== null : bookingType === 'always' ? true : choice.date !== null && (bookingType !== 'date_time' || choice.sessionTime !== null);
  return { time: withTime && choice.date !== null, quantity };
}

/**
 * The hold's end as this device counts it down: the server's, unless this
 * device's clock is so far off that it would show more than the hold's 10
 * minutes (or none at all); then 10 minutes from now.
 */
export function holdExpiry(serverExpiresAt: string, now: number): string {
  const left = Date.parse(serverExpiresAt) - now;
  return left > 0 && left <= HOLD_MINUTES * 60_000 + 60_000 ? serverExpiresAt : new Date(now + HOLD_MINUTES * 60_000).toISOString();
}

export function remainingLabel(remaining: number): string {
  return `${remaining}자리 남음`;
}

export function scheduleStatusLabel(status: BookingScheduleAvailability['status']): string {
  return status === 'bookable' ? '' : UNAVAILABLE_LABELS[status];
}

export function slotStatusText(slot: Pick<Slot, 'status' | 'remaining'>): string {
  if (slot.status === 'bookable') return remainingLabel(slot.remaining);
  return slot.status === 'not_open' ? UNAVAILABLE_LABELS.not_open : UNAVAILABLE_LABELS.sold_out;
}

export function sessionStatusText(time: SessionTime): string {
  if (time.status !== 'bookable') return UNAVAILABLE_LABELS[time.status];
  return time.remaining !== null ? remainingLabel(time.remaining) : '예약 가능';
}

/**
 * Whether the customer's own cancellation is already closed for the chosen
 * time: the policy's last deadline (N hours before the start; with no tiers,
 * the start) has passed. Said before booking, not discovered after.
 */
export function selfCancelClosed(policy: readonly { hoursBefore: number }[], lines: readonly BookingLineInput[], now = Date.now()): boolean {
  const starts = lines.flatMap((line) => ('startsAt' in line && typeof line.startsAt === 'string' ? [Date.parse(line.startsAt)] : []));
  if (starts.length === 0) return false;
  const lastHours = policy.length === 0 ? 0 : Math.min(...policy.map((tier) => tier.hoursBefore));
  return Math.min(...starts) - lastHours * 3_600_000 <= now;
}
