import { ruleError, type RuleError } from '../../../platform/errors/registry.ts';
import { formatShortDateTitle } from '../../../shared/format.ts';
import { STAFF_ABSENCE_KIND_LABELS, staffOffLabel, STAFF_OFF_HOURS_LABEL } from '../../../shared/labels/staff-hours.ts';
import { addDays, dateKeyOf, minutesLabel, zonedToUtc } from '../../../shared/time.ts';
import { weekdayOf, weeklyHoursProblem, WEEKDAYS, type DayHours, type PlaceWeeklyHours } from '../../places/index.ts';

/**
 * OPS-2: when a staff member works, as pure rules. A staff may have
 * - weekly hours (근무 시간), the shape of a place's 영업시간: per weekday
 *   none (휴무) or one or more [open, close) minute ranges of the local day;
 *   null = always available (staff who never set hours work as before);
 * - absences (휴무, 휴가, 외근): whole local days (both inclusive) or a span
 *   of instants, with a memo.
 *
 * Instants are epoch milliseconds; the business's time zone turns local
 * days and minutes into instants (Intl, so the server's own zone never
 * matters). A span crossing midnight is judged on both local days.
 */

export type StaffAbsenceKind = keyof typeof STAFF_ABSENCE_KIND_LABELS;

export type StaffWeeklyHours = PlaceWeeklyHours;

export type AbsenceSpan = { kind: 'days'; from: string; to: string } | { kind: 'time'; startsAt: number; endsAt: number };

export interface StaffAbsence {
  id: string;
  kind: StaffAbsenceKind;
  span: AbsenceSpan;
  memo: string;
}

export interface StaffTimeRules {
  weeklyHours: StaffWeeklyHours | null;
  absences: readonly StaffAbsence[];
}

/** A stretch of time the staff does not work, as the calendar shades it. */
export interface OffInterval {
  startsAt: number;
  endsAt: number;
  kind: StaffAbsenceKind | 'off_hours';
  /** The absence behind it; null for time outside the weekly hours. */
  absenceId: string | null;
  /** "휴가 · 학회", "근무 시간 외". */
  label: string;
}

export interface Interval {
  startsAt: number;
  endsAt: number;
}

export function hasStaffRules(rules: StaffTimeRules): boolean {
  return rules.weeklyHours !== null || rules.absences.length > 0;
}

/** The instant at which local minute `minute` (0…1440) of `date` begins in `zone`. */
function localInstant(date: string, minute: number, zone: string): number {
  return minute >= 1440 ? zonedToUtc(addDays(date, 1), minute - 1440, zone).getTime() : zonedToUtc(date, minute, zone).getTime();
}

/** An absence as instants: whole days run from the start of the first to the start of the day after the last. */
export function absenceInterval(absence: Pick<StaffAbsence, 'span'>, zone: string): Interval {
  const span = absence.span;
  if (span.kind === 'time') return { startsAt: span.startsAt, endsAt: span.endsAt };
  return { startsAt: localInstant(span.from, 0, zone), endsAt: localInstant(addDays(span.to, 1), 0, zone) };
}

/** The parts of [from, to) outside every interval of `cover` (sorted or not). */
function subtract(from: number, to: number, cover: readonly Interval[]): Interval[] {
  const sorted = [...cover].filter((c) => c.endsAt > from && c.startsAt < to).sort((a, b) => a.startsAt - b.startsAt);
  const gaps: Interval[] = [];
  let at = from;
  for (const c of sorted) {
    if (c.startsAt > at) gaps.push({ startsAt: at, endsAt: Math.min(c.startsAt, to) });
    at = Math.max(at, c.endsAt);
    if (at >= to) break;
  }
  if (at < to) gaps.push({ startsAt: at, endsAt: to });
  return gaps;
}

/** The working ranges of the local dates touching [from, to), as instants. */
function workingIntervals(hours: StaffWeeklyHours, from: number, to: number, zone: string): Interval[] {
  const working: Interval[] = [];
  const last = dateKeyOf(new Date(to - 1), zone);
  for (let date = dateKeyOf(new Date(from), zone); date <= last; date = addDays(date, 1)) {
    for (const range of hours[weekdayOf(date)]) {
      working.push({ startsAt: localInstant(date, range.openMinute, zone), endsAt: localInstant(date, range.closeMinute, zone) });
    }
  }
  return working;
}

/**
 * The staff's off intervals over [from, to), clipped to it, disjoint and in
 * time order: every absence meeting the range, then the time outside the
 * weekly hours that no absence already covers (so a band is never drawn
 * twice). Time outside the hours is one interval across midnight
 * (18:00 → 09:00).
 */
export function offIntervals(rules: StaffTimeRules, from: number, to: number, zone: string): OffInterval[] {
  if (to <= from) return [];
  const intervals: OffInterval[] = [];
  const absent: Interval[] = [];
  const spans = rules.absences.map((absence) => ({ absence, span: absenceInterval(absence, zone) })).sort((a, b) => a.span.startsAt - b.span.startsAt);
  for (const { absence, span } of spans) {
    if (span.endsAt <= from || span.startsAt >= to) continue;
    // Absences of one staff are kept apart on input; should two meet anyway, the earlier one holds the shared time.
    for (const part of subtract(Math.max(span.startsAt, from), Math.min(span.endsAt, to), absent)) {
      absent.push(part);
      intervals.push({ ...part, kind: absence.kind, absenceId: absence.id, label: staffOffLabel(absence.kind, absence.memo) });
    }
  }
  if (rules.weeklyHours) {
    const free = subtract(from, to, workingIntervals(rules.weeklyHours, from, to, zone));
    for (const gap of free) {
      for (const part of subtract(gap.startsAt, gap.endsAt, absent)) {
        intervals.push({ ...part, kind: 'off_hours', absenceId: null, label: STAFF_OFF_HOURS_LABEL });
      }
    }
  }
  return intervals.sort((a, b) => a.startsAt - b.startsAt || a.endsAt - b.endsAt);
}

/**
 * Why the staff is not working over [startsAt, endsAt), or null when they
 * work all of it: the first absence meeting it, else the first time outside
 * the weekly hours.
 */
export function staffOffDuring(rules: StaffTimeRules, span: Interval, zone: string): OffInterval | null {
  const off = offIntervals(rules, span.startsAt, span.endsAt, zone);
  return off.find((o) => o.kind !== 'off_hours') ?? off[0] ?? null;
}

export function isStaffWorking(rules: StaffTimeRules, span: Interval, zone: string): boolean {
  return staffOffDuring(rules, span, zone) === null;
}

/** Whether the staff is off at one instant (a session that starts then). */
export function isStaffOffAt(rules: StaffTimeRules, instant: number, zone: string): OffInterval | null {
  return staffOffDuring(rules, { startsAt: instant, endsAt: instant + 1 }, zone);
}

/** Whether the staff is off for the whole local date (a 날짜형 usage): no working moment that day. */
export function staffOffAllDay(rules: StaffTimeRules, date: string, zone: string): OffInterval | null {
  const span = { startsAt: localInstant(date, 0, zone), endsAt: localInstant(date, 1440, zone) };
  const off = offIntervals(rules, span.startsAt, span.endsAt, zone);
  const free = subtract(span.startsAt, span.endsAt, off);
  return free.length === 0 ? (off.find((o) => o.kind !== 'off_hours') ?? off[0] ?? null) : null;
}

// ------------------------------------------------------------ words

const WEEKDAY_NAMES = ['', '월', '화', '수', '목', '금', '토', '일'];

function hoursText(hours: readonly DayHours[]): string {
  return hours.map((h) => `${minutesLabel(h.openMinute)}–${minutesLabel(h.closeMinute)}`).join(', ');
}

/** "12월 24일 (목)" or "12월 24일 (목) ~ 12월 26일 (토)" or "12월 24일 (목) 14:00–16:00". */
export function absenceWhen(absence: Pick<StaffAbsence, 'span'>, zone: string): string {
  const span = absence.span;
  if (span.kind === 'days') return span.from === span.to ? formatShortDateTitle(span.from) : `${formatShortDateTitle(span.from)} ~ ${formatShortDateTitle(span.to)}`;
  const startDate = dateKeyOf(new Date(span.startsAt), zone);
  const endDate = dateKeyOf(new Date(span.endsAt - 1), zone);
  const startTime = minutesLabel(minuteOf(span.startsAt, startDate, zone));
  // An end at midnight is 24:00 of its last day.
  const endTime = minutesLabel(minuteOf(span.endsAt, endDate, zone));
  return startDate === endDate ? `${formatShortDateTitle(startDate)} ${startTime}–${endTime}` : `${formatShortDateTitle(startDate)} ${startTime} ~ ${formatShortDateTitle(endDate)} ${endTime}`;
}

function minuteOf(instant: number, date: string, zone: string): number {
  return Math.round((instant - localInstant(date, 0, zone)) / 60_000);
}

/**
 * The refusal's sentence: "김원장님은 12월 24일 (목) 휴가입니다 (학회)." or, outside
 * the weekly hours, "김원장님은 목요일 09:00–18:00에 근무합니다." / "김원장님은 매주 일요일 휴무입니다."
 */
export function staffOffMessage(staffName: string, off: OffInterval, rules: StaffTimeRules, zone: string): string {
  if (off.kind !== 'off_hours') {
    const absence = rules.absences.find((a) => a.id === off.absenceId);
    const when = absence ? absenceWhen(absence, zone) : '';
    const memo = absence?.memo ? ` (${absence.memo})` : '';
    return `${staffName}님은 ${when} ${STAFF_ABSENCE_KIND_LABELS[off.kind]}입니다${memo}.`;
  }
  const date = dateKeyOf(new Date(off.startsAt), zone);
  const weekday = weekdayOf(date);
  const hours = rules.weeklyHours?.[weekday] ?? [];
  if (hours.length === 0) return `${staffName}님은 매주 ${WEEKDAY_NAMES[weekday]}요일 휴무입니다.`;
  return `${staffName}님은 ${WEEKDAY_NAMES[weekday]}요일 ${hoursText(hours)}에 근무합니다. 근무 시간이 아닙니다.`;
}

// ------------------------------------------------------------ input checks

/** Weekly hours a staff may keep: the place rule (ranges inside the day, in order, apart), in the staff's words. */
export function staffHoursProblem(hours: StaffWeeklyHours): RuleError<'STAFF_HOURS_INVALID'> | null {
  const problem = weeklyHoursProblem(hours);
  if (!problem) return null;
  const weekday = Number(problem.details?.weekday);
  return ruleError('STAFF_HOURS_INVALID', {
    message: `${WEEKDAY_NAMES[weekday] ?? ''}요일 근무 시간이 올바르지 않습니다. 시작은 종료보다 빨라야 하고, 같은 요일의 시간대끼리 겹치면 안 됩니다.`,
    ...(problem.path !== undefined ? { path: problem.path } : {}),
    ...(problem.details !== undefined ? { details: { ...problem.details } } : {}),
  });
}

/** Every weekday present (none = 휴무), for a reply or an editor. */
export function fullWeek(hours: Partial<Record<string, readonly DayHours[]>>): StaffWeeklyHours {
  return Object.fromEntries(WEEKDAYS.map((d) => [d, [...(hours[String(d)] ?? [])].sort((a, b) => a.openMinute - b.openMinute)])) as unknown as StaffWeeklyHours;
}

/** An absence may last at most this many days (a longer one is a mistake: make the staff inactive instead). */
const ABSENCE_DAYS_MAX = 366;
const DAY_MS = 86_400_000;

/** A new absence: in order, not too long, overlapping no other absence of the staff. */
export function absenceProblem(absence: { span: AbsenceSpan }, existing: readonly StaffAbsence[], zone: string): RuleError | null {
  const span = absence.span;
  if (span.kind === 'days') {
    if (span.to < span.from) return ruleError('STAFF_ABSENCE_INVALID', { message: '종료일은 시작일과 같거나 늦어야 합니다.', path: 'endsOn' });
  } else if (!(span.endsAt > span.startsAt)) {
    return ruleError('STAFF_ABSENCE_INVALID', { message: '종료 시각은 시작 시각보다 늦어야 합니다.', path: 'endsAt' });
  }
  const interval = absenceInterval(absence, zone);
  if (interval.endsAt - interval.startsAt > ABSENCE_DAYS_MAX * DAY_MS + 2 * 3_600_000) {
    return ruleError('STAFF_ABSENCE_INVALID', { message: `휴무·휴가·외근은 한 번에 ${ABSENCE_DAYS_MAX}일까지 정할 수 있습니다. 더 오래 쉬면 담당자를 비활성화해 주세요.`, path: span.kind === 'days' ? 'endsOn' : 'endsAt' });
  }
  const other = existing.find((e) => {
    const o = absenceInterval(e, zone);
    return o.startsAt < interval.endsAt && interval.startsAt < o.endsAt;
  });
  if (other) {
    return ruleError('STAFF_ABSENCES_OVERLAP', {
      message: `이미 등록된 ${STAFF_ABSENCE_KIND_LABELS[other.kind]}(${absenceWhen(other, zone)})와 겹칩니다.`,
      path: span.kind === 'days' ? 'startsOn' : 'startsAt',
      details: { absenceId: other.id },
    });
  }
  return null;
}
