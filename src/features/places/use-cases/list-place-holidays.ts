import { AppError } from '../../../platform/errors/registry.ts';
import { todayIn } from '../../../platform/time.ts';
import type { Actor } from '../../auth/index.ts';
import { HOLIDAY_YEARS } from '../domain/holidays.ts';
import { addDays, daysBetween, holidayStates } from '../domain/opening.ts';
import { openingContext, presentHoliday } from './opening-support.ts';
import type { Db } from './present.ts';

/** The coming holidays shown by default: a year from today. */
export const HOLIDAYS_DEFAULT_DAYS = 365;
/** At most this many days per read. */
export const HOLIDAYS_MAX_DAYS = 731;

/**
 * OPS-1: the public holidays of [from, to] (default: today and the year
 * after) with whether this place is closed on each, and which ones it set
 * apart from its 공휴일 휴무. Years the holiday package does not cover have
 * none (`holidayYears` says which it covers).
 */
export async function listPlaceHolidays(db: Db, actor: Actor, placeId: string, range: { from?: string | undefined; to?: string | undefined }) {
  const context = await openingContext(db, actor.businessId, placeId);
  const from = range.from ?? todayIn(context.timeZone);
  const to = range.to ?? addDays(from, HOLIDAYS_DEFAULT_DAYS - 1);
  if (to < from) throw new AppError('VALIDATION_FAILED', { message: '조회 기간이 올바르지 않습니다. from 은 to 와 같거나 빨라야 합니다.' });
  if (daysBetween(from, to) + 1 > HOLIDAYS_MAX_DAYS) throw new AppError('VALIDATION_FAILED', { message: `한 번에 ${HOLIDAYS_MAX_DAYS}일까지 조회할 수 있습니다.` });
  return {
    from,
    to,
    holidaysClosed: context.rules.holidaysClosed,
    holidayYears: HOLIDAY_YEARS,
    items: holidayStates(context.rules, from, to).map(presentHoliday),
  };
}
