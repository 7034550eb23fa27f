import { DateTime } from 'luxon';

/** A calendar day in a business's time zone, as the half-open UTC range [from, to). */
export function dayRange(date: string, days: number, timeZone: string): { from: Date; to: Date } {
  const start = DateTime.fromISO(date, { zone: timeZone }).startOf('day');
  if (!start.isValid) throw new RangeError(`invalid date ${date}`);
  return { from: start.toJSDate(), to: start.plus({ days }).toJSDate() };
}

/** Today's date (YYYY-MM-DD) in a time zone. */
export function todayIn(timeZone: string, now: Date = new Date()): string {
  return DateTime.fromJSDate(now, { zone: timeZone }).toISODate()!;
}

export function isValidTimeZone(zone: string): boolean {
  return DateTime.local().setZone(zone).isValid;
}

/** The instant at a local wall-clock time in a zone: atLocal('2026-11-23', '10:30', 'Asia/Seoul'). */
export function atLocal(date: string, time: string, timeZone: string): Date {
  return DateTime.fromISO(`${date}T${time}`, { zone: timeZone }).toJSDate();
}
