import { describe, expect, it } from 'vitest';
import type { CalendarData, Department, Schedule, Staff } from '../../api/models';
import { buildDayColumns, buildWeekColumns, gridRange, placeSchedules } from './model';

const ZONE = 'Asia/Seoul';

const staff = (id: string, kind: Staff['kind'], sortOrder: number, active = true): Staff => ({
  id,
  name: `담당 ${id}`,
  kind,
  userId: null,
  departmentId: null,
  color: '#000000',
  sortOrder,
  active,
});

const department = (id: string, sortOrder: number): Department => ({ id, name: `부서 ${id}`, color: '#111111', sortOrder });

/** A schedule from `start` to `end` ("HH:MM" in Seoul) on 2026-12-01 unless the day is given. */
function schedule(id: string, start: string, end: string, more: Partial<Schedule> = {}, day = '2026-12-01'): Schedule & { memoCount: number } {
  const at = (time: string) => new Date(`${day}T${time}:00+09:00`).toISOString();
  return {
    id,
    customerId: 'c',
    customer: { id: 'c', name: '고객', phone: '01012345678' },
    staffId: 'a',
    staffName: '담당 a',
    departmentId: null,
    departmentName: null,
    startsAt: at(start),
    endsAt: at(end),
    status: 'confirmed',
    source: 'manual',
    title: '',
    version: 1,
    allowedStatuses: [],
    createdAt: at(start),
    updatedAt: at(start),
    memoCount: 0,
    ...more,
  };
}

function calendar(schedules: CalendarData['schedules'], more: Partial<CalendarData> = {}): CalendarData {
  return {
    from: '2026-12-01',
    to: '2026-12-01',
    timeZone: ZONE,
    staff: [staff('b', 'user', 2), staff('a', 'resource', 1), staff('bp', 'booking_page', 0), staff('nv', 'naver', 9), staff('gone', 'user', 0, false)],
    departments: [department('d2', 2), department('d1', 1)],
    schedules,
    ...more,
  };
}

describe('the columns of a day', () => {
  it('puts 네이버예약 and 예약페이지 first, then the active staff in their order, each with its own schedules of the day', () => {
    const data = calendar([schedule('1', '10:00', '11:00', { staffId: 'b' }), schedule('2', '10:00', '11:00', { staffId: 'b' }, '2026-12-02')]);
    const columns = buildDayColumns(data, '2026-12-01', 'staff', ZONE);
    expect(columns.map((c) => c.key)).toEqual(['staff:nv', 'staff:bp', 'staff:a', 'staff:b']);
    expect(columns.map((c) => c.channel)).toEqual(['naver', 'booking_page', null, null]);
    expect(columns.find((c) => c.key === 'staff:b')!.schedules.map((s) => s.id)).toEqual(['1']);
  });

  it('keeps an inactive staff member who still has a schedule that day', () => {
    const columns = buildDayColumns(calendar([schedule('1', '10:00', '11:00', { staffId: 'gone' })]), '2026-12-01', 'staff', ZONE);
    expect(columns.map((c) => c.key)).toContain('staff:gone');
  });

  it('by department: departments in their order, and 부서 없음 for schedules without a known one', () => {
    const data = calendar([schedule('1', '10:00', '11:00', { departmentId: 'd1' }), schedule('2', '10:00', '11:00', { departmentId: 'deleted' })]);
    const columns = buildDayColumns(data, '2026-12-01', 'department', ZONE);
    expect(columns.map((c) => c.title)).toEqual(['부서 d1', '부서 d2', '부서 없음']);
    expect(columns.map((c) => c.schedules.map((s) => s.id))).toEqual([['1'], [], ['2']]);
    expect(columns[2]!.target).toEqual({ type: 'department', departmentId: null });
  });

  it('by department without any department still offers one column', () => {
    const columns = buildDayColumns(calendar([], { departments: [] }), '2026-12-01', 'department', ZONE);
    expect(columns.map((c) => c.key)).toEqual(['department:none']);
  });

  it('uses the business zone for the day: 08:30 in Seoul is the previous day in UTC', () => {
    const early = schedule('1', '08:30', '09:00');
    expect(early.startsAt).toBe('2026-11-30T23:30:00.000Z');
    expect(buildDayColumns(calendar([early]), '2026-12-01', 'staff', ZONE).find((c) => c.key === 'staff:a')!.schedules).toHaveLength(1);
  });

  it('gives a week one column per day', () => {
    const data = calendar([schedule('1', '10:00', '11:00'), schedule('2', '10:00', '11:00', {}, '2026-12-03')]);
    const columns = buildWeekColumns(data, ['2026-12-01', '2026-12-02', '2026-12-03'], ZONE);
    expect(columns.map((c) => c.schedules.map((s) => s.id))).toEqual([['1'], [], ['2']]);
    expect(columns.every((c) => c.target.type === 'day')).toBe(true);
  });
});

describe('the hours the grid shows', () => {
  it('is 08:00–22:00 unless a schedule lies outside, then widened to whole hours', () => {
    const columns = (list: CalendarData['schedules']) => buildDayColumns(calendar(list), '2026-12-01', 'staff', ZONE);
    expect(gridRange(columns([schedule('1', '10:00', '11:00')]), ZONE)).toEqual({ start: 480, end: 1320 });
    expect(gridRange(columns([schedule('1', '06:30', '07:00'), schedule('2', '22:10', '22:40')]), ZONE)).toEqual({ start: 360, end: 1380 });
  });

  it('ends a schedule running past midnight at 24:00', () => {
    const late = schedule('1', '23:00', '23:30');
    const overnight = { ...late, endsAt: new Date(Date.parse(late.startsAt) + 3 * 3_600_000).toISOString() };
    expect(gridRange(buildDayColumns(calendar([overnight]), '2026-12-01', 'staff', ZONE), ZONE).end).toBe(1440);
    expect(placeSchedules([overnight], ZONE)[0]).toMatchObject({ startMinutes: 1380, endMinutes: 1440 });
  });
});

describe('overlapping schedules side by side', () => {
  it('gives overlapping schedules their own lanes, counted per cluster of overlaps', () => {
    const placed = placeSchedules(
      [schedule('a', '10:00', '11:00'), schedule('b', '10:30', '11:30'), schedule('c', '11:00', '12:00'), schedule('d', '13:00', '14:00')],
      ZONE,
    );
    const byId = Object.fromEntries(placed.map((p) => [p.schedule.id, { lane: p.lane, lanes: p.lanes }]));
    expect(byId).toEqual({ a: { lane: 0, lanes: 2 }, b: { lane: 1, lanes: 2 }, c: { lane: 0, lanes: 2 }, d: { lane: 0, lanes: 1 } });
  });

  it('gives a schedule shorter than the snap at least 10 minutes', () => {
    expect(placeSchedules([schedule('a', '10:00', '10:00')], ZONE)[0]).toMatchObject({ startMinutes: 600, endMinutes: 610 });
  });
});
