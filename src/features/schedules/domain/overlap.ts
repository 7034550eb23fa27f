import type { ScheduleStatus } from '../../../platform/db/types.ts';

/**
 * OPS-3: two schedules of one staff overlap when their half-open spans
 * [start, end) share a moment: one ending at 10:30 and the next starting at
 * 10:30 do not. Cancelled schedules hold no time. Channel columns (네이버예약,
 * 예약페이지) hold any number of bookings and are never checked; a person or a
 * room is.
 */
export interface Span {
  startsAt: Date;
  endsAt: Date;
}

export function overlaps(a: Span, b: Span): boolean {
  return a.startsAt.getTime() < b.endsAt.getTime() && b.startsAt.getTime() < a.endsAt.getTime();
}

/** Statuses that occupy the staff's time. */
export function holdsTime(status: ScheduleStatus): boolean {
  return status !== 'cancelled';
}

/** Staff kinds whose time is one person's or one room's. */
export function isOccupiable(kind: string): boolean {
  return kind === 'user' || kind === 'resource';
}

/** The schedules of `others` that `candidate` would overlap, earliest first. */
export function conflictsOf<T extends Span & { id: string; status: ScheduleStatus }>(candidate: Span & { id?: string }, others: readonly T[]): T[] {
  return others
    .filter((o) => o.id !== candidate.id && holdsTime(o.status) && overlaps(candidate, o))
    .sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime() || a.id.localeCompare(b.id));
}
