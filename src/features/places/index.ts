// The places feature's public face: the only file other features (and the app) import.
export * as placesRepository from './repository.ts';
export { CATALOG_READERS } from './access.ts';
export { publicProductUrl } from './domain/urls.ts';
export { ImageStore, normaliseImage } from './images.ts';
export { default as placesRoutes } from './routes.ts';
export { HOLIDAY_YEARS, KOREAN_HOLIDAYS } from './domain/holidays.ts';
export {
  closedDay,
  closedDaysBetween,
  closedTimeOf,
  placeHoursOf,
  weekdayOf,
  weeklyHoursProblem,
  withinHours,
  WEEKDAYS,
  type ClosedDay,
  type ClosedTime,
  type DayHours,
  type LocalUsage,
  type OpeningRules,
  type PlaceWeeklyHours,
  type Weekday,
} from './domain/opening.ts';
export { loadOpeningRules, weeklyHoursOf } from './use-cases/opening-rules.ts';
