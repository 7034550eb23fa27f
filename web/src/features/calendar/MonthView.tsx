import { useQueries } from '@tanstack/react-query';
import { api, errorMessage } from '../../api/client';
import { keys } from '../../api/keys';
import type { Schedule } from '../../api/models';
import { SCHEDULE_STATUS_LABELS } from '../../../../src/shared/labels/schedules';
import { formatDateTitle } from '../../../../src/shared/format';
import { todayKey } from '../../../../src/shared/time';
import { MONTH_WEEKDAYS, monthWeeks, summarizeDay } from './model';

/** How many schedules a month cell names before "+N건". */
const NAMES_PER_DAY = 3;

interface MonthViewProps {
  /** Any day of the month shown. */
  date: string;
  timeZone: string;
  showCancelled: boolean;
  /** A day clicked: its day view. */
  onPickDay: (dateKey: string) => void;
}

/**
 * OPS-6 월간: the month as Korean wall calendars draw it (일 … 토), each day
 * with its count (cancelled never counted) and its first few customers. The
 * calendar API serves at most 7 days at a time, so each week row is its own
 * request, shared with the cache like any other range.
 */
export function MonthView({ date, timeZone, showCancelled, onPickDay }: MonthViewProps) {
  const weeks = monthWeeks(date);
  const month = date.slice(0, 7);
  const today = todayKey(timeZone);
  const results = useQueries({
    queries: weeks.map((week) => ({
      queryKey: keys.calendar.range(week[0]!, 7),
      queryFn: () => api.get('/api/calendar', { query: { date: week[0]!, days: 7 } }),
    })),
  });
  const failed = results.find((r) => r.isError);
  const schedules: Schedule[] = results.flatMap((r) => r.data?.schedules ?? []);
  const loading = results.some((r) => r.isPending);

  return (
    <div className="month-view" data-testid="month-view" aria-busy={loading} data-loaded={!loading && !failed ? 'true' : undefined}>
      {loading && (
        <p className="month-loading muted" role="status">
          불러오는 중…
        </p>
      )}
      {failed && (
        <div className="month-error">
          <p className="form-error">{errorMessage(failed.error)}</p>
          <button type="button" className="btn" onClick={() => results.forEach((r) => r.isError && r.refetch())}>
            다시 시도
          </button>
        </div>
      )}
      <div className="month-grid" role="grid" aria-label={`${Number(month.slice(0, 4))}년 ${Number(month.slice(5))}월`}>
        <div className="month-row month-head" role="row">
          {MONTH_WEEKDAYS.map((day, i) => (
            <div key={day} role="columnheader" className={`month-weekday${i === 0 ? ' sun' : i === 6 ? ' sat' : ''}`}>
              {day}
            </div>
          ))}
        </div>
        {weeks.map((week, row) => (
          <div key={week[0]} className="month-row" role="row">
            {week.map((dateKey, i) => {
              const summary = summarizeDay(schedules, dateKey, timeZone, { limit: NAMES_PER_DAY, showCancelled });
              const outside = dateKey.slice(0, 7) !== month;
              const weekLoaded = results[row]?.isSuccess;
              const classes = ['month-day', outside && 'outside', dateKey === today && 'today', i === 0 && 'sun', i === 6 && 'sat'].filter(Boolean).join(' ');
              return (
                <button
                  key={dateKey}
                  type="button"
                  role="gridcell"
                  className={classes}
                  data-testid="month-day"
                  data-date={dateKey}
                  data-count={weekLoaded ? summary.count : undefined}
                  aria-label={`${formatDateTitle(dateKey)} 일정 ${summary.count}건`}
                  onClick={() => onPickDay(dateKey)}
                >
                  <span className="month-day-head">
                    <span className="month-day-number">{Number(dateKey.slice(8))}</span>
                    {weekLoaded && summary.count > 0 && <span className="month-day-count">{summary.count}건</span>}
                  </span>
                  <span className="month-day-list">
                    {summary.first.map((item) => (
                      <span key={item.id} className={`month-item status-${item.status}`} title={`${item.time} ${item.name} · ${SCHEDULE_STATUS_LABELS[item.status]}`}>
                        <span className="month-item-time">{item.time}</span> <span className="month-item-name">{item.name}</span>
                      </span>
                    ))}
                    {summary.rest > 0 && <span className="month-more">+{summary.rest}건</span>}
                  </span>
                </button>
              );
            })}
          </div>
        ))}
      </div>
    </div>
  );
}
