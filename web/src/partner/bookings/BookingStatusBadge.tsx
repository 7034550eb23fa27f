import { BOOKING_STATUS_LABELS, type BookingStatus } from './model';

export function BookingStatusBadge({ status, label }: { status: BookingStatus; label?: string }) {
  return (
    <span className={`badge status-${status}`} data-testid="booking-status" data-status={status}>
      {BOOKING_STATUS_LABELS[status] ?? label ?? status}
    </span>
  );
}
