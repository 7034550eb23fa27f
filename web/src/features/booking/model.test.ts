import { describe, expect, it } from 'vitest';
import type { Availability, BookingScheduleAvailability, Slot } from '../../api/models';
import {
  dateStatesOf,
  emptyChoice,
  holdExpiry,
  maxForRow,
  priceRowsOf,
  schedulesOfDate,
  selectionOf,
  selfCancelClosed,
  sessionStatusText,
  sessionTimesOf,
  slotStatusText,
  slotsOfDate,
  stepsOf,
  visibleSteps,
} from './model';

const slot = (startsAt: string, status: Slot['status'], remaining = 3): Slot => ({
  startsAt,
  endsAt: startsAt,
  localTime: startsAt.slice(11, 16),
  capacity: 3,
  remaining,
  status,
});

const row = (id: string, usage: BookingScheduleAvailability['usage'], status: BookingScheduleAvailability['status'], remaining = 5, amount = 10_000): BookingScheduleAvailability => ({
  id,
  scheduleId: `s-${id}`,
  priceId: `p-${id}`,
  usage,
  priceName: `가격 ${id}`,
  amount,
  opensAt: '2026-11-01T00:00:00.000Z',
  closesAt: '2026-12-31T00:00:00.000Z',
  remaining,
  status,
});

const timeSlots: Availability = {
  kind: 'time_slot',
  lastDate: '2026-12-31',
  days: [
    { date: '2026-12-01', weekday: 2, slots: [slot('2026-12-01T01:00:00.000Z', 'past'), slot('2026-12-01T02:00:00.000Z', 'bookable')] },
    { date: '2026-12-02', weekday: 3, slots: [slot('2026-12-02T01:00:00.000Z', 'sold_out')] },
    { date: '2026-12-03', weekday: 4, slots: [slot('2026-12-03T01:00:00.000Z', 'not_open'), slot('2026-12-03T02:00:00.000Z', 'bookable')] },
    { date: '2026-12-04', weekday: 5, slots: [slot('2026-12-04T01:00:00.000Z', 'not_open')] },
  ],
};

describe('the dates a customer may pick', () => {
  it('marks a date bookable when any slot is, not yet open when only some open later, and leaves out sold-out days', () => {
    expect(Object.fromEntries(dateStatesOf(timeSlots))).toEqual({ '2026-12-01': 'bookable', '2026-12-03': 'bookable', '2026-12-04': 'not_open' });
  });

  it('reads scheduled products from their booking schedules, leaving out periods', () => {
    const scheduled: Availability = {
      kind: 'scheduled',
      bookingSchedules: [
        row('a', { kind: 'date', date: '2026-12-05' }, 'not_open'),
        row('b', { kind: 'date', date: '2026-12-05' }, 'bookable'),
        row('c', { kind: 'period', from: '2026-12-01', to: '2026-12-31' }, 'bookable'),
      ],
    };
    expect(Object.fromEntries(dateStatesOf(scheduled))).toEqual({ '2026-12-05': 'bookable' });
    expect(dateStatesOf(undefined).size).toBe(0);
  });
});

describe('what a date offers', () => {
  it('lists the slots of the chosen date that have not passed', () => {
    expect(slotsOfDate(timeSlots, '2026-12-01').map((s) => s.startsAt)).toEqual(['2026-12-01T02:00:00.000Z']);
    expect(slotsOfDate(timeSlots, null)).toEqual([]);
  });

  const scheduled: Availability = {
    kind: 'scheduled',
    bookingSchedules: [
      row('a', { kind: 'date_time', date: '2026-12-05', startTime: '14:00' }, 'bookable', 4),
      row('b', { kind: 'date_time', date: '2026-12-05', startTime: '10:00' }, 'sold_out'),
      row('c', { kind: 'date_time', date: '2026-12-05', startTime: '14:00' }, 'bookable', 4),
      row('d', { kind: 'date_time', date: '2026-12-05', startTime: '18:00' }, 'not_open'),
      row('e', { kind: 'date_time', date: '2026-12-06', startTime: '10:00' }, 'bookable'),
      row('f', { kind: 'date_time', date: '2026-12-05', startTime: '09:00' }, 'past'),
    ],
  };

  it('gives 날짜/시간형 one time button per start time, sorted, summing up its prices', () => {
    const rows = schedulesOfDate(scheduled, '2026-12-05', 'date_time');
    expect(rows.map((r) => r.id)).toEqual(['a', 'b', 'c', 'd']);
    const times = sessionTimesOf(rows);
    expect(times).toEqual([
      { time: '10:00', status: 'sold_out', remaining: null },
      { time: '14:00', status: 'bookable', remaining: 4 },
      { time: '18:00', status: 'not_open', remaining: null },
    ]);
    expect(times.map(sessionStatusText)).toEqual(['마감', '4자리 남음', '오픈 예정']);
    expect(priceRowsOf(rows, 'date_time', '14:00').map((r) => r.id)).toEqual(['a', 'c']);
  });

  it('shows no remaining count when the prices of a time have different ones left', () => {
    const rows = [row('a', { kind: 'date_time', date: 'd', startTime: '10:00' }, 'bookable', 2), row('b', { kind: 'date_time', date: 'd', startTime: '10:00' }, 'bookable', 5)];
    expect(sessionTimesOf(rows)[0]).toMatchObject({ remaining: null });
    expect(sessionStatusText(sessionTimesOf(rows)[0]!)).toBe('예약 가능');
  });

  it('gives 상시형 every booking schedule that has not passed, with no date', () => {
    expect(schedulesOfDate(scheduled, null, 'always').map((r) => r.id)).toEqual(['a', 'b', 'c', 'd', 'e']);
    expect(schedulesOfDate(scheduled, null, 'date')).toEqual([]);
  });
});

describe('the chosen lines and their price', () => {
  it('books one slot for the chosen number of people at the product price', () => {
    const chosen = slot('2026-12-01T02:00:00.000Z', 'bookable');
    expect(selectionOf({ bookingType: 'time_slot', slot: chosen, slotQuantity: 2, unitPrice: 30_000, unitLabel: '성인', priceRows: [], quantities: {} })).toEqual({
      lines: [{ startsAt: chosen.startsAt, quantity: 2 }],
      summary: [{ label: '성인', quantity: 2, unitAmount: 30_000 }],
      totalAmount: 60_000,
      totalQuantity: 2,
    });
  });

  it('has no total when a slot has no price, and nothing while no slot is chosen', () => {
    const chosen = slot('2026-12-01T02:00:00.000Z', 'bookable');
    expect(selectionOf({ bookingType: 'time_slot', slot: chosen, slotQuantity: 1, unitPrice: null, unitLabel: '인원', priceRows: [], quantities: {} }).totalAmount).toBeNull();
    expect(selectionOf({ bookingType: 'time_slot', slot: null, slotQuantity: 1, unitPrice: 1, unitLabel: '인원', priceRows: [], quantities: {} })).toMatchObject({ lines: [], totalQuantity: 0 });
  });

  it('books only the bookable price rows with a quantity', () => {
    const rows = [row('a', { kind: 'date', date: 'd' }, 'bookable', 5, 10_000), row('b', { kind: 'date', date: 'd' }, 'bookable', 5, 5_000), row('c', { kind: 'date', date: 'd' }, 'sold_out')];
    const selection = selectionOf({ bookingType: 'date', slot: null, slotQuantity: 1, unitPrice: null, unitLabel: '', priceRows: rows, quantities: { a: 2, b: 0, c: 1 } });
    expect(selection.lines).toEqual([{ bookingScheduleId: 'a', quantity: 2 }]);
    expect(selection.totalAmount).toBe(20_000 + 10_000);
    expect(selection.totalQuantity).toBe(3);
  });

  it('lets a row grow only within what is left and the per-booking maximum over all rows', () => {
    const rows = [row('a', { kind: 'date', date: 'd' }, 'bookable', 10), row('b', { kind: 'date', date: 'd' }, 'bookable', 1), row('c', { kind: 'date', date: 'd' }, 'sold_out', 9)];
    const quantities = { a: 2, b: 1 };
    expect(maxForRow(rows[0]!, quantities, rows, 4)).toBe(3);
    expect(maxForRow(rows[1]!, quantities, rows, 4)).toBe(1);
    expect(maxForRow(rows[2]!, quantities, rows, 4)).toBe(0);
  });
});

describe('the steps of the page', () => {
  it('numbers the steps by booking type', () => {
    expect(stepsOf('time_slot')).toEqual({ date: 1, time: 2, quantity: 3, customer: 4 });
    expect(stepsOf('date_time')).toEqual({ date: 1, time: 2, quantity: 3, customer: 4 });
    expect(stepsOf('date')).toMatchObject({ date: 1, quantity: 2, customer: 3 });
    expect(stepsOf('always')).toMatchObject({ quantity: 1, customer: 2 });
  });

  it('shows the time once a date is chosen and the quantity once the choice before it is made', () => {
    const picked = { ...emptyChoice(), date: '2026-12-01' };
    const chosen = slot('2026-12-01T02:00:00.000Z', 'bookable');
    expect(visibleSteps('time_slot', emptyChoice(), null)).toEqual({ time: false, quantity: false });
    expect(visibleSteps('time_slot', picked, null)).toEqual({ time: true, quantity: false });
    expect(visibleSteps('time_slot', picked, chosen)).toEqual({ time: true, quantity: true });
    expect(visibleSteps('date_time', picked, null)).toEqual({ time: true, quantity: false });
    expect(visibleSteps('date_time', { ...picked, sessionTime: '10:00' }, null)).toEqual({ time: true, quantity: true });
    expect(visibleSteps('date', picked, null)).toEqual({ time: false, quantity: true });
    expect(visibleSteps('always', emptyChoice(), null)).toEqual({ time: false, quantity: true });
  });
});

describe('the hold countdown', () => {
  const now = Date.parse('2026-12-01T00:00:00.000Z');
  it("counts down to the server's end when this device's clock agrees", () => {
    expect(holdExpiry('2026-12-01T00:09:30.000Z', now)).toBe('2026-12-01T00:09:30.000Z');
  });
  it('falls back to 10 minutes from now when the clock is far off either way', () => {
    expect(holdExpiry('2026-12-01T01:00:00.000Z', now)).toBe('2026-12-01T00:10:00.000Z');
    expect(holdExpiry('2026-11-30T23:00:00.000Z', now)).toBe('2026-12-01T00:10:00.000Z');
  });
});

it('words a slot by its status', () => {
  expect([slotStatusText({ status: 'bookable', remaining: 2 }), slotStatusText({ status: 'not_open', remaining: 2 }), slotStatusText({ status: 'sold_out', remaining: 0 })]).toEqual([
    '2자리 남음',
    '오픈 예정',
    '마감',
  ]);
});

describe('selfCancelClosed: said before booking when the customer could not cancel it themself', () => {
  const at = (hoursFromNow: number) => new Date(Date.UTC(2026, 11, 10, 12) + hoursFromNow * 3_600_000).toISOString();
  const now = Date.UTC(2026, 11, 10, 12);
  it('is closed when the chosen time is within the last tier, open otherwise; no tiers means until the start', () => {
    expect(selfCancelClosed([{ hoursBefore: 24 }, { hoursBefore: 72 }], [{ startsAt: at(23), quantity: 1 }], now)).toBe(true);
    expect(selfCancelClosed([{ hoursBefore: 24 }], [{ startsAt: at(25), quantity: 1 }], now)).toBe(false);
    expect(selfCancelClosed([], [{ startsAt: at(1), quantity: 1 }], now)).toBe(false);
    expect(selfCancelClosed([{ hoursBefore: 24 }], [], now)).toBe(false);
  });
});
