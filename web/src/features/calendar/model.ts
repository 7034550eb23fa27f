import { dateKeyOf, minutesOfDay } from '../../../../src/shared/time';
import type { CalendarData, Department, Schedule, Staff, StaffKind } from '../../api/models';
import { bySortOrder } from '../settings/queries';

export const SLOT_MINUTES = 30;
export const SLOT_HEIGHT = 44;
export const PX_PER_MINUTE = SLOT_HEIGHT / SLOT_MINUTES;
export const SNAP_MINUTES = 10;
const DEFAULT_DAY_START = 8 * 60;
const DEFAULT_DAY_END = 22 * 60;
const MINUTES_PER_DAY = 24 * 60;

export type CalendarView = 'day' | 'week';
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
export function placeSchedules(schedules: Schedule[], timeZone: string): PlacedSchedule[] {
  const items = schedules
    .map((schedule) => ({ schedule, ...scheduleSpan(schedule, timeZone) }))
    .sort((a, b) => a.start - b.start || b.end - a.end);

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
