import { addDays } from '../../../../src/shared/time';
import { formatDateKey, formatMonthKey } from './bookingFormat';
import type { DateState } from './model';


interface MonthCalendarProps {
  /** "2026-12" */
  monthKey: string;
  today: string;
  dates: ReadonlyMap<string, DateState>;
  /** OPS-1: the days the place is closed, with why (공휴일 휴무: 기독탄신일, 임시휴무: …): marked 휴무, not just greyed. */
  closed?: ReadonlyMap<string, string>;
  selected: string | null;
  onSelect: (date: string) => void;
  onPrev: () => void;
  onNext: () => void;
  canPrev: boolean;
  canNext: boolean;
  loading: boolean;
}

const WEEKDAYS = ['일', '월', '화', '수', '목', '금', '토'];

export function monthKeyOf(dateKey: string): string {
  return dateKey.slice(0, 7);
}

export function addMonthsToKey(monthKey: string, months: number): string {
  const [y, m] = monthKey.split('-').map(Number);
  const d = new Date(Date.UTC(y, m - 1 + months, 1));
  return d.toISOString().slice(0, 7);
}

export function monthRange(monthKey: string): { first: string; last: string } {
  const [y, m] = monthKey.split('-').map(Number);
  const days = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return { first: `${monthKey}-01`, last: `${monthKey}-${String(days).padStart(2, '0')}` };
}

/** A month of days, Sunday first as Korean booking calendars are; days with nothing to book are disabled. */
export function MonthCalendar({ monthKey, today, dates, closed, selected, onSelect, onPrev, onNext, canPrev, canNext, loading }: MonthCalendarProps) {
  const { first, last } = monthRange(monthKey);
  const leading = new Date(`${first}T00:00:00Z`).getUTCDay();
  const cells: (string | null)[] = Array.from({ length: leading }, () => null);
  for (let day = first; day <= last; day = addDays(day, 1)) cells.push(day);
  while (cells.length % 7 !== 0) cells.push(null);

  return (
    <div className="bk-calendar" aria-busy={loading}>
      <div className="bk-calendar-nav">
        <button type="button" className="bk-icon-btn" onClick={onPrev} disabled={!canPrev} aria-label="이전 달">
          ‹
        </button>
        <h3 className="bk-calendar-title" aria-live="polite">
          {formatMonthKey(monthKey)}
        </h3>
        <button type="button" className="bk-icon-btn" onClick={onNext} disabled={!canNext} aria-label="다음 달">
          ›
        </button>
      </div>
      <div className="bk-calendar-grid" role="grid" aria-label={`${formatMonthKey(monthKey)} 날짜`}>
        <div role="row" className="bk-calendar-row">
          {WEEKDAYS.map((w, i) => (
            <span role="columnheader" key={w} className={`bk-calendar-weekday${i === 0 ? ' is-sun' : i === 6 ? ' is-sat' : ''}`}>
              {w}
            </span>
          ))}
        </div>
        {Array.from({ length: cells.length / 7 }, (_, row) => (
          <div role="row" className="bk-calendar-row" key={row}>
            {cells.slice(row * 7, row * 7 + 7).map((day, col) => {
              if (!day) return <span role="gridcell" key={`empty-${col}`} className="bk-calendar-cell is-empty" />;
              const state = day >= today ? dates.get(day) : undefined;
              const isSelected = day === selected;
              const closedReason = day >= today && !state ? closed?.get(day) : undefined;
              const label = `${formatDateKey(day)}${state === 'bookable' ? ' 예약 가능' : state === 'not_open' ? ' 오픈 예정' : closedReason ? ` 휴무 (${closedReason})` : ' 예약 불가'}`;
              return (
                <span role="gridcell" key={day} className="bk-calendar-cell">
                  <button
                    type="button"
                    className={`bk-day${isSelected ? ' is-selected' : ''}${state === 'not_open' ? ' is-not-open' : ''}${day === today ? ' is-today' : ''}${closedReason ? ' is-closed' : ''}${col === 0 ? ' is-sun' : col === 6 ? ' is-sat' : ''}`}
                    disabled={!state}
                    aria-pressed={isSelected}
                    aria-label={label}
                    data-date={day}
                    onClick={() => onSelect(day)}
                    title={closedReason}
                  >
                    {Number(day.slice(8))}
                    {closedReason && (
                      <span className="bk-day-closed" aria-hidden="true">
                        휴무
                      </span>
                    )}
                  </button>
                </span>
              );
            })}
          </div>
        ))}
      </div>
    </div>
  );
}
