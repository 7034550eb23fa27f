import { DateTime } from 'luxon';
import { QUIET_HOURS_END_HOUR, QUIET_HOURS_START_HOUR } from './quiet-hours.ts';

/**
 * NOTI-2: when a visit's reminder goes. The shop chooses either a day and a
 * time ("the day before at 10:00", the default) or a number of hours
 * before the start, read on the business's wall clock, never the server's.
 *
 * No message to a customer goes between 21:00 and 08:00 (the product's
 * rule for every customer message, not only advertising): a reminder that
 * falls in the night moves earlier, to 20:00 of the evening before the
 * night — or, when it falls after midnight and the visit is after 08:00, to
 * 08:00 of that morning, which is still before the visit. A reminder whose
 * time has passed when it is planned (a booking made the evening before) is
 * not sent: the confirmation told the customer already.
 */
export type ReminderRule = { mode: 'days_before'; days: number; time: string } | { mode: 'hours_before'; hours: number };

export const DEFAULT_REMINDER_RULE: ReminderRule = { mode: 'days_before', days: 1, time: '10:00' };

/** The evening time a night reminder moves back to. */
export const REMINDER_EVENING_HOUR = 20;

function parseTime(time: string): { hour: number; minute: number } {
  const match = /^([01][0-9]|2[0-3]):([0-5][0-9])$/.exec(time);
  if (!match) throw new RangeError(`invalid time ${time}`);
  return { hour: Number(match[1]), minute: Number(match[2]) };
}

/** A time the shop may choose for "N days before at HH:MM": outside the night. */
export function isAllowedReminderTime(time: string): boolean {
  try {
    const { hour } = parseTime(time);
    return hour >= QUIET_HOURS_END_HOUR && hour < QUIET_HOURS_START_HOUR;
  } catch {
    return false;
  }
}

/** The rule's instant, before the night rule. */
function nominal(startsAt: Date, rule: ReminderRule, zone: string): DateTime {
  const start = DateTime.fromJSDate(startsAt, { zone });
  if (!start.isValid) throw new RangeError(`invalid time zone ${zone}`);
  if (rule.mode === 'hours_before') return start.minus({ hours: rule.hours });
  const { hour, minute } = parseTime(rule.time);
  return start.startOf('day').minus({ days: rule.days }).set({ hour, minute, second: 0, millisecond: 0 });
}

/** True inside 21:00:00 … 07:59:59.999 local. */
export function isNight(local: DateTime): boolean {
  return local.hour >= QUIET_HOURS_START_HOUR || local.hour < QUIET_HOURS_END_HOUR;
}

/**
 * The instant the reminder of a visit starting at `startsAt` goes, or null
 * when there is none: the time has passed at `now`, or no time before the
 * visit is outside the night.
 */
export function reminderSendAt(startsAt: Date, rule: ReminderRule, zone: string, now: Date): Date | null {
  let at = nominal(startsAt, rule, zone);
  if (isNight(at)) {
    const morning = at.set({ hour: QUIET_HOURS_END_HOUR, minute: 0, second: 0, millisecond: 0 });
    if (at.hour < QUIET_HOURS_END_HOUR && morning.toMillis() < startsAt.getTime()) at = morning;
    else {
      const eveningDay = at.hour >= QUIET_HOURS_START_HOUR ? at : at.minus({ days: 1 });
      at = eveningDay.set({ hour: REMINDER_EVENING_HOUR, minute: 0, second: 0, millisecond: 0 });
    }
  }
  const instant = at.toJSDate();
  if (instant.getTime() >= startsAt.getTime() || instant.getTime() <= now.getTime()) return null;
  return instant;
}

/**
 * When an informational notice written at `now` may go: at once by day, at
 * 08:00 when written in the night (a booking made at 23:00 is confirmed in
 * the morning).
 */
export function noticeSendAt(now: Date, zone: string): Date {
  const local = DateTime.fromJSDate(now, { zone });
  if (!isNight(local)) return now;
  const day = local.hour >= QUIET_HOURS_START_HOUR ? local.plus({ days: 1 }) : local;
  return day.set({ hour: QUIET_HOURS_END_HOUR, minute: 0, second: 0, millisecond: 0 }).toJSDate();
}
