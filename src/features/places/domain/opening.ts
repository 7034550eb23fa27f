import { ruleError, type RuleError } from '../../../platform/errors/registry.ts';
import {
  CLOSED_REASON_HOURS,
  CLOSED_REASON_WEEKLY,
  HOLIDAY_DEFAULT_BY_SERVICE_TYPE,
  closureReasonText,
  holidayReasonText,
} from '../../../shared/labels/opening.ts';
import type { HolidayCalendar } from './holidays.ts';

/**
 * OPS-1: when a place is open, as pure rules. A place may have
 * - weekly hours (영업시간), the shape of a product's 운영기간 weekly hours,
 *   which further limit every product of the place (null = no limit);
 * - 공휴일 휴무: closed on the public holidays of @hyunbinseo/holidays-kr,
 *   by default when its business category usually closes (clinics), with a
 *   per-holiday override either way ("성탄절 진료", "설날 휴무");
 * - 임시휴무: runs of local dates (both inclusive) with a reason.
 *
 * Dates are the business's local dates (`YYYY-MM-DD`), times minutes of the
 * local day; the caller converts instants with the business's time zone, so
 * these rules never see a zone. What closes a day, in order: a 임시휴무 (its
 * own reason), a closed holiday, a weekday without hours; then, for a time,
 * being outside that day's hours.
 */

export type Weekday = 1 | 2 | 3 | 4 | 5 | 6 | 7;
export const WEEKDAYS: readonly Weekday[] = [1, 2, 3, 4, 5, 6, 7];

/** [openMinute, closeMinute) of one local day; closeMinute may be 1440 (midnight). */
export interface DayHours {
  openMinute: number;
  closeMinute: number;
}

export type PlaceWeeklyHours = Readonly<Record<Weekday, readonly DayHours[]>>;

export interface TemporaryClosure {
  id: string;
  from: string;
  to: string;
  reason: string;
}

export interface OpeningRules {
  weeklyHours: PlaceWeeklyHours | null;
  /** 공휴일 휴무 as it applies: the place's setting, or its category's default. */
  holidaysClosed: boolean;
  /** Holidays kept apart from `holidaysClosed`: date → closed. A date that is no holiday is ignored. */
  holidayOverrides: ReadonlyMap<string, boolean>;
  closures: readonly TemporaryClosure[];
  holidays: HolidayCalendar;
}

export type ClosedDay =
  | { kind: 'closure'; reason: string; closureId: string }
  | { kind: 'holiday'; reason: string; names: readonly string[] }
  | { kind: 'weekly'; reason: string };

export type ClosedTime = ClosedDay | { kind: 'hours'; reason: string };

/** What a usage occupies on its local date: a slot [start, end), a session starting at a time, a whole day, or a usage period (상시형). */
export type LocalUsage =
  | { kind: 'slot'; date: string; startMinute: number; endMinute: number }
  | { kind: 'session'; date: string; startMinute: number }
  | { kind: 'day'; date: string }
  | { kind: 'period' };

// ------------------------------------------------------------ local dates

const LOCAL_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

function civilDays(date: string): number {
  const match = LOCAL_DATE.exec(date);
  if (!match) throw new RangeError(`not a local date: ${date}`);
  return Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])) / 86_400_000;
}

function dateOfDays(days: number): string {
  return new Date(days * 86_400_000).toISOString().slice(0, 10);
}

/** Whether `YYYY-MM-DD` names a real calendar date (2026-02-30 does not). */
export function isLocalDate(date: string): boolean {
  return LOCAL_DATE.test(date) && dateOfDays(civilDays(date)) === date;
}

export function addDays(date: string, days: number): string {
  return dateOfDays(civilDays(date) + days);
}

/** Days from `from` to `to` (to − from). */
export function daysBetween(from: string, to: string): number {
  return civilDays(to) - civilDays(from);
}

/** ISO weekday of a civil date: 1 = Monday … 7 = Sunday (a date has the same weekday in every zone). */
export function weekdayOf(date: string): Weekday {
  const sunday0 = new Date(civilDays(date) * 86_400_000).getUTCDay();
  return (sunday0 === 0 ? 7 : sunday0) as Weekday;
}

// ------------------------------------------------------------ the rules

/** Whether a category closes on public holidays unless the place says otherwise. */
export function holidayDefaultClosed(serviceType: keyof typeof HOLIDAY_DEFAULT_BY_SERVICE_TYPE): boolean {
  return HOLIDAY_DEFAULT_BY_SERVICE_TYPE[serviceType].closed;
}

/** Whether a holiday date is closed at this place; null when the date is no public holiday. */
export function holidayClosedOn(rules: OpeningRules, date: string): boolean | null {
  if (!rules.holidays.has(date)) return null;
  return rules.holidayOverrides.get(date) ?? rules.holidaysClosed;
}

export function closureOn(closures: readonly TemporaryClosure[], date: string): TemporaryClosure | null {
  return closures.find((c) => c.from <= date && date <= c.to) ?? null;
}

/** Why the whole local date is closed, or null when the place opens that day. */
export function closedDay(rules: OpeningRules, date: string): ClosedDay | null {
  const closure = closureOn(rules.closures, date);
  if (closure) return { kind: 'closure', reason: closureReasonText(closure.reason), closureId: closure.id };
  if (holidayClosedOn(rules, date)) {
    const names = rules.holidays.get(date)!;
    return { kind: 'holiday', reason: holidayReasonText(names), names };
  }
  if (rules.weeklyHours && rules.weeklyHours[weekdayOf(date)].length === 0) return { kind: 'weekly', reason: CLOSED_REASON_WEEKLY };
  return null;
}

/** The place's hours of a weekday, or null when the place sets none (no limit). */
export function placeHoursOf(rules: OpeningRules, weekday: Weekday): readonly DayHours[] | null {
  return rules.weeklyHours ? rules.weeklyHours[weekday] : null;
}

/** A slot fits when one range holds all of it; a session when it starts inside one. */
export function withinHours(hours: readonly DayHours[], startMinute: number, endMinute?: number): boolean {
  return hours.some((h) => h.openMinute <= startMinute && (endMinute === undefined ? startMinute < h.closeMinute : endMinute <= h.closeMinute));
}

const OUTSIDE_HOURS: ClosedTime = { kind: 'hours', reason: CLOSED_REASON_HOURS };

/**
 * Why a usage cannot take place at this place, or null. A 상시형 usage
 * period is never closed by a day: the customer uses it on an open day.
 */
export function closedTimeOf(rules: OpeningRules, usage: LocalUsage): ClosedTime | null {
  if (usage.kind === 'period') return null;
  const day = closedDay(rules, usage.date);
  if (day) return day;
  if (usage.kind === 'day') return null;
  const hours = placeHoursOf(rules, weekdayOf(usage.date));
  if (!hours) return null;
  const inside = usage.kind === 'slot' ? withinHours(hours, usage.startMinute, usage.endMinute) : withinHours(hours, usage.startMinute);
  return inside ? null : OUTSIDE_HOURS;
}

/** The closed dates of [from, to] (both inclusive) with why, in date order. */
export function closedDaysBetween(rules: OpeningRules, from: string, to: string): ({ date: string } & ClosedDay)[] {
  const days: ({ date: string } & ClosedDay)[] = [];
  const count = daysBetween(from, to);
  for (let i = 0; i <= count; i++) {
    const date = addDays(from, i);
    const closed = closedDay(rules, date);
    if (closed) days.push({ date, ...closed });
  }
  return days;
}

export interface HolidayState {
  date: string;
  weekday: Weekday;
  names: readonly string[];
  /** Closed at this place, the override included. */
  closed: boolean;
  /** The place set this holiday apart from its 공휴일 휴무 setting. */
  overridden: boolean;
  /** A 임시휴무 covers the date too (then it is closed whatever the holiday says). */
  closureReason: string | null;
}

/** The public holidays of [from, to] as this place keeps them. */
export function holidayStates(rules: OpeningRules, from: string, to: string): HolidayState[] {
  const states: HolidayState[] = [];
  for (const [date, names] of rules.holidays) {
    if (date < from || date > to) continue;
    const override = rules.holidayOverrides.get(date);
    const closure = closureOn(rules.closures, date);
    states.push({
      date,
      weekday: weekdayOf(date),
      names,
      closed: override ?? rules.holidaysClosed,
      overridden: override !== undefined,
      closureReason: closure ? closure.reason : null,
    });
  }
  return states.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
}

// ------------------------------------------------------------ input checks

/** Weekly hours a place may keep: each range inside the day, start before end, ranges of a day apart. */
export function weeklyHoursProblem(hours: PlaceWeeklyHours): RuleError<'OPENING_HOURS_INVALID'> | null {
  const label = ['', '월', '화', '수', '목', '금', '토', '일'];
  for (const weekday of WEEKDAYS) {
    const ranges = [...hours[weekday]].sort((a, b) => a.openMinute - b.openMinute);
    let previousClose = -1;
    for (const range of ranges) {
      const wellFormed =
        Number.isSafeInteger(range.openMinute) && Number.isSafeInteger(range.closeMinute) && range.openMinute >= 0 && range.openMinute < range.closeMinute && range.closeMinute <= 1440;
      if (!wellFormed || range.openMinute < previousClose) {
        return ruleError('OPENING_HOURS_INVALID', {
          message: `${label[weekday]}요일 영업시간이 올바르지 않습니다. 시작은 종료보다 빨라야 하고, 같은 요일의 시간대끼리 겹치면 안 됩니다.`,
          path: `weeklyHours.${weekday}`,
          details: { weekday, openMinute: range.openMinute, closeMinute: range.closeMinute },
        });
      }
      previousClose = range.closeMinute;
    }
  }
  return null;
}

/** A 임시휴무 may last at most this many days (a longer one is a mistake: pause the place instead). */
export const CLOSURE_DAYS_MAX = 366;

/** A new 임시휴무: real dates, in order, not too long, overlapping no other closure of the place. */
export function closureProblem(closure: { from: string; to: string }, existing: readonly TemporaryClosure[]): RuleError | null {
  if (!isLocalDate(closure.from) || !isLocalDate(closure.to)) return ruleError('PLACE_CLOSURE_DATES_INVALID', { message: '날짜는 YYYY-MM-DD 형식의 실제 날짜여야 합니다.', path: 'startsOn' });
  if (closure.to < closure.from) return ruleError('PLACE_CLOSURE_DATES_INVALID', { path: 'endsOn', details: { startsOn: closure.from, endsOn: closure.to } });
  if (daysBetween(closure.from, closure.to) + 1 > CLOSURE_DAYS_MAX) {
    return ruleError('PLACE_CLOSURE_DATES_INVALID', { message: `임시휴무는 한 번에 ${CLOSURE_DAYS_MAX}일까지 정할 수 있습니다. 더 오래 쉬면 장소의 운영 상태를 바꿔 주세요.`, path: 'endsOn' });
  }
  const other = existing.find((c) => c.from <= closure.to && closure.from <= c.to);
  if (other) {
    return ruleError('PLACE_CLOSURES_OVERLAP', {
      message: `이미 등록된 임시휴무(${other.from} ~ ${other.to}, ${other.reason})와 겹칩니다.`,
      path: 'startsOn',
      details: { closureId: other.id, startsOn: other.from, endsOn: other.to },
    });
  }
  return null;
}

// ------------------------------------------------------------ existing bookings

/** A live booking as the rules see it: its usage on the wall calendar. */
export interface BookingOnCalendar<T> {
  usage: LocalUsage;
  booking: T;
}

/**
 * The bookings whose usage falls on a closed time, each with why. A newly
 * closed day never cancels anything: these are listed for the shop to call
 * or cancel itself.
 */
export function bookingsOnClosedTimes<T>(rules: OpeningRules, bookings: readonly BookingOnCalendar<T>[]): { booking: T; date: string | null; closed: ClosedTime }[] {
  const found: { booking: T; date: string | null; closed: ClosedTime }[] = [];
  for (const { usage, booking } of bookings) {
    const closed = closedTimeOf(rules, usage);
    if (closed) found.push({ booking, date: usage.kind === 'period' ? null : usage.date, closed });
  }
  return found;
}
