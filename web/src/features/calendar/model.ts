import { addDays, dateKeyOf, minutesOfDay } from '../../../../src/shared/time';
import type { CalendarData, Department, Schedule, Staff, StaffKind } from '../../api/models';
import { bySortOrder } from '../settings/queries';

export const SLOT_MINUTES = 30;
export const SLOT_HEIGHT = 44;
export const PX_PER_MINUTE = SLOT_HEIGHT / SLOT_MINUTES;
export const SNAP_MINUTES = 10;
const DEFAULT_DAY_START = 8 * 60;
const DEFAULT_DAY_END = 22 * 60;
const MINUTES_PER_DAY = 24 * 60;

export type CalendarView = 'day' | 'week' | 'month';
export type ColumnMode = 'staff' | 'department';

/** What a drop onto a column changes besides the time. */
export type ColumnTarget =
  | { type: 'staff'; staffId: string }
  | { type: 'department'; departmentId: string | null }
  | { type: 'day' };

/** The virtual staff kinds: channel bookings wait in their columns until a person takes them. */
export type ChannelKind = Extract<StaffKind, 'naver' | 'booking_page'>;

export function isVirtualStaff(staff: { kind: StaffKind }): staff is { kind: ChannelKind } & Staff {
  return staff.kind === 'naver' || staff.kind === 'booking_page';
}

export interface CalendarColumn {
  key: string;
  title: string;
  dateKey: string;
  color: string | null;
  /** Set on the column of a virtual staff ("네이버예약", "예약페이지"). */
  channel: ChannelKind | null;
  target: ColumnTarget;
  schedules: Schedule[];
}

export interface PlacedSchedule {
  schedule: Schedule;
  startMinutes: number;
  endMinutes: number;
  lane: number;
  lanes: number;
  /** Its cluster has more schedules side by side than fit: the cards leave room on the right for the "+N" chips. */
  reserve?: boolean;
}

/** Start and end minutes of a schedule on the day it starts; a schedule running past midnight ends at 24:00. */
function scheduleSpan(schedule: Schedule, timeZone: string): { start: number; end: number } {
  const start = minutesOfDay(schedule.startsAt, timeZone);
  const sameDay = dateKeyOf(schedule.endsAt, timeZone) === dateKeyOf(schedule.startsAt, timeZone);
  const end = sameDay ? minutesOfDay(schedule.endsAt, timeZone) : MINUTES_PER_DAY;
  return { start, end: Math.max(end, start + SNAP_MINUTES) };
}

/** The channel columns first (네이버예약, then 예약페이지), then the business's own staff in their order. */
function visibleStaff(data: CalendarData): Staff[] {
  const withSchedules = new Set(data.schedules.map((s) => s.staffId));
  const channelRank = (s: Staff) => (s.kind === 'naver' ? 0 : 1);
  const channels = data.staff.filter(isVirtualStaff).sort((a, b) => channelRank(a) - channelRank(b));
  const others = data.staff.filter((s) => !isVirtualStaff(s) && (s.active || withSchedules.has(s.id))).sort(bySortOrder);
  return [...channels, ...others];
}

export function buildDayColumns(data: CalendarData, dateKey: string, mode: ColumnMode, timeZone: string): CalendarColumn[] {
  const schedules = data.schedules.filter((s) => dateKeyOf(s.startsAt, timeZone) === dateKey);

  if (mode === 'department') {
    const departments = [...data.departments].sort(bySortOrder);
    const columns: CalendarColumn[] = departments.map((department) => ({
      key: `department:${department.id}`,
      title: department.name,
      dateKey,
      color: department.color,
      channel: null,
      target: { type: 'department', departmentId: department.id },
      schedules: schedules.filter((s) => s.departmentId === department.id),
    }));
    const known = new Set(departments.map((d) => d.id));
    const without = schedules.filter((s) => !s.departmentId || !known.has(s.departmentId));
    if (without.length > 0 || columns.length === 0) {
      columns.push({
        key: 'department:none',
        title: '부서 없음',
        dateKey,
        color: null,
        channel: null,
        target: { type: 'department', departmentId: null },
        schedules: without,
      });
    }
    return columns;
  }

  return visibleStaff(data).map((staff) => ({
    key: `staff:${staff.id}`,
    title: staff.name,
    dateKey,
    color: staff.color,
    channel: isVirtualStaff(staff) ? staff.kind : null,
    target: { type: 'staff', staffId: staff.id },
    schedules: schedules.filter((s) => s.staffId === staff.id),
  }));
}

export function buildWeekColumns(data: CalendarData, dateKeys: string[], timeZone: string): CalendarColumn[] {
  return dateKeys.map((dateKey) => ({
    key: `day:${dateKey}`,
    title: dateKey,
    dateKey,
    color: null,
    channel: null,
    target: { type: 'day' },
    schedules: data.schedules.filter((s) => dateKeyOf(s.startsAt, timeZone) === dateKey),
  }));
}

/** 08:00–22:00, widened to whole hours around any schedule outside it. */
export function gridRange(columns: CalendarColumn[], timeZone: string): { start: number; end: number } {
  let start = DEFAULT_DAY_START;
  let end = DEFAULT_DAY_END;
  for (const column of columns) {
    for (const schedule of column.schedules) {
      const span = scheduleSpan(schedule, timeZone);
      start = Math.min(start, Math.floor(span.start / 60) * 60);
      end = Math.max(end, Math.ceil(span.end / 60) * 60);
    }
  }
  return { start, end: Math.min(end, MINUTES_PER_DAY) };
}

/** Side-by-side lanes for overlapping schedules, one cluster of overlaps at a time. */
export function placeSchedules(schedules: Schedule[], timeZone: string, pinnedId: string | null = null): PlacedSchedule[] {
  const items = schedules
    .map((schedule) => ({ schedule, ...scheduleSpan(schedule, timeZone) }))
    // Among schedules starting together the open one takes the first lane, so it is never the one behind "+N".
    .sort((a, b) => a.start - b.start || Number(b.schedule.id === pinnedId) - Number(a.schedule.id === pinnedId) || b.end - a.end);

  const placed: PlacedSchedule[] = [];
  let cluster: PlacedSchedule[] = [];
  let laneEnds: number[] = [];
  let clusterEnd = -1;

  const closeCluster = () => {
    for (const item of cluster) item.lanes = laneEnds.length;
    cluster = [];
    laneEnds = [];
  };

  for (const item of items) {
    if (item.start >= clusterEnd) closeCluster();
    let lane = laneEnds.findIndex((laneEnd) => laneEnd <= item.start);
    if (lane === -1) {
      lane = laneEnds.length;
      laneEnds.push(item.end);
    } else {
      laneEnds[lane] = item.end;
    }
    const entry: PlacedSchedule = { schedule: item.schedule, startMinutes: item.start, endMinutes: item.end, lane, lanes: 1 };
    cluster.push(entry);
    placed.push(entry);
    clusterEnd = Math.max(clusterEnd, item.end);
  }
  closeCluster();
  return placed;
}

export function staffById(staff: Staff[]): Map<string, Staff> {
  return new Map(staff.map((s) => [s.id, s]));
}

export function departmentById(departments: Department[]): Map<string, Department> {
  return new Map(departments.map((d) => [d.id, d]));
}

/** A cancelled schedule stays in the history and the customer's list but not in the day's work. */
export function isCancelled(schedule: Pick<Schedule, 'status'>): boolean {
  return schedule.status === 'cancelled';
}

/** "N건" on a column or a day: the schedules still to be (or already) served, cancelled ones never counted. */
export function activeCount(schedules: readonly Pick<Schedule, 'status'>[]): number {
  return schedules.filter((s) => !isCancelled(s)).length;
}

/** The calendar with its cancelled schedules left out unless the toolbar's "취소 일정 보기" is on. */
export function withoutCancelled(data: CalendarData, showCancelled: boolean): CalendarData {
  return showCancelled ? data : { ...data, schedules: data.schedules.filter((s) => !isCancelled(s)) };
}

/** OPS-6: the narrowest card that still reads "10:00" and a three-syllable name. */
export const MIN_CARD_WIDTH = 72;
/** At most this many overlapping cards side by side; the rest wait behind a "+N" chip. */
export const MAX_LANES = 2;
/** The strip on the right of a crowded cluster where its "+N" chips sit (px). */
export const MORE_CHIP_WIDTH = 26;

/** How many cards fit side by side in a column of this width (px): 1 or 2, never slivers. */
export function maxLanesFor(columnWidth: number): number {
  if (!Number.isFinite(columnWidth) || columnWidth <= 0) return MAX_LANES;
  return Math.max(1, Math.min(MAX_LANES, Math.floor((columnWidth - MORE_CHIP_WIDTH) / MIN_CARD_WIDTH)));
}

/** The schedules that did not fit beside the others at one time: one "+N" chip. */
export interface MoreChip {
  key: string;
  startMinutes: number;
  endMinutes: number;
  schedules: Schedule[];
}

export interface ColumnLayout {
  cards: PlacedSchedule[];
  more: MoreChip[];
}

/**
 * OPS-6: a column's cards with overlaps kept readable. Overlapping schedules
 * share the width up to `maxLanes` cards side by side; a schedule that would
 * be a third sliver is left out of the grid and counted in a "+N" chip at its
 * time instead (one chip per run of such schedules that overlap each other),
 * which lists them.
 */
export function layoutColumn(schedules: Schedule[], timeZone: string, maxLanes: number = MAX_LANES, pinnedId: string | null = null): ColumnLayout {
  const limit = Math.max(1, Math.floor(maxLanes));
  const placed = placeSchedules(schedules, timeZone, pinnedId);
  const cards: PlacedSchedule[] = [];
  const hidden: PlacedSchedule[] = [];
  for (const item of placed) {
    if (item.lanes <= limit) cards.push(item);
    else if (item.lane < limit) cards.push({ ...item, lanes: limit, reserve: true });
    else hidden.push(item);
  }
  // The schedule whose panel is open stays on the grid: it trades places with the card in the last
  // visible lane that overlaps it (that one goes behind "+N" instead).
  const pinned = hidden.findIndex((item) => item.schedule.id === pinnedId);
  if (pinned !== -1) {
    const item = hidden[pinned]!;
    const swap = cards.findIndex((c) => c.lane === limit - 1 && c.startMinutes < item.endMinutes && item.startMinutes < c.endMinutes);
    if (swap !== -1) {
      const out = cards[swap]!;
      cards[swap] = { ...item, lane: out.lane, lanes: out.lanes, ...(out.reserve ? { reserve: true } : {}) };
      hidden[pinned] = { ...out, lane: item.lane };
    }
  }
  const more: MoreChip[] = [];
  for (const item of [...hidden].sort((a, b) => a.startMinutes - b.startMinutes || a.endMinutes - b.endMinutes)) {
    const last = more.at(-1);
    if (last && item.startMinutes < last.endMinutes) {
      last.schedules.push(item.schedule);
      last.endMinutes = Math.max(last.endMinutes, item.endMinutes);
    } else {
      more.push({ key: `more:${item.schedule.id}`, startMinutes: item.startMinutes, endMinutes: item.endMinutes, schedules: [item.schedule] });
    }
  }
  return { cards, more };
}

/** Korean wall calendars run 일 … 토. */
export const MONTH_WEEKDAYS = ['일', '월', '화', '수', '목', '금', '토'] as const;

/** "2026-12-17" → "2026-12-01". */
export function firstOfMonth(dateKey: string): string {
  return `${dateKey.slice(0, 7)}-01`;
}

/** The first day of the month `months` away (negative for earlier). */
export function addMonths(dateKey: string, months: number): string {
  const [year, month] = dateKey.split('-').map(Number) as [number, number];
  const index = year * 12 + (month - 1) + months;
  const y = Math.floor(index / 12);
  const m = (index % 12) + 1;
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-01`;
}

/** "2026년 12월" */
export function formatMonthTitle(dateKey: string): string {
  return `${Number(dateKey.slice(0, 4))}년 ${Number(dateKey.slice(5, 7))}월`;
}

/** The weeks (일–토) a month grid shows: from the Sunday on or before the 1st to the Saturday on or after the last day; 4 to 6 rows. */
export function monthWeeks(dateKey: string): string[][] {
  const first = firstOfMonth(dateKey);
  const weekday = new Date(`${first}T00:00:00Z`).getUTCDay();
  let day = addDays(first, -weekday);
  const nextMonth = addMonths(first, 1);
  const weeks: string[][] = [];
  while (day < nextMonth) {
    weeks.push(Array.from({ length: 7 }, (_, i) => addDays(day, i)));
    day = addDays(day, 7);
  }
  return weeks;
}

export interface DaySummary {
  dateKey: string;
  /** Schedules of the day, cancelled ones left out (never counted). */
  count: number;
  /** The first few in time order, as the cell lists them. */
  first: { id: string; time: string; name: string; status: Schedule['status'] }[];
  /** How many more the cell does not list. */
  rest: number;
}

/** One month cell: its count (cancelled never counted) and the first `limit` schedules listed (cancelled only when shown). */
export function summarizeDay(schedules: Schedule[], dateKey: string, timeZone: string, options: { limit: number; showCancelled: boolean }): DaySummary {
  const ofDay = schedules
    .filter((s) => dateKeyOf(s.startsAt, timeZone) === dateKey)
    .sort((a, b) => Date.parse(a.startsAt) - Date.parse(b.startsAt) || a.customer.name.localeCompare(b.customer.name, 'ko'));
  const listed = options.showCancelled ? ofDay : ofDay.filter((s) => !isCancelled(s));
  const first = listed.slice(0, options.limit).map((s) => ({ id: s.id, time: minutesLabelOf(s.startsAt, timeZone), name: s.customer.name, status: s.status }));
  return { dateKey, count: activeCount(ofDay), first, rest: listed.length - first.length };
}

function minutesLabelOf(instant: string, timeZone: string): string {
  const minutes = minutesOfDay(instant, timeZone);
  return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}

/**
 * OPS-7: the column a phone shows in day view. The one asked for (`?col=`)
 * when it is there; otherwise the signed-in user's own staff column, then the
 * first column with a schedule, then the first column.
 */
export function phoneColumnKey(columns: Pick<CalendarColumn, 'key' | 'target' | 'schedules'>[], asked: string | null, ownStaffId: string | null): string | null {
  if (columns.length === 0) return null;
  if (asked && columns.some((c) => c.key === asked)) return asked;
  const own = ownStaffId ? columns.find((c) => c.target.type === 'staff' && c.target.staffId === ownStaffId) : undefined;
  if (own) return own.key;
  return (columns.find((c) => activeCount(c.schedules) > 0) ?? columns[0]!).key;
}

/** Search hits (OPS-6): the coming schedules first, soonest first, then the past ones, latest first. */
export function searchOrder<T extends { startsAt: string }>(items: readonly T[], now: number): T[] {
  const at = (item: T) => Date.parse(item.startsAt);
  const coming = items.filter((item) => at(item) >= now).sort((a, b) => at(a) - at(b));
  const past = items.filter((item) => at(item) < now).sort((a, b) => at(b) - at(a));
  return [...coming, ...past];
}
