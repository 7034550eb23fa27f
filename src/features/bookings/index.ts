// The bookings feature's public face: the only file other features (and the app) import.
export { bookingScheduleHooks } from './schedule-hooks.ts';
export {
  registerBookingHooks,
  registerBookingPaymentDescriber,
  type BookingHooks,
  type BookingPaymentDescriber,
  type BookingPaymentView,
  type BookingCreated,
  type BookingFacts,
  type BookingStatusChange,
  type InquiryReplied,
} from './hooks.ts';
export { default as bookingsRoutes } from './routes.ts';
export { bookingPaymentReply, partnerBookingReply as partnerBookingReplySchema, publicBookingReply } from './schemas.ts';
export { getBooking as getBookingForPartner } from './use-cases/get-booking.ts';
export { actOnBooking } from './use-cases/act-on-booking.ts';
export { bookingStatusOf } from './use-cases/booking-status.ts';
export { cancelOwnBooking } from './use-cases/cancel-own-booking.ts';
export { bookingCustomer, checkBooking, createBooking, presentNewBooking, requirePrivacyConsent, writeBooking, type CheckedBooking, type NewBookingInput } from './use-cases/create-booking.ts';
export { holdForCheckout, releaseCheckoutHold } from './use-cases/checkout-holds.ts';
export { createInquiry } from './use-cases/create-inquiry.ts';
export { getAvailability } from './use-cases/get-availability.ts';
export { consents as bookingConsentsInput, lines as bookingLinesInput, phoneInput } from './routes/requests.ts';
