import { STATUS_LABELS } from '../labels';
import type { ScheduleSource, ScheduleStatus } from '../types';

export function StatusBadge({ status }: { status: ScheduleStatus }) {
  return <span className={`badge status-${status}`}>{STATUS_LABELS[status] ?? status}</span>;
}

export function SourceBadge({ source }: { source: ScheduleSource }) {
  if (source !== 'naver') return null;
  return (
    <span className="badge source-naver" title="네이버예약">
      N
    </span>
  );
}
