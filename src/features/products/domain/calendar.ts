import { IANAZone } from 'luxon';

/**
 * Local calendar arithmetic for the catalog, on integers.
 *
 * - An instant is an `EpochMinute`: whole minutes since 1970-01-01T00:00Z.
 * - A local date is `'YYYY-MM-DD'` at the edges (JSON, the `date` column) and
 *   an `EpochDay` (days since 1970-01-01, zone-free proleptic Gregorian) in
 *   loops, so walking days never allocates a Date.
 * - A local time of day is a `MinuteOfDay` (0..1440).
 *
 * Availability loops are hot (docs/performance.md), so luxon, the server's
 * time library, is used here only to ask a zone for its UTC offset at an
 * instant (`zoneOf(name).offset(ms)`); everything else is integer math.
 */

export type EpochMinute = number;
export type EpochDay = number;
export type MinuteOfDay = number;
/** `'YYYY-MM-DD'`, a wall-clock date in the business's time zone. */
export type LocalDate = string;

export const MINUTES_PER_DAY = 1440;

/** ISO weekday of an epoch day: 1 = Monday … 7 = Sunday (1970-01-01 was a Thursday). */
export function isoWeekday(day: EpochDay): 1 | 2 | 3 | 4 | 5 | 6 | 7 {
  return ((((day + 3) % 7) + 7) % 7 + 1) as 1 | 2 | 3 | 4 | 5 | 6 | 7;
}

/** Days since 1970-01-01 of a civil date (H. Hinnant's days_from_civil). */
export function epochDayOf(year: number, month: number, day: number): EpochDay {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/** The civil date of an epoch day (H. Hinnant's civil_from_days). */
export function civilOf(day: EpochDay): { year: number; month: number; day: number } {
  const z = day + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  return { year: yoe + era * 400 + (m <= 2 ? 1 : 0), month: m, day: d };
}

export function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

const LOCAL_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Parses `'YYYY-MM-DD'`; null when it is not a real calendar date (2026-02-30). */
export function parseLocalDate(date: LocalDate): EpochDay | null {
  const match = LOCAL_DATE.exec(date);
  if (!match) return null;
  const year = Number(match[1]);
  const month = Number(match[2]);
  const day = Number(match[3]);
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
  return epochDayOf(year, month, day);
}

/** Like parseLocalDate for dates already validated; throws on a malformed one (a programmer error). */
export function epochDayFromLocal(date: LocalDate): EpochDay {
  const day = parseLocalDate(date);
  if (day === null) throw new RangeError(`invalid local date ${date}`);
  return day;
}

export function formatLocalDate(day: EpochDay): LocalDate {
  const { year, month, day: d } = civilOf(day);
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/**
 * The same day of the month `months` later, clamped to the month's last day
 * (2026-08-31 + 6 months = 2027-02-28), as people count "6개월 뒤".
 */
export function addMonths(day: EpochDay, months: number): EpochDay {
  const { year, month, day: d } = civilOf(day);
  const index = year * 12 + (month - 1) + months;
  const y = Math.floor(index / 12);
  const m = index - y * 12 + 1;
  return epochDayOf(y, m, Math.min(d, daysInMonth(y, m)));
}

const LOCAL_TIME = /^(\d{2}):(\d{2})(?::00)?$/;

/** `'HH:mm'` (or `'HH:mm:00'` as PostgreSQL prints a `time`) → minute of day; `'24:00'` is the end of the day. */
export function parseLocalTime(time: string): MinuteOfDay | null {
  const match = LOCAL_TIME.exec(time);
  if (!match) return null;
  const hours = Number(match[1]);
  const minutes = Number(match[2]);
  if (minutes > 59 || hours > 24 || (hours === 24 && minutes !== 0)) return null;
  return hours * 60 + minutes;
}

export function formatLocalTime(minute: MinuteOfDay): string {
  return `${String(Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}`;
}

/** A business time zone, resolved once per computation. */
export interface Zone {
  readonly name: string;
  /** UTC offset in minutes at an instant (Asia/Seoul: 540). */
  offsetAt(instant: EpochMinute): number;
}

export function zoneOf(name: string): Zone {
  const zone = IANAZone.create(name);
  if (!zone.isValid) throw new RangeError(`invalid time zone ${name}`);
  return { name, offsetAt: (instant) => zone.offset(instant * 60_000) };
}

/** The local epoch day an instant falls on in a zone. */
export function localDayOf(instant: EpochMinute, zone: Zone): EpochDay {
  return Math.floor((instant + zone.offsetAt(instant)) / MINUTES_PER_DAY);
}

/** The local date and minute of day of an instant. */
export function localOf(instant: EpochMinute, zone: Zone): { day: EpochDay; minute: MinuteOfDay } {
  const local = instant + zone.offsetAt(instant);
  const day = Math.floor(local / MINUTES_PER_DAY);
  return { day, minute: local - day * MINUTES_PER_DAY };
}

/**
 * The instant of a local wall-clock time, or null when that time does not
 * exist (the hour skipped by a DST change). A time that exists twice (the
 * hour repeated when DST ends) resolves to its first occurrence.
 * `minute` may be 1440: the start of the next day.
 */
export function zonedInstant(day: EpochDay, minute: MinuteOfDay, zone: Zone): EpochMinute | null {
  const local = day * MINUTES_PER_DAY + minute;
  // The offsets in force a day before and a day after: a local time is one of
  // these read back (clocks change at most once in two days).
  const before = zone.offsetAt(local - MINUTES_PER_DAY);
  const after = zone.offsetAt(local + MINUTES_PER_DAY);
  const early = local - before;
  const earlyFits = zone.offsetAt(early) === before;
  if (before === after) return earlyFits ? early : null;
  const late = local - after;
  const lateFits = zone.offsetAt(late) === after;
  if (earlyFits && lateFits) return Math.min(early, late);
  return earlyFits ? early : lateFits ? late : null;
}

/**
 * The first instant of a local day. A day whose midnight is skipped by DST
 * (a few zones change at 00:00) starts at the first minute that exists.
 */
export function startOfLocalDay(day: EpochDay, zone: Zone): EpochMinute {
  const exact = zonedInstant(day, 0, zone);
  if (exact !== null) return exact;
  // Midnight falls in the gap: the day starts at the change itself, which is
  // local midnight read with the offset in force before it (the day before).
  const local = day * MINUTES_PER_DAY;
  return local - zone.offsetAt(local - MINUTES_PER_DAY);
}

/** `'YYYY-MM-DD'` + minute of day in a zone → instant, for values entered by a business (e.g. 예약시작 일시). */
export function localDateTimeToEpochMinute(date: LocalDate, minute: MinuteOfDay, zoneName: string): EpochMinute | null {
  const day = parseLocalDate(date);
  if (day === null) return null;
  return zonedInstant(day, minute, zoneOf(zoneName));
}

export function epochMinuteOf(date: Date): EpochMinute {
  return Math.floor(date.getTime() / 60_000);
}

export function dateOfEpochMinute(instant: EpochMinute): Date {
  return new Date(instant * 60_000);
}
