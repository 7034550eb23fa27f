import type { Availability, ClosedDay } from '../../api/models';
import { addDays } from '../../../../src/shared/time';
import { formatDateKey } from './bookingFormat';

/**
 * OPS-1: the days a place is closed, as the booking page tells the customer
 * (the calendar disables them; this says why). 임시휴무 and closed public
 * holidays are named, consecutive days with the same reason as one run;
 * weekdays the place never opens are left to the calendar.
 */

export interface ClosedRun {
  from: string;
  to: string;
  reason: string;
}

export function closedRunsOf(data: Availability | undefined, today: string): ClosedRun[] {
  const days: ClosedDay[] = (data?.closedDays ?? []).filter((d) => d.kind !== 'weekly' && d.date >= today);
  const runs: ClosedRun[] = [];
  for (const day of [...days].sort((a, b) => a.date.localeCompare(b.date))) {
    const last = runs[runs.length - 1];
    if (last && last.reason === day.reason && addDays(last.to, 1) === day.date) last.to = day.date;
    else runs.push({ from: day.date, to: day.date, reason: day.reason });
  }
  return runs;
}

/** Each closed day from today on and why, weekly closed days included, for the calendar's 휴무 marks. */
export function closedReasonsOf(data: Availability | undefined, today: string): Map<string, string> {
  return new Map((data?.closedDays ?? []).filter((d) => d.date >= today).map((d) => [d.date, d.reason]));
}

/** "12월 25일 (금) 공휴일 휴무: 기독탄신일", "12월 28일 (월) ~ 12월 30일 (수) 임시휴무: 원장님 학회" */
export function closedRunText(run: ClosedRun): string {
  const when = run.from === run.to ? formatDateKey(run.from) : `${formatDateKey(run.from)} ~ ${formatDateKey(run.to)}`;
  return `${when} ${run.reason}`;
}
