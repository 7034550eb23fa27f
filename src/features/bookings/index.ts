// The bookings feature's public face: the only file other features (and the app) import.
export { bookingScheduleHooks } from './schedule-hooks.ts';
export { registerBookingHooks, type BookingHooks, type BookingStatusChange } from './hooks.ts';
export { default as bookingsRoutes } from './routes.ts';
export { cancelOwnBooking } from './use-cases/cancel-own-booking.ts';
export { createBooking } from './use-cases/create-booking.ts';
export { createInquiry } from './use-cases/create-inquiry.ts';
export { getAvailability } from './use-cases/get-availability.ts';
