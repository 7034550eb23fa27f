import {
  addMonths,
  epochDayFromLocal,
  isoWeekday,
  localDayOf,
  zonedInstant,
  type EpochDay,
  type EpochMinute,
  type MinuteOfDay,
  type Zone,
} from './calendar.ts';
import type { IsoWeekday, OpeningHours, OperatingPeriod, TimeSlotProduct } from './model.ts';

/**
 * BOOK-3: the slots of a 시간예약형 product, generated from its operating
 * periods and weekly hours. The loop works on integers: each local day is
 * converted to an instant once, and slot starts are that instant plus the
 * local minute. Only on a day whose UTC offset changes (a DST day; never in
 * Asia/Seoul) is each slot's wall-clock time converted on its own: a slot
 * time skipped by the change has no slot, a repeated one gets its first
 * occurrence. A slot lasts `slotMinutes` of real time.
 */

export interface PreparedPeriod {
  period: OperatingPeriod;
  fromDay: EpochDay;
  toDay: EpochDay;
  hours: Readonly<Record<IsoWeekday, readonly OpeningHours[]>>;
}

/** Operating periods parsed once, in date order, their hours sorted by opening time. */
export function preparePeriods(product: TimeSlotProduct): PreparedPeriod[] {
  return product.operatingPeriods
    .map((period) => ({
      period,
      fromDay: epochDayFromLocal(period.from),
      toDay: epochDayFromLocal(period.to),
      hours: sortHours(period.weeklyHours),
    }))
    .sort((a, b) => a.fromDay - b.fromDay);
}

function sortHours(hours: OperatingPeriod['weeklyHours']): Record<IsoWeekday, readonly OpeningHours[]> {
  const sorted = (d: IsoWeekday) => [...hours[d]].sort((a, b) => a.openMinute - b.openMinute);
  return { 1: sorted(1), 2: sorted(2), 3: sorted(3), 4: sorted(4), 5: sorted(5), 6: sorted(6), 7: sorted(7) };
}

/** The last local day shown: today in the zone plus the product's horizon in months (inclusive). */
export function horizonLastDay(product: TimeSlotProduct, now: EpochMinute, zone: Zone): EpochDay {
  return addMonths(localDayOf(now, zone), product.horizonMonths);
}

export type SlotVisitor = (start: EpochMinute, day: EpochDay, localMinute: MinuteOfDay, period: PreparedPeriod) => void;

/** Visits the slots of one local day of one period, in time order. */
export function forEachSlotOfDay(day: EpochDay, prepared: PreparedPeriod, slotMinutes: number, zone: Zone, visit: SlotVisitor): void {
  const ranges = prepared.hours[isoWeekday(day)];
  if (ranges.length === 0) return;
  const dayStart = zonedInstant(day, 0, zone);
  const steadyOffset = dayStart !== null && zone.offsetAt(dayStart) === zone.offsetAt(dayStart + 1439);
  for (const { openMinute, closeMinute } of ranges) {
    for (let minute = openMinute; minute + slotMinutes <= closeMinute; minute += slotMinutes) {
      const start = steadyOffset ? dayStart + minute : zonedInstant(day, minute, zone);
      if (start !== null) visit(start, day, minute, prepared);
    }
  }
}

/**
 * Visits every slot of the local days [fromDay, toDay], day by day in order.
 * Days covered by two periods (an invalid product) are generated once, from
 * the earlier period.
 */
export function forEachSlot(
  periods: readonly PreparedPeriod[],
  slotMinutes: number,
  fromDay: EpochDay,
  toDay: EpochDay,
  zone: Zone,
  visit: SlotVisitor,
): void {
  let doneThrough = fromDay - 1;
  for (const prepared of periods) {
    const first = Math.max(doneThrough + 1, prepared.fromDay);
    const last = Math.min(toDay, prepared.toDay);
    for (let day = first; day <= last; day++) {
      forEachSlotOfDay(day, prepared, slotMinutes, zone, visit);
    }
    doneThrough = Math.max(doneThrough, last);
  }
}

export interface FoundSlot {
  start: EpochMinute;
  end: EpochMinute;
  day: EpochDay;
  localMinute: MinuteOfDay;
  period: OperatingPeriod;
}

/** The slot starting at an instant, if the product has one there. */
export function findSlot(product: TimeSlotProduct, start: EpochMinute, zone: Zone): FoundSlot | null {
  const day = localDayOf(start, zone);
  const prepared = preparePeriods(product).find((p) => p.fromDay <= day && day <= p.toDay);
  if (!prepared) return null;
  let found: FoundSlot | null = null;
  forEachSlotOfDay(day, prepared, product.slotMinutes, zone, (slotStart, _day, localMinute, p) => {
    if (slotStart === start) found = { start, end: start + product.slotMinutes, day, localMinute, period: p.period };
  });
  return found;
}
