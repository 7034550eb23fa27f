/**
 * OPS-2: what a user reads about a staff member's working hours and
 * absences. Pure, imported by the server (refusals, availability reasons,
 * the calendar's bands) and the web alike.
 */

export const STAFF_ABSENCE_KIND_LABELS = {
  day_off: '휴무',
  vacation: '휴가',
  field_work: '외근',
} as const satisfies Record<string, string>;

export type StaffAbsenceKindLabel = keyof typeof STAFF_ABSENCE_KIND_LABELS;

/** A time outside the staff's weekly hours (a weekday without hours included). */
export const STAFF_OFF_HOURS_LABEL = '근무 시간 외';

/** A band's label in the calendar: "휴가 · 학회", "외근", "근무 시간 외". */
export function staffOffLabel(kind: StaffAbsenceKindLabel | 'off_hours', memo: string): string {
  const label = kind === 'off_hours' ? STAFF_OFF_HOURS_LABEL : STAFF_ABSENCE_KIND_LABELS[kind];
  return memo ? `${label} · ${memo}` : label;
}

/** Why the booking page does not offer a time of a product assigned to the staff (the memo stays the shop's). */
export function staffClosedReason(kind: StaffAbsenceKindLabel | 'off_hours'): string {
  return kind === 'off_hours' ? `담당자 ${STAFF_OFF_HOURS_LABEL}` : `담당자 ${STAFF_ABSENCE_KIND_LABELS[kind]}`;
}
