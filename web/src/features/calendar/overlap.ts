import { ApiError } from '../../api/client';

/**
 * What a schedule write the server refused but the user may still save names:
 * OPS-3 SCHEDULE_OVERLAP (the staff and the schedules already on that time) or
 * OPS-2 SCHEDULE_STAFF_ABSENT (the staff's 휴무·휴가·외근 or time outside their hours).
 */
export type ScheduleRefusal =
  | {
      kind: 'overlap';
      message: string;
      staffName: string;
      conflicts: { id: string; customerName: string; title: string; startsAt: string; endsAt: string }[];
    }
  | { kind: 'absent'; message: string; staffName: string; reason: string; label: string };

/** The flags a write carries once the user chose to save anyway. */
export interface ScheduleOverride {
  allowOverlap?: boolean;
  allowAbsent?: boolean;
}

export function refusalOf(error: unknown): ScheduleRefusal | null {
  if (!(error instanceof ApiError)) return null;
  if (error.code === 'SCHEDULE_OVERLAP') {
    const details = (error.details ?? {}) as { staffName?: string; conflicts?: unknown };
    return { kind: 'overlap', message: error.message, staffName: details.staffName ?? '', conflicts: Array.isArray(details.conflicts) ? details.conflicts : [] };
  }
  if (error.code === 'SCHEDULE_STAFF_ABSENT') {
    const details = (error.details ?? {}) as { staffName?: string; reason?: string; label?: string };
    return { kind: 'absent', message: error.message, staffName: details.staffName ?? '', reason: details.reason ?? error.message, label: details.label ?? '' };
  }
  return null;
}

/** The flag that saves past this refusal. */
export function overrideFor(refusal: ScheduleRefusal): ScheduleOverride {
  return refusal.kind === 'overlap' ? { allowOverlap: true } : { allowAbsent: true };
}

/** Whether the write already said to save past this refusal (then asking again would loop). */
export function alreadyOverridden(refusal: ScheduleRefusal, given: ScheduleOverride | undefined): boolean {
  return refusal.kind === 'overlap' ? Boolean(given?.allowOverlap) : Boolean(given?.allowAbsent);
}
