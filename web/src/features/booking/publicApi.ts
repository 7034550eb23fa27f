import { useQuery } from '@tanstack/react-query';
import { ApiError, api, type Body } from '../../api/client';
import { keys } from '../../api/keys';
import type { BookingLineInput, CheckoutInput, CheckoutQuoteInput } from '../../api/models';
import { hasRefundUnderWay } from './checkout';

export function usePublicPlace(placeId: string) {
  return useQuery({ queryKey: keys.booking.place(placeId), queryFn: () => api.get('/api/public/places/{placeId}', { path: { placeId } }) });
}

export function usePublicProduct(productId: string | undefined) {
  return useQuery({
    queryKey: keys.booking.product(productId ?? ''),
    queryFn: () => api.get('/api/public/products/{productId}', { path: { productId: productId ?? '' } }),
    enabled: Boolean(productId),
  });
}

/** At most 62 days per call (the server's limit); callers ask for one month. */
export function useAvailability(productId: string, from: string, to: string, enabled = true) {
  return useQuery({
    queryKey: keys.booking.availability(productId, from, to),
    queryFn: () => api.get('/api/public/products/{id}/availability', { path: { id: productId }, query: { from, to } }),
    enabled,
    // Remaining seats change while the customer looks: keep them fresh.
    staleTime: 15_000,
    refetchInterval: 60_000,
  });
}

export function usePublicBooking(bookingNumber: string, phone: string | null) {
  return useQuery({
    queryKey: keys.booking.booking(bookingNumber, phone ?? ''),
    queryFn: () => api.get('/api/public/bookings/{bookingNumber}', { path: { bookingNumber }, query: { phone: phone ?? '' } }),
    enabled: Boolean(phone),
    // A refund just requested is sent by a job: show it done without a reload.
    refetchInterval: (query) => (hasRefundUnderWay(query.state.data?.payment) ? 5000 : false),
  });
}

export const publicApi = {
  createHold: (productId: string, lines: BookingLineInput[]) => api.post('/api/public/holds', { body: { productId, lines } }),
  releaseHold: (holdId: string) => api.delete('/api/public/holds/{id}', { path: { id: holdId } }),
  createBooking: (input: Body<'/api/public/bookings', 'post'>) =>
    api.post('/api/public/bookings', { body: input }),
  cancelBooking: (bookingNumber: string, phone: string) =>
    api.post('/api/public/bookings/{bookingNumber}/cancel', { path: { bookingNumber }, body: { phone } }),
  /** PAY-1: the price with the coupon and points applied; writes nothing. */
  quoteCheckout: (input: CheckoutQuoteInput) => api.post('/api/public/checkouts/quote', { body: input }),
  /** PAY-1: 결제하기: the order and how to open the payment window (or, for 0원, the booking). */
  createCheckout: (input: CheckoutInput) => api.post('/api/public/checkouts', { body: input }),
  confirmCheckout: (orderId: string, body: { paymentKey: string; amount: number }) =>
    api.post('/api/public/checkouts/{orderId}/confirm', { path: { orderId }, body }),
  getCheckout: (orderId: string) => api.get('/api/public/checkouts/{orderId}', { path: { orderId } }),
  createInquiry: (input: { placeId: string; productId?: string; name: string; phone: string; body: string }) => api.post('/api/public/inquiries', { body: input }),
};

/** Digits and a leading +, as customers type "010-1234-5678" or "010 1234 5678". */
export function normalizePhoneInput(value: string): string {
  return value.trim().replace(/[\s\-().]/g, '');
}

/** A 404, or a 400 for an id that is not even an id (a mangled link): both mean "no such page". */
export function isNotFound(error: unknown): boolean {
  return error instanceof ApiError && (error.status === 404 || (error.status === 400 && error.code === 'VALIDATION_FAILED'));
}

/** The booking's phone, kept for this tab only, so the customer need not type it again right after booking. */
const phoneKey = (bookingNumber: string) => `yeyak.booking.phone.${bookingNumber}`;

export function rememberBookingPhone(bookingNumber: string, phone: string): void {
  try {
    sessionStorage.setItem(phoneKey(bookingNumber), phone);
  } catch {
    // Private modes may refuse storage; the customer then types the phone.
  }
}

export function recalledBookingPhone(bookingNumber: string): string | null {
  try {
    return sessionStorage.getItem(phoneKey(bookingNumber));
  } catch {
    return null;
  }
}

export function forgetBookingPhone(bookingNumber: string): void {
  try {
    sessionStorage.removeItem(phoneKey(bookingNumber));
  } catch {
    // nothing to forget
  }
}
