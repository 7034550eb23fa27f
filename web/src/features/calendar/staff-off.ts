import { addDays, zonedToUtc } from '../../../../src/shared/time';
import type { CalendarData } from '../../api/models';

/** OPS-2: one staff's absence or off hours as the calendar reply gives it. */
export type StaffOff = CalendarData['staffOff'][number];

/** A band of a staff column in minutes of its day, inside the grid's range. */
export interface OffBand {
  key: string;
  startMinutes: number;
  endMinutes: number;
  kind: StaffOff['kind'];
  label: string;
}

/**
 * The bands of one staff's column on one local day: each interval clipped to
 * the day and to the grid's range (an absence across midnight shows on both
 * days). Minutes count from the day's local midnight.
 */
export function offBandsOf(staffOff: readonly StaffOff[], staffId: string, dateKey: string, range: { start: number; end: number }, timeZone: string): OffBand[] {
  const dayStart = zonedToUtc(dateKey, 0, timeZone).getTime();
  const dayEnd = zonedToUtc(addDays(dateKey, 1), 0, timeZone).getTime();
  const bands: OffBand[] = [];
  for (const off of staffOff) {
    if (off.staffId !== staffId) continue;
    const from = Math.max(Date.parse(off.startsAt), dayStart);
    const to = Math.min(Date.parse(off.endsAt), dayEnd);
    if (to <= from) continue;
    const startMinutes = Math.max(Math.round((from - dayStart) / 60_000), range.start);
    const endMinutes = Math.min(Math.round((to - dayStart) / 60_000), range.end);
    if (endMinutes <= startMinutes) continue;
    bands.push({ key: `${off.startsAt}-${off.kind}`, startMinutes, endMinutes, kind: off.kind, label: off.label });
  }
  return bands;
}
