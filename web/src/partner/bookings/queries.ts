import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api';
import { partnerKeys, type BookingAction, type PartnerBooking, type PartnerSummary, type ProductOption } from './model';

/** The home cards and the 고객문의 tab badge; refreshed now and then since bookings arrive from the booking page. */
export const usePartnerSummary = () =>
  useQuery({
    queryKey: partnerKeys.summary,
    queryFn: () => api.get<PartnerSummary>('/api/partner/summary'),
    refetchInterval: 60_000,
  });

export const useProductOptions = () =>
  useQuery({
    queryKey: partnerKeys.productOptions,
    queryFn: () => api.get<{ items: ProductOption[] }>('/api/products').then((res) => res.items),
    staleTime: 60_000,
  });

/** Everything a booking's status change shows up in: the lists, the home, the calendar and its schedule panel. */
export function useInvalidateBookings() {
  const queryClient = useQueryClient();
  return (booking?: PartnerBooking) => {
    queryClient.invalidateQueries({ queryKey: ['partner'] });
    queryClient.invalidateQueries({ queryKey: ['calendar'] });
    if (booking?.scheduleId) {
      queryClient.invalidateQueries({ queryKey: ['schedule', booking.scheduleId] });
      queryClient.invalidateQueries({ queryKey: ['schedule-history', booking.scheduleId] });
    }
  };
}

export function useBookingAction(booking: PartnerBooking) {
  const queryClient = useQueryClient();
  const invalidate = useInvalidateBookings();
  return useMutation({
    mutationFn: ({ action, reason }: { action: BookingAction; reason?: string }) =>
      api.post<PartnerBooking>(`/api/bookings/${booking.id}/${action}`, reason ? { reason } : {}),
    onSuccess: (updated) => {
      if (updated?.id) queryClient.setQueryData(partnerKeys.booking(updated.id), updated);
      invalidate(booking);
    },
  });
}
