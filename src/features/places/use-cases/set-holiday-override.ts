import { AppError } from '../../../platform/errors/registry.ts';
import type { Actor } from '../../auth/index.ts';
import { addDays, holidayStates } from '../domain/opening.ts';
import * as repo from '../repository.ts';
import { bookingsOnClosedDays, lockPlaceOpening, openingContext, presentHoliday, startOfDate } from './opening-support.ts';
import type { Db } from './present.ts';

/**
 * OPS-1: one public holiday kept apart from the place's 공휴일 휴무
 * ("성탄절 진료": closed = false at a clinic; "설날 휴무": closed = true at
 * a café), or, with `closed: null`, back to the default. Answers the holiday
 * as it now is and the live bookings on it when it is now closed.
 */
export async function setHolidayOverride(db: Db, actor: Actor, placeId: string, date: string, closed: boolean | null) {
  return db.transaction().execute(async (trx) => {
    await lockPlaceOpening(trx, actor.businessId, placeId);
    const before = await openingContext(trx, actor.businessId, placeId);
    if (!before.rules.holidays.has(date)) throw new AppError('HOLIDAY_NOT_FOUND', { message: `${date}은(는) 공휴일이 아닙니다. 공휴일 목록에 있는 날짜만 휴무·영업을 따로 정할 수 있습니다.`, details: { date } });
    if (closed === null) await repo.deleteHolidayOverride(trx, actor.businessId, placeId, date);
    else await repo.upsertHolidayOverride(trx, actor.businessId, placeId, date, closed);
    const context = await openingContext(trx, actor.businessId, placeId);
    const holiday = presentHoliday(holidayStates(context.rules, date, date)[0]!);
    const range = { from: maxDate(startOfDate(date, context.timeZone), new Date()), to: startOfDate(addDays(date, 1), context.timeZone) };
    const affectedBookings = holiday.closed ? await bookingsOnClosedDays(trx, actor.businessId, context, range) : [];
    return { ...holiday, affectedBookings };
  });
}

function maxDate(a: Date, b: Date): Date {
  return a.getTime() >= b.getTime() ? a : b;
}
