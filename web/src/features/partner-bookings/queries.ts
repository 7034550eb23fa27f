import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client';
import { keys } from '../../api/keys';
import type { BookingAction, PartnerBooking } from '../../api/models';

/** The home cards and the 고객문의 tab badge; refreshed now and then since bookings arrive from the booking page. */
export const usePartnerSummary = (enabled = true) =>
  useQuery({
    queryKey: keys.partner.summary,
    queryFn: () => api.get('/api/partner/summary'),
    refetchInterval: 60_000,
    enabled,
  });

export const useProductOptions = () =>
  useQuery({
    queryKey: keys.partner.productOptions,
    queryFn: () => api.get('/api/products').then((res) => res.items),
    staleTime: 60_000,
  });

/** Everything a booking's status change shows up in: the lists, the home, the calendar and its schedule panel. */
export function useInvalidateBookings() {
  const queryClient = useQueryClient();
  return (booking?: PartnerBooking) => {
    queryClient.invalidateQueries({ queryKey: keys.partner.all });
    queryClient.invalidateQueries({ queryKey: keys.calendar.all });
    if (booking?.scheduleId) {
      queryClient.invalidateQueries({ queryKey: keys.schedule.one(booking.scheduleId) });
      queryClient.invalidateQueries({ queryKey: keys.schedule.history(booking.scheduleId) });
    }
  };
}

export function useBookingAction(booking: PartnerBooking) {
  const queryClient = useQueryClient();
  const invalidate = useInvalidateBookings();
  return useMutation({
    mutationFn: ({ action, reason }: { action: BookingAction; reason?: string }) =>
      api.post(`/api/bookings/{id}/${action}`, { path: { id: booking.id }, body: reason ? { reason } : {} }),
    onSuccess: (updated) => {
      if (updated?.id) queryClient.setQueryData(keys.partner.booking(updated.id), updated);
      invalidate(booking);
    },
  });
}

/** PAY-2: 결제만 취소: the booking stays 이용완료, what is left of its payment is refunded. */
export function useCancelPaymentOnly(booking: PartnerBooking) {
  const queryClient = useQueryClient();
  const invalidate = useInvalidateBookings();
  return useMutation({
    mutationFn: (reason: string) => api.post('/api/bookings/{id}/payment/cancel', { path: { id: booking.id }, body: reason ? { reason } : {} }),
    onSuccess: (updated) => {
      if (updated?.id) queryClient.setQueryData(keys.partner.booking(updated.id), updated);
      invalidate(booking);
    },
  });
}

/** PAY-2: a failed refund sent again; the booking is read again for its new status. */
export function useRetryRefund(booking: PartnerBooking) {
  const invalidate = useInvalidateBookings();
  return useMutation({
    mutationFn: (refundId: string) => api.post('/api/payments/refunds/{id}/retry', { path: { id: refundId } }),
    onSuccess: () => invalidate(booking),
  });
}
