import { DateTime } from 'luxon';

/**
 * MSG-9: advertising is never sent from 21:00:00 to 07:59:59.999 on the
 * business's wall clock (정보통신망법 제50조 ③: 야간 광고 전송 제한; the
 * product asks for no separate night consent and simply never sends then).
 * The window is read in the business's zone, never the server's.
 */
export const QUIET_HOURS_START_HOUR = 21;
export const QUIET_HOURS_END_HOUR = 8;

export const QUIET_HOURS_MESSAGE = '광고 메시지는 21:00 ~ 다음 날 08:00 사이에 보낼 수 없습니다. 08:00 이후로 예약해 주세요.';

function localOf(instant: Date, zone: string): DateTime {
  const local = DateTime.fromJSDate(instant, { zone });
  if (!local.isValid) throw new RangeError(`invalid time zone ${zone}`);
  return local;
}

/** True from local 21:00:00 up to and including 07:59:59.999. */
export function isQuietHour(instant: Date, zone: string): boolean {
  const { hour } = localOf(instant, zone);
  return hour >= QUIET_HOURS_START_HOUR || hour < QUIET_HOURS_END_HOUR;
}

/**
 * The instant itself when advertising may go then, otherwise the next local
 * 08:00:00 (the same morning before 08:00, the next morning after 21:00).
 * A scheduled send that comes due inside the window waits until this.
 */
export function nextAllowedInstant(instant: Date, zone: string): Date {
  const local = localOf(instant, zone);
  if (!isQuietHour(instant, zone)) return new Date(instant.getTime());
  const day = local.hour >= QUIET_HOURS_START_HOUR ? local.plus({ days: 1 }) : local;
  return day.set({ hour: QUIET_HOURS_END_HOUR, minute: 0, second: 0, millisecond: 0 }).toJSDate();
}
