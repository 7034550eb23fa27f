import type { BookingStatus } from '../../api/models';
import { BOOKING_STATUS_LABELS } from '../../../../src/shared/labels/bookings';

export function BookingStatusBadge({ status, label }: { status: BookingStatus; label?: string }) {
  return (
    <span className={`badge status-${status}`} data-testid="booking-status" data-status={status}>
      {label ?? BOOKING_STATUS_LABELS[status] ?? status}
    </span>
  );
}
