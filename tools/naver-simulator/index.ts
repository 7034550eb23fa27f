/**
 * The simulated Naver side (NAVER-10, docs/naver-contract.md): a booking
 * generator that sends signed events to the product, and a receiver for the
 * product's commands that records what Naver would tell the customer. Used by
 * tests, the e2e suite and `node src/main.ts simulate-naver`. Talks HTTP only;
 * nothing here opens a database.
 */
export {
  cancelNaverBooking,
  changeNaverBooking,
  createNaverBooking,
  getSimulatedBooking,
  listSimulatedBookings,
  registerNaverProducts,
  sendNaverEvents,
  webhookUrl,
  NAVER_SIDE_STATUS_LABELS,
  type BookingOption,
  type BurstOptions,
  type ChangeBookingInput,
  type CreateBookingInput,
  type Delivery,
  type NaverSideStatus,
  type SendOptions,
  type SendOutcome,
  type SimulatedBooking,
} from './bookings.ts';
export { SIMULATOR_DEFAULT_PORT, SIMULATOR_DEFAULT_URL, type ConfirmationMode, type NaverProduct } from './catalog.ts';
export { customerNotification } from './notifications.ts';
export { startNaverSimulator, type NaverSimulator, type NaverSimulatorOptions, type ReceivedCommand } from './receiver.ts';
export { runSimulateNaver, USAGE as SIMULATE_NAVER_USAGE } from './cli.ts';
