import { SCHEDULE_STATUS_LABELS } from '../../../../src/shared/labels/schedules';
import type { ScheduleSource, ScheduleStatus } from '../../api/models';

export function StatusBadge({ status }: { status: ScheduleStatus }) {
  return <span className={`badge status-${status}`}>{SCHEDULE_STATUS_LABELS[status] ?? status}</span>;
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
