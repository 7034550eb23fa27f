import { describe, expect, it } from 'vitest';
import type { CalendarData, Department, Schedule, Staff } from '../../api/models';
import {
  activeCount,
  addMonths,
  buildDayColumns,
  buildWeekColumns,
  formatMonthTitle,
  gridRange,
  layoutColumn,
  maxLanesFor,
  monthWeeks,
  phoneColumnKey,
  placeSchedules,
  searchOrder,
  summarizeDay,
  withoutCancelled,
} from './model';

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
    rejected: false,
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
    staffOff: [],
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

describe('overlaps kept readable (OPS-6)', () => {
  const ids = (list: { schedule: Schedule }[]) => list.map((p) => p.schedule.id);

  it('lays two overlapping schedules side by side, without a chip', () => {
    const { cards, more } = layoutColumn([schedule('a', '10:00', '11:00'), schedule('b', '10:00', '11:00')], ZONE, 2);
    expect(cards.map((c) => [c.schedule.id, c.lane, c.lanes, c.reserve ?? false])).toEqual([
      ['a', 0, 2, false],
      ['b', 1, 2, false],
    ]);
    expect(more).toEqual([]);
  });

  it('shows at most two of three overlapping schedules and puts the third behind a "+1" chip at its time', () => {
    const { cards, more } = layoutColumn(
      [schedule('a', '10:00', '11:00'), schedule('b', '10:00', '11:00'), schedule('c', '10:30', '11:30')],
      ZONE,
      2,
    );
    expect(ids(cards)).toEqual(['a', 'b']);
    expect(cards.every((c) => c.lanes === 2 && c.reserve)).toBe(true);
    expect(more).toHaveLength(1);
    expect(more[0]).toMatchObject({ startMinutes: 630, endMinutes: 690 });
    expect(more[0]!.schedules.map((s) => s.id)).toEqual(['c']);
  });

  it('keeps the open schedule on the grid: a third one starting together, or a later one, trades places with a shown card', () => {
    const three = [schedule('a', '10:00', '11:00'), schedule('b', '10:00', '11:00'), schedule('c', '10:00', '11:00')];
    const together = layoutColumn(three, ZONE, 2, 'c');
    expect(ids(together.cards)).toContain('c');
    expect(together.more.flatMap((m) => m.schedules.map((s) => s.id))).toHaveLength(1);
    const later = layoutColumn([schedule('a', '10:00', '11:00'), schedule('b', '10:00', '11:00'), schedule('c', '10:30', '11:30')], ZONE, 2, 'c');
    expect(ids(later.cards)).toContain('c');
    expect(later.cards).toHaveLength(2);
    expect(later.more.flatMap((m) => m.schedules.map((s) => s.id))).toEqual(['b']);
    // Nothing open: as before.
    expect(ids(layoutColumn(three, ZONE, 2).cards)).toEqual(['a', 'b']);
  });

  it('groups the hidden schedules that overlap each other into one chip, and gives a later run its own', () => {
    const { cards, more } = layoutColumn(
      [
        schedule('a', '10:00', '12:00'),
        schedule('b', '10:00', '12:00'),
        schedule('c', '10:00', '10:30'),
        schedule('d', '10:15', '10:45'),
        schedule('e', '11:00', '11:30'),
      ],
      ZONE,
      2,
    );
    expect(ids(cards)).toEqual(['a', 'b']);
    expect(more.map((m) => m.schedules.map((s) => s.id))).toEqual([['c', 'd'], ['e']]);
    expect(more.map((m) => [m.startMinutes, m.endMinutes])).toEqual([
      [600, 645],
      [660, 690],
    ]);
  });

  it('leaves clusters that fit untouched beside a crowded one', () => {
    const { cards } = layoutColumn(
      [schedule('a', '09:00', '10:00'), schedule('b', '10:00', '11:00'), schedule('c', '10:00', '11:00'), schedule('d', '10:00', '11:00')],
      ZONE,
      2,
    );
    expect(cards.find((c) => c.schedule.id === 'a')).toMatchObject({ lanes: 1, lane: 0 });
    expect(cards.find((c) => c.schedule.id === 'a')!.reserve).toBeUndefined();
  });

  it('with room for one card shows one and counts the rest', () => {
    const { cards, more } = layoutColumn([schedule('a', '10:00', '11:00'), schedule('b', '10:00', '11:00'), schedule('c', '10:00', '11:00')], ZONE, 1);
    expect(ids(cards)).toEqual(['a']);
    expect(cards[0]).toMatchObject({ lanes: 1, reserve: true });
    expect(more[0]!.schedules).toHaveLength(2);
  });

  it('fits one or two cards by the column width, never slivers', () => {
    expect(maxLanesFor(100)).toBe(1);
    expect(maxLanesFor(170)).toBe(2);
    expect(maxLanesFor(192)).toBe(2);
    expect(maxLanesFor(900)).toBe(2);
    expect(maxLanesFor(0)).toBe(2);
  });
});

describe('cancelled schedules (OPS-6)', () => {
  const list = [schedule('a', '10:00', '11:00'), schedule('b', '11:00', '12:00', { status: 'cancelled' }), schedule('c', '12:00', '13:00', { status: 'pending' })];

  it('are never counted', () => {
    expect(activeCount(list)).toBe(2);
    expect(activeCount([])).toBe(0);
  });

  it('are left out of the calendar unless shown', () => {
    expect(withoutCancelled(calendar(list), false).schedules.map((s) => s.id)).toEqual(['a', 'c']);
    expect(withoutCancelled(calendar(list), true).schedules.map((s) => s.id)).toEqual(['a', 'b', 'c']);
  });
});

describe('the month grid (OPS-6)', () => {
  it('runs 일–토 from the Sunday before the 1st to the Saturday after the last day', () => {
    const weeks = monthWeeks('2026-12-17');
    // 2026-12-01 is a Tuesday, 2026-12-31 a Thursday.
    expect(weeks).toHaveLength(5);
    expect(weeks[0]![0]).toBe('2026-11-29');
    expect(weeks.at(-1)!.at(-1)).toBe('2027-01-02');
    expect(weeks.every((w) => w.length === 7)).toBe(true);
    expect(new Date(`${weeks[0]![0]}T00:00:00Z`).getUTCDay()).toBe(0);
  });

  it('has six rows for a month that needs them and four for a February that starts on Sunday', () => {
    expect(monthWeeks('2026-08-01')).toHaveLength(6);
    expect(monthWeeks('2015-02-10')).toHaveLength(4);
  });

  it('steps by months across years', () => {
    expect(addMonths('2026-12-17', 1)).toBe('2027-01-01');
    expect(addMonths('2026-01-31', -1)).toBe('2025-12-01');
    expect(addMonths('2026-03-05', -14)).toBe('2025-01-01');
    expect(formatMonthTitle('2027-01-01')).toBe('2027년 1월');
  });

  it('sums a day: cancelled never counted, listed only when shown, the first few in time order', () => {
    const list = [
      schedule('late', '15:00', '16:00', { customer: { id: 'x', name: '서하은', phone: '' } }),
      schedule('early', '09:30', '10:00', { customer: { id: 'y', name: '황민서', phone: '' } }),
      schedule('gone', '11:00', '12:00', { status: 'cancelled', customer: { id: 'z', name: '임도윤', phone: '' } }),
      schedule('other-day', '11:00', '12:00', {}, '2026-12-02'),
    ];
    const hidden = summarizeDay(list, '2026-12-01', ZONE, { limit: 1, showCancelled: false });
    expect(hidden).toEqual({ dateKey: '2026-12-01', count: 2, first: [{ id: 'early', time: '09:30', name: '황민서', status: 'confirmed' }], rest: 1 });
    const shown = summarizeDay(list, '2026-12-01', ZONE, { limit: 3, showCancelled: true });
    expect(shown.count).toBe(2);
    expect(shown.first.map((f) => f.id)).toEqual(['early', 'gone', 'late']);
    expect(shown.rest).toBe(0);
  });
});

describe('the one column a phone shows (OPS-7)', () => {
  const columns = buildDayColumns(calendar([schedule('1', '10:00', '11:00', { staffId: 'b' })]), '2026-12-01', 'staff', ZONE);

  it('is the one asked for, else the user’s own, else the first with a schedule', () => {
    expect(phoneColumnKey(columns, 'staff:a', null)).toBe('staff:a');
    expect(phoneColumnKey(columns, 'staff:missing', 'a')).toBe('staff:a');
    expect(phoneColumnKey(columns, null, null)).toBe('staff:b');
    expect(phoneColumnKey([], null, null)).toBeNull();
  });
});

describe('search hits (OPS-6)', () => {
  it('lists the coming schedules soonest first, then the past ones latest first', () => {
    const now = Date.parse('2026-12-03T00:00:00Z');
    const items = ['2026-11-01', '2026-12-10', '2026-12-04', '2026-11-30'].map((day) => ({ startsAt: `${day}T01:00:00Z` }));
    expect(searchOrder(items, now).map((i) => i.startsAt.slice(0, 10))).toEqual(['2026-12-04', '2026-12-10', '2026-11-30', '2026-11-01']);
  });
});
