import { isDayBoundPool, type NewClaim, type PoolDemand } from '../../inventory/index.ts';
import {
  civilOf,
  dateOfEpochMinute,
  epochDayFromLocal,
  formatLocalDate,
  formatLocalTime,
  isoWeekday,
  localDayOf,
  localOf,
  startOfLocalDay,
  zonedInstant,
  zoneOf,
  type BookingLine,
  type LoadedProduct,
  type ScheduledProduct,
} from '../../products/index.ts';

/** When a booking is used, as the calendar, the customer and the capacity claims see it. */
export interface Usage {
  startsAt: Date;
  endsAt: Date;
  /** '12월 5일 (토) 14:00', '12월 5일 (토)' or a period '12월 1일 (화) ~ 12월 31일 (목)', in the business's zone. */
  label: string;
  /** The local date the capacity of day-bound pools belongs to; null for a period (상시형). */
  day: string | null;
}

const WEEKDAYS = ['', '월', '화', '수', '목', '금', '토', '일'];

/** '12월 5일 (토)' of a local epoch day. */
function dateLabel(day: number): string {
  const civil = civilOf(day);
  return `${civil.month}월 ${civil.day}일 (${WEEKDAYS[isoWeekday(day)]})`;
}

/** '12월 5일 (토) 14:00' of an instant in a zone. */
function dateTimeLabel(instant: number, zone: ReturnType<typeof zoneOf>): string {
  const local = localOf(instant, zone);
  return `${dateLabel(local.day)} ${formatLocalTime(local.minute)}`;
}

/** BOOK-9: the usage of a booking's lines (one slot, or one schedule): its times in the calendar and its label. */
export function usageOf(loaded: LoadedProduct, lines: readonly BookingLine[]): Usage {
  const product = loaded.product;
  const zone = zoneOf(loaded.timeZone);
  const first = lines[0]!;
  if (product.bookingType === 'time_slot' && first.kind === 'slot') {
    return {
      startsAt: dateOfEpochMinute(first.startMinute),
      endsAt: dateOfEpochMinute(first.startMinute + product.slotMinutes),
      label: dateTimeLabel(first.startMinute, zone),
      day: formatLocalDate(localDayOf(first.startMinute, zone)),
    };
  }
  const scheduled = product as ScheduledProduct;
  const bs = scheduled.bookingSchedules.find((b) => first.kind === 'booking_schedule' && b.id === first.bookingScheduleId)!;
  const schedule = scheduled.schedules.find((s) => s.id === bs.scheduleId)!;
  const usage = schedule.usage;
  switch (usage.kind) {
    case 'date_time': {
      const day = epochDayFromLocal(usage.date);
      // A session at a time the clock skips (DST) is taken as starting when the clock resumes.
      const start = zonedInstant(day, usage.startMinute, zone) ?? startOfLocalDay(day, zone) + usage.startMinute;
      return {
        startsAt: dateOfEpochMinute(start),
        endsAt: dateOfEpochMinute(start + (loaded.row.duration_minutes ?? 60)),
        label: dateTimeLabel(start, zone),
        day: usage.date,
      };
    }
    case 'date': {
      const day = epochDayFromLocal(usage.date);
      return {
        startsAt: dateOfEpochMinute(startOfLocalDay(day, zone)),
        endsAt: dateOfEpochMinute(startOfLocalDay(day + 1, zone)),
        label: dateLabel(day),
        day: usage.date,
      };
    }
    case 'period': {
      const from = epochDayFromLocal(usage.from);
      const to = epochDayFromLocal(usage.to);
      return {
        startsAt: dateOfEpochMinute(startOfLocalDay(from, zone)),
        endsAt: dateOfEpochMinute(startOfLocalDay(to + 1, zone)),
        label: `${dateLabel(from)} ~ ${dateLabel(to)}`,
        day: null,
      };
    }
  }
}

/** Day-bound pools (a slot, a session, a date) carry the usage date, so availability reads only the days it shows. */
export function claimsOf(demand: readonly PoolDemand[], usage: Usage): NewClaim[] {
  return demand.map((pool) => ({ poolKey: pool.key, usageDay: isDayBoundPool(pool.key) ? usage.day : null, quantity: pool.requested }));
}
