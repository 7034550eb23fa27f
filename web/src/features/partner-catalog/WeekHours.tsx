import { minutesLabel } from '../../../../src/shared/time';
import { WEEKDAYS, WEEKDAY_LABELS } from './labels';
import type { WeeklyHours } from '../../api/models';

/**
 * Weekly hours as minutes of the day per weekday (1 = 월 … 7 = 일), the shape
 * of a product's 운영기간 and of a place's 영업시간 (OPS-1): the form's draft,
 * its editor and a one-line summary.
 */

export interface RangeDraft {
  open: string;
  close: string;
}

export type WeekDraft = Record<string, RangeDraft[]>;

const toMinute = (text: string) => {
  const [h, m] = text.split(':').map(Number);
  return h * 60 + m;
};

export function weekDraftOf(hours: WeeklyHours | null | undefined): WeekDraft {
  const draft: WeekDraft = {};
  for (const day of WEEKDAYS) {
    draft[day] = (hours?.[day] ?? []).map((r) => ({ open: minutesLabel(r.openMinute), close: r.closeMinute >= 1440 ? '00:00' : minutesLabel(r.closeMinute) }));
  }
  return draft;
}

/** The draft as the API takes it; a closing time of 00:00 is midnight (1440). */
export function weeklyHoursOfDraft(week: WeekDraft): WeeklyHours {
  const weeklyHours: WeeklyHours = {};
  for (const day of WEEKDAYS) weeklyHours[day] = week[day].map((r) => ({ openMinute: toMinute(r.open), closeMinute: r.close === '00:00' ? 1440 : toMinute(r.close) }));
  return weeklyHours;
}

/** Weekdays whose ranges are empty or start after they end: what the form says before the server does. */
export function badWeekdays(week: WeekDraft): string[] {
  return WEEKDAYS.filter((day) => week[day].some((r) => !r.open || !r.close || (r.close !== '00:00' && toMinute(r.close) <= toMinute(r.open))));
}

export const DEFAULT_WEEK: WeekDraft = {
  '1': [{ open: '09:00', close: '18:00' }],
  '2': [{ open: '09:00', close: '18:00' }],
  '3': [{ open: '09:00', close: '18:00' }],
  '4': [{ open: '09:00', close: '18:00' }],
  '5': [{ open: '09:00', close: '18:00' }],
  '6': [],
  '7': [],
};

const hoursKey = (ranges: { openMinute: number; closeMinute: number }[] | undefined) =>
  (ranges ?? []).map((r) => `${minutesLabel(r.openMinute)}–${r.closeMinute >= 1440 ? '24:00' : minutesLabel(r.closeMinute)}`).join(', ');

/** "월–금 09:00–18:00 · 토 10:00–14:00 · 일 휴무": runs of weekdays with the same hours. */
export function WeeklySummary({ hours }: { hours: WeeklyHours }) {
  const runs: { from: string; to: string; text: string }[] = [];
  for (const day of WEEKDAYS) {
    const text = hoursKey(hours[day]) || '휴무';
    const last = runs[runs.length - 1];
    if (last && last.text === text) last.to = day;
    else runs.push({ from: day, to: day, text });
  }
  return (
    <span className="cat-weekly">
      {runs.map((run) => (
        <span key={run.from} className={run.text === '휴무' ? 'muted' : undefined}>
          <strong>{run.from === run.to ? WEEKDAY_LABELS[run.from] : `${WEEKDAY_LABELS[run.from]}–${WEEKDAY_LABELS[run.to]}`}</strong> {run.text}
        </span>
      ))}
    </span>
  );
}

/** One row per weekday with its time ranges (+ 시간대, ✕), and the "월요일 시간을 …에 적용" tools. */
export function WeekHoursEditor({ week, onChange, disabled }: { week: WeekDraft; onChange: (next: WeekDraft) => void; disabled?: boolean }) {
  const setDay = (day: string, ranges: RangeDraft[]) => onChange({ ...week, [day]: ranges });
  const copyMonday = (days: readonly string[]) => onChange({ ...week, ...Object.fromEntries(days.map((d) => [d, week['1'].map((r) => ({ ...r }))])) });
  return (
    <>
      <div className="cat-week">
        {WEEKDAYS.map((day) => (
          <div key={day} className="cat-week-row" data-testid={`weekday-${day}`}>
            <span className={`cat-week-day${day === '6' ? ' sat' : day === '7' ? ' sun' : ''}`}>{WEEKDAY_LABELS[day]}</span>
            <div className="cat-week-ranges">
              {week[day].length === 0 && <span className="muted">휴무</span>}
              {week[day].map((range, index) => (
                <span key={index} className="cat-range">
                  <input
                    type="time"
                    step={300}
                    aria-label={`${WEEKDAY_LABELS[day]} 시작`}
                    value={range.open}
                    disabled={disabled}
                    onChange={(e) => setDay(day, week[day].map((r, i) => (i === index ? { ...r, open: e.target.value } : r)))}
                  />
                  ~
                  <input
                    type="time"
                    step={300}
                    aria-label={`${WEEKDAY_LABELS[day]} 종료`}
                    value={range.close}
                    disabled={disabled}
                    onChange={(e) => setDay(day, week[day].map((r, i) => (i === index ? { ...r, close: e.target.value } : r)))}
                  />
                  <button type="button" className="icon-btn" aria-label="시간대 삭제" disabled={disabled} onClick={() => setDay(day, week[day].filter((_, i) => i !== index))}>
                    ✕
                  </button>
                </span>
              ))}
            </div>
            <button
              type="button"
              className="link-btn"
              disabled={disabled}
              onClick={() => {
                const last = week[day][week[day].length - 1];
                setDay(day, [...week[day], last ? { open: last.close === '00:00' ? '23:00' : last.close, close: '00:00' } : { open: '09:00', close: '18:00' }]);
              }}
            >
              + 시간대
            </button>
          </div>
        ))}
      </div>
      <div className="cat-week-tools">
        <button type="button" className="btn btn-sm" disabled={disabled} onClick={() => copyMonday(['2', '3', '4', '5'])}>
          월요일 시간을 평일에 적용
        </button>
        <button type="button" className="btn btn-sm" disabled={disabled} onClick={() => copyMonday(['2', '3', '4', '5', '6', '7'])}>
          월요일 시간을 모든 요일에 적용
        </button>
      </div>
    </>
  );
}
