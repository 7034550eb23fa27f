// The products feature's public face: the only file other features (and the app) import.
export * as productsRepository from './repository/products.ts';
export { parseCancellationPolicy, type CancellationTier } from './domain/cancellation-policy.ts';
export type { BookingLine, ScheduledProduct, ServiceType, TimeSlotProduct } from './domain/model.ts';
export type { LoadedProduct } from './repository/product-store.ts';
export { checkLineBookable, closedDaysOf, scheduleAvailability, timeSlotAvailability } from './domain/availability.ts';
export {
  civilOf,
  dateOfEpochMinute,
  epochDayFromLocal,
  epochMinuteOf,
  formatLocalDate,
  formatLocalTime,
  isoWeekday,
  localDayOf,
  localOf,
  parseLocalDate,
  startOfLocalDay,
  zonedInstant,
  zoneOf,
} from './domain/calendar.ts';
export { dateTimeKey } from './domain/model.ts';
export { bookingDemand } from './domain/product-pools.ts';
export { validateProduct } from './domain/validation.ts';
export { findProductBusiness, loadProduct } from './repository/product-store.ts';
export { default as productsRoutes } from './routes.ts';
