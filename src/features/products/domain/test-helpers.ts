import { DateTime } from 'luxon';
import type { EpochMinute } from './calendar.ts';
import type {
  BookingSchedule,
  Inventory,
  IsoWeekday,
  OpeningHours,
  OperatingPeriod,
  Price,
  Schedule,
  ScheduledProduct,
  TimeSlotProduct,
  WeeklyHours,
} from './model.ts';

/** Builders for catalog tests. Instants are computed with luxon directly, independently of calendar.ts. */

export const SEOUL = 'Asia/Seoul';

/** The instant of a local wall-clock time: at('2026-03-10', '23:30') in Seoul. */
export function at(date: string, time: string, zone: string = SEOUL): EpochMinute {
  const dt = DateTime.fromISO(`${date}T${time}`, { zone });
  if (!dt.isValid) throw new RangeError(`bad test time ${date} ${time}`);
  return dt.toMillis() / 60_000;
}

export function hm(time: string): number {
  const [h, m] = time.split(':').map(Number);
  return h! * 60 + m!;
}

export function hours(...ranges: [string, string][]): OpeningHours[] {
  return ranges.map(([open, close]) => ({ openMinute: hm(open), closeMinute: hm(close) }));
}

export function weekly(byDay: Partial<Record<IsoWeekday, OpeningHours[]>>): WeeklyHours {
  return { 1: byDay[1] ?? [], 2: byDay[2] ?? [], 3: byDay[3] ?? [], 4: byDay[4] ?? [], 5: byDay[5] ?? [], 6: byDay[6] ?? [], 7: byDay[7] ?? [] };
}

export function everyDay(...ranges: [string, string][]): WeeklyHours {
  const h = hours(...ranges);
  return weekly({ 1: h, 2: h, 3: h, 4: h, 5: h, 6: h, 7: h });
}

export function period(overrides: Partial<OperatingPeriod> = {}): OperatingPeriod {
  return { id: 'period-1', from: '2026-03-01', to: '2026-12-31', weeklyHours: everyDay(['10:00', '12:00']), bookingOpensAt: null, ...overrides };
}

export function timeSlotProduct(overrides: Partial<TimeSlotProduct> = {}): TimeSlotProduct {
  return {
    id: 'p1',
    name: '커트',
    bookingType: 'time_slot',
    slotMinutes: 30,
    capacityPerSlot: 2,
    horizonMonths: 6,
    operatingPeriods: [period()],
    hiddenSlotStarts: [],
    ...overrides,
  };
}

export function schedule(id: string, usage: Schedule['usage'], opensAt: EpochMinute, closesAt: EpochMinute): Schedule {
  return { id, usage, bookingOpensAt: opensAt, bookingClosesAt: closesAt };
}

export function price(id: string, overrides: Partial<Price> = {}): Price {
  return { id, name: `가격 ${id}`, amount: 10_000, bookableFrom: '2026-01-01', bookableTo: '2026-12-31', maxQuantity: null, ...overrides };
}

export function bookingSchedule(id: string, scheduleId: string, priceId: string, quantity: number | null): BookingSchedule {
  return { id, scheduleId, priceId, quantity };
}

export function scheduledProduct(overrides: Partial<ScheduledProduct> & { inventory: Inventory }): ScheduledProduct {
  return { id: 'p2', name: '원데이 클래스', bookingType: 'date_time', schedules: [], prices: [], bookingSchedules: [], ...overrides };
}

/**
 * The reference answer by brute force over luxon's offsets: every instant
 * whose local time (offsets are whole quarter hours, within ±14 h) is the
 * given one; none when the clock skips it, the earlier when it repeats it.
 * (Luxon's own `fromObject` picks either occurrence of a repeated time
 * depending on the zone, so it cannot be the oracle there.)
 */
export function referenceInstant(name: string, day: number, minute: number): number | null {
  const local = day * 1440 + minute;
  const offsetAt = (instant: number) => DateTime.fromMillis(instant * 60_000, { zone: name }).offset;
  for (let offset = 14 * 60; offset >= -14 * 60; offset -= 15) {
    if (offsetAt(local - offset) === offset) return local - offset;
  }
  return null;
}

/** A Map that counts reads, to hold the one-read-per-pool rule. */
export class CountingMap extends Map<string, number> {
  reads = 0;
  readonly readKeys = new Map<string, number>();
  override get(key: string): number | undefined {
    this.reads++;
    this.readKeys.set(key, (this.readKeys.get(key) ?? 0) + 1);
    return super.get(key);
  }
}
