import type { ServiceType } from '../../../platform/db/types.ts';
import { KOREAN_HOLIDAYS } from '../domain/holidays.ts';
import { holidayDefaultClosed, WEEKDAYS, type DayHours, type OpeningRules, type PlaceWeeklyHours, type Weekday } from '../domain/opening.ts';
import * as repo from '../repository.ts';
import type { Db } from './present.ts';

/** What a place row says about its opening (OPS-1), before its holidays and closures are read. */
export interface PlaceOpeningColumns {
  id: string;
  weekly_hours: unknown;
  holidays_closed: boolean | null;
}

/** A weekly hours column as the rules read it: every weekday present; null = no place-level limit. */
export function weeklyHoursOf(value: unknown): PlaceWeeklyHours | null {
  if (value === null || value === undefined) return null;
  const raw = (typeof value === 'string' ? JSON.parse(value) : value) as Partial<Record<string, DayHours[]>>;
  return Object.fromEntries(WEEKDAYS.map((d) => [d, raw[String(d)] ?? []])) as unknown as Record<Weekday, readonly DayHours[]>;
}

/** 공휴일 휴무 as it applies: the place's own setting, else its category's default. */
export function holidaysClosedOf(setting: boolean | null, serviceType: ServiceType): boolean {
  return setting ?? holidayDefaultClosed(serviceType);
}

/**
 * The place's opening rules: its row's hours and 공휴일 휴무, its holiday
 * overrides and 임시휴무 (two small indexed reads, in parallel), and the
 * public holidays of @hyunbinseo/holidays-kr. The products feature reads
 * them with every product (loadProduct), so availability and the booking
 * transaction see the same rules.
 */
export async function loadOpeningRules(db: Db, businessId: string, place: PlaceOpeningColumns, serviceType: ServiceType): Promise<OpeningRules> {
  const [overrides, closures] = await Promise.all([repo.listHolidayOverrides(db, businessId, place.id), repo.listClosures(db, businessId, place.id)]);
  return {
    weeklyHours: weeklyHoursOf(place.weekly_hours),
    holidaysClosed: holidaysClosedOf(place.holidays_closed, serviceType),
    holidayOverrides: new Map(overrides.map((o) => [o.holiday_date, o.closed])),
    closures: closures.map((c) => ({ id: c.id, from: c.starts_on, to: c.ends_on, reason: c.reason })),
    holidays: KOREAN_HOLIDAYS,
  };
}
