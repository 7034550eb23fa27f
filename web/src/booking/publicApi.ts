import { useQuery } from '@tanstack/react-query';
import { ApiError, api, queryString } from '../api';
import type { Availability, BookingLineInput, Hold, PublicBooking, PublicPlace, PublicProduct } from './types';

const enc = encodeURIComponent;

export const publicKeys = {
  place: (placeId: string) => ['public', 'place', placeId] as const,
  product: (productId: string) => ['public', 'product', productId] as const,
  availability: (productId: string) => ['public', 'availability', productId] as const,
  availabilityRange: (productId: string, from: string, to: string) => ['public', 'availability', productId, from, to] as const,
  booking: (bookingNumber: string, phone: string) => ['public', 'booking', bookingNumber, phone] as const,
};

export function usePublicPlace(placeId: string) {
  return useQuery({
    queryKey: publicKeys.place(placeId),
    queryFn: () => api.get<PublicPlace>(`/api/public/places/${enc(placeId)}`),
  });
}

export function usePublicProduct(productId: string | undefined) {
  return useQuery({
    queryKey: publicKeys.product(productId ?? ''),
    queryFn: () => api.get<PublicProduct>(`/api/public/products/${enc(productId ?? '')}`),
    enabled: Boolean(productId),
  });
}

/** At most 62 days per call (the server's limit); callers ask for one month. */
export function useAvailability(productId: string, from: string, to: string, enabled = true) {
  return useQuery({
    queryKey: publicKeys.availabilityRange(productId, from, to),
    queryFn: () => api.get<Availability>(`/api/public/products/${enc(productId)}/availability${queryString({ from, to })}`),
    enabled,
    // Remaining seats change while the customer looks: keep them fresh.
    staleTime: 15_000,
    refetchInterval: 60_000,
  });
}

export function usePublicBooking(bookingNumber: string, phone: string | null) {
  return useQuery({
    queryKey: publicKeys.booking(bookingNumber, phone ?? ''),
    queryFn: () => api.get<PublicBooking>(`/api/public/bookings/${enc(bookingNumber)}${queryString({ phone: phone ?? '' })}`),
    enabled: Boolean(phone),
  });
}

export const publicApi = {
  createHold: (productId: string, lines: BookingLineInput[]) => api.post<Hold>('/api/public/holds', { productId, lines }),
  releaseHold: (holdId: string) => api.delete<unknown>(`/api/public/holds/${enc(holdId)}`),
  createBooking: (input: { productId: string; holdId?: string; lines: BookingLineInput[]; customer: { name: string; phone: string }; request?: string }) =>
    api.post<PublicBooking>('/api/public/bookings', input),
  cancelBooking: (bookingNumber: string, phone: string) => api.post<PublicBooking>(`/api/public/bookings/${enc(bookingNumber)}/cancel`, { phone }),
  createInquiry: (input: { placeId: string; productId?: string; name: string; phone: string; body: string }) => api.post<unknown>('/api/public/inquiries', input),
};

/** Digits and a leading +, as customers type "010-1234-5678" or "010 1234 5678". */
export function normalizePhoneInput(value: string): string {
  return value.trim().replace(/[\s\-().]/g, '');
}

/** A 404, or a 400 for an id that is not even an id (a mangled link): both mean "no such page". */
export function isNotFound(error: unknown): boolean {
  return error instanceof ApiError && (error.status === 404 || (error.status === 400 && error.code === 'VALIDATION_FAILED'));
}

/** "입력값이 올바르지 않습니다: customer.phone - 휴대폰 번호를 …" → the part a customer reads. */
export function fieldMessage(error: ApiError): string {
  return error.message.replace(/^입력값이 올바르지 않습니다: [\w.\[\]]+ - /, '');
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

export function imageUrl(imageId: string, width: 320 | 640 | 1280): string {
  return `/api/public/images/${enc(imageId)}?w=${width}`;
}
