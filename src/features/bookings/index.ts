// The bookings feature's public face: the only file other features (and the app) import.
export * as bookingsService from './service.ts';
export { applyScheduleStatusToBooking } from './service.ts';
export { bookingNumberOfSchedule } from './service.ts';
export { default as bookingsRoutes } from './routes.ts';
export { bookingScheduleHooks } from './schedule-hooks.ts';
