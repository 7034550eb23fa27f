import { SCHEDULE_STATUS_LABELS } from '../../../../src/shared/labels/schedules';
import type { ScheduleSource, ScheduleStatus } from '../../api/models';

/** A cancelled schedule whose booking the shop rejected reads 거절, not 취소. */
export function scheduleStatusLabel(status: ScheduleStatus, rejected = false): string {
  return rejected && status === 'cancelled' ? '거절' : (SCHEDULE_STATUS_LABELS[status] ?? status);
}

export function StatusBadge({ status, rejected = false }: { status: ScheduleStatus; rejected?: boolean }) {
  return <span className={`badge status-${status}`}>{scheduleStatusLabel(status, rejected)}</span>;
}

export function SourceBadge({ source }: { source: ScheduleSource }) {
  if (source === 'naver') {
    return (
      <span className="badge source-naver" title="네이버예약">
        N
      </span>
    );
  }
  if (source === 'booking_page') {
    return (
      <span className="badge source-booking-page" title="예약페이지" aria-label="예약페이지">
        예
      </span>
    );
  }
  return null;
}
