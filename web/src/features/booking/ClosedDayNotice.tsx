import type { Availability } from '../../api/models';
import { closedRunText, closedRunsOf } from './closedDays';

/**
 * OPS-1: under the booking page's calendar, the days of the shown month the
 * place is closed and why ("12월 25일 (금) 공휴일 휴무: 기독탄신일"); the
 * calendar itself only disables them.
 */
export function ClosedDayNotice({ availability, today }: { availability: Availability | undefined; today: string }) {
  const runs = closedRunsOf(availability, today);
  if (runs.length === 0) return null;
  return (
    <div className="bk-notice bk-notice-info" role="note" data-testid="closed-days">
      <strong>휴무 안내</strong>
      <ul style={{ margin: '4px 0 0', paddingLeft: 18 }}>
        {runs.map((run) => (
          <li key={run.from}>{closedRunText(run)}</li>
        ))}
      </ul>
    </div>
  );
}
