import { formatterPerZone, zonedParts } from './time.ts';

const pad = (n: number) => String(n).padStart(2, '0');

export function formatWon(amount: number): string {
  return `${amount.toLocaleString('ko-KR')}원`;
}

export { formatPhone } from './phone.ts';

const titleFormatter = new Intl.DateTimeFormat('ko-KR', { timeZone: 'UTC', year: 'numeric', month: 'long', day: 'numeric' });
const shortTitleFormatter = new Intl.DateTimeFormat('ko-KR', { timeZone: 'UTC', month: 'long', day: 'numeric' });
const weekdayFormatter = new Intl.DateTimeFormat('ko-KR', { timeZone: 'UTC', weekday: 'short' });

const keyToDate = (dateKey: string) => new Date(`${dateKey}T00:00:00Z`);

export function weekdayLabel(dateKey: string): string {
  return weekdayFormatter.format(keyToDate(dateKey));
}

/** "2026년 11월 23일 (월)" */
export function formatDateTitle(dateKey: string): string {
  return `${titleFormatter.format(keyToDate(dateKey))} (${weekdayLabel(dateKey)})`;
}

/** "11월 23일 (월)" */
export function formatShortDateTitle(dateKey: string): string {
  return `${shortTitleFormatter.format(keyToDate(dateKey))} (${weekdayLabel(dateKey)})`;
}

/** "2026-11-23" in the business zone. */
export function formatDate(instant: string, timeZone: string): string {
  const p = zonedParts(instant, timeZone);
  return `${p.year}-${pad(p.month)}-${pad(p.day)}`;
}

/** "14:05" in the business zone. */
export function formatTime(instant: string, timeZone: string): string {
  const p = zonedParts(instant, timeZone);
  return `${pad(p.hour)}:${pad(p.minute)}`;
}

/** "2026-11-23 14:05" in the business zone. */
export function formatDateTime(instant: string, timeZone: string): string {
  return `${formatDate(instant, timeZone)} ${formatTime(instant, timeZone)}`;
}

export function formatTimeRange(startsAt: string, endsAt: string, timeZone: string): string {
  return `${formatTime(startsAt, timeZone)}–${formatTime(endsAt, timeZone)}`;
}

const friendlyFormatter = formatterPerZone({ month: 'long', day: 'numeric', weekday: 'short', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }, 'ko-KR');

/** "11월 23일 (월) 14:05" */
export function formatFriendlyDateTime(instant: string, timeZone: string): string {
  return friendlyFormatter(timeZone).format(new Date(instant));
}
