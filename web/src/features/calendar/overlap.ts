import { ApiError } from '../../api/client';

/** OPS-3: what a SCHEDULE_OVERLAP refusal names: the staff and the schedules already on that time. */
export interface OverlapRefusal {
  message: string;
  staffName: string;
  conflicts: { id: string; customerName: string; title: string; startsAt: string; endsAt: string }[];
}

export function overlapOf(error: unknown): OverlapRefusal | null {
  if (!(error instanceof ApiError) || error.code !== 'SCHEDULE_OVERLAP') return null;
  const details = (error.details ?? {}) as Partial<OverlapRefusal>;
  return { message: error.message, staffName: details.staffName ?? '', conflicts: Array.isArray(details.conflicts) ? details.conflicts : [] };
}
