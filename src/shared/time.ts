/**
 * Time-zone math for the business zone with Intl only. Calendar days are
 * "YYYY-MM-DD" keys; instants are Date objects or ISO strings.
 */

export interface ZonedParts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  /** 0 = Sunday … 6 = Saturday */
  weekday: number;
}

const WEEKDAY_INDEX: Record<string, number> = { Sun: 0, Mon: 1, Tue: 2, Wed: 3, Thu: 4, Fri: 5, Sat: 6 };
/**
 * One Intl.DateTimeFormat per zone (and kind), built on first use and kept:
 * building one costs far more than formatting with it.
 */
export function formatterPerZone(options: Intl.DateTimeFormatOptions, locale: string): (timeZone: string) => Intl.DateTimeFormat {
  const formatters = new Map<string, Intl.DateTimeFormat>();
  return (timeZone) => {
    let formatter = formatters.get(timeZone);
    if (!formatter) {
      formatter = new Intl.DateTimeFormat(locale, { ...options, timeZone });
      formatters.set(timeZone, formatter);
    }
    return formatter;
  };
}

const partsFormatter = formatterPerZone(
  { hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', weekday: 'short' },
  'en-US',
);

export function zonedParts(instant: Date | string, timeZone: string): ZonedParts {
  const date = typeof instant === 'string' ? new Date(instant) : instant;
  const parts: Record<string, string> = {};
  for (const part of partsFormatter(timeZone).formatToParts(date)) parts[part.type] = part.value;
  return {
    year: Number(parts.year),
    month: Number(parts.month),
    day: Number(parts.day),
    hour: Number(parts.hour),
    minute: Number(parts.minute),
    weekday: WEEKDAY_INDEX[parts.weekday] ?? 0,
  };
}

const pad = (n: number) => String(n).padStart(2, '0');

export function dateKeyOf(instant: Date | string, timeZone: string): string {
  const p = zonedParts(instant, timeZone);
  return `${p.year}-${pad(p.month)}-${pad(p.day)}`;
}

export function minutesOfDay(instant: Date | string, timeZone: string): number {
  const p = zonedParts(instant, timeZone);
  return p.hour * 60 + p.minute;
}

export function todayKey(timeZone: string): string {
  return dateKeyOf(new Date(), timeZone);
}

function offsetMinutes(utcMillis: number, timeZone: string): number {
  const p = zonedParts(new Date(utcMillis), timeZone);
  const wall = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute);
  return Math.round((wall - Math.floor(utcMillis / 60000) * 60000) / 60000);
}

/** The instant at which the wall clock in `timeZone` shows `dateKey` + `minutes`. */
export function zonedToUtc(dateKey: string, minutes: number, timeZone: string): Date {
  const [y, m, d] = dateKey.split('-').map(Number);
  const wall = Date.UTC(y, m - 1, d, 0, minutes);
  const firstOffset = offsetMinutes(wall, timeZone);
  const guess = wall - firstOffset * 60000;
  // A second pass settles instants near a DST change.
  const secondOffset = offsetMinutes(guess, timeZone);
  return new Date(secondOffset === firstOffset ? guess : wall - secondOffset * 60000);
}

export function addDays(dateKey: string, days: number): string {
  const [y, m, d] = dateKey.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

function weekdayOf(dateKey: string): number {
  return new Date(`${dateKey}T00:00:00Z`).getUTCDay();
}

/** Korean weeks start on Monday. */
export function mondayOf(dateKey: string): string {
  return addDays(dateKey, -((weekdayOf(dateKey) + 6) % 7));
}

export function isDateKey(value: string | null): value is string {
  return value !== null && /^\d{4}-\d{2}-\d{2}$/.test(value) && !Number.isNaN(Date.parse(value));
}

/** Value for <input type="datetime-local"> showing the instant in the business zone. */
export function toLocalInput(instant: string, timeZone: string): string {
  const p = zonedParts(instant, timeZone);
  return `${p.year}-${pad(p.month)}-${pad(p.day)}T${pad(p.hour)}:${pad(p.minute)}`;
}

export function fromLocalInput(value: string, timeZone: string): string | null {
  const match = /^(\d{4}-\d{2}-\d{2})T(\d{2}):(\d{2})/.exec(value);
  if (!match) return null;
  return zonedToUtc(match[1], Number(match[2]) * 60 + Number(match[3]), timeZone).toISOString();
}

export function minutesLabel(minutes: number): string {
  return `${pad(Math.floor(minutes / 60))}:${pad(minutes % 60)}`;
}
