import * as gazette from '@hyunbinseo/holidays-kr/all';

/**
 * OPS-1: South Korea's public holidays (공휴일), from the maintained package
 * `@hyunbinseo/holidays-kr` (its synchronous `/all` export: one object per
 * year, `y2018` … `y2027`, `{ '2026-12-25': ['기독탄신일'], … }`), which
 * follows the official gazette: 대체공휴일 and election days included. Never a
 * hand-typed table: the package is updated yearly (a new major-year release
 * adds the next year), and every year it exports is read here, so updating
 * the dependency is all a new year needs.
 *
 * A year the package does not cover has no holidays here: a place is then
 * only closed by its weekly hours and its 임시휴무 on such days.
 */

export type HolidayCalendar = ReadonlyMap<string, readonly string[]>;

function buildCalendar(): { calendar: HolidayCalendar; years: number[] } {
  const calendar = new Map<string, readonly string[]>();
  const years: number[] = [];
  for (const [name, table] of Object.entries(gazette as Record<string, unknown>)) {
    const year = /^y(\d{4})$/.exec(name)?.[1];
    if (!year || typeof table !== 'object' || table === null) continue;
    years.push(Number(year));
    for (const [date, names] of Object.entries(table as Record<string, readonly string[]>)) calendar.set(date, [...names]);
  }
  return { calendar: new Map([...calendar.entries()].sort(([a], [b]) => (a < b ? -1 : 1))), years: years.sort((a, b) => a - b) };
}

const built = buildCalendar();

/** Every public holiday the package knows, in date order: date → names. */
export const KOREAN_HOLIDAYS: HolidayCalendar = built.calendar;

/** The years the package covers (2018 … 2027 in 5.2027.x). */
export const HOLIDAY_YEARS: { first: number; last: number } = { first: built.years[0]!, last: built.years[built.years.length - 1]! };

/** The holidays of the local dates [from, to] (both inclusive), in date order. */
export function holidaysBetween(calendar: HolidayCalendar, from: string, to: string): { date: string; names: readonly string[] }[] {
  const found: { date: string; names: readonly string[] }[] = [];
  for (const [date, names] of calendar) if (date >= from && date <= to) found.push({ date, names });
  return found;
}
