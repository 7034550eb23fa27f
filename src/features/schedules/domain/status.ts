import type { ScheduleSource, ScheduleStatus } from '../../../platform/db/types.ts';
import { AppError } from '../../../platform/errors/registry.ts';
import { SCHEDULE_STATUS_LABELS as STATUS_LABELS } from '../../../shared/labels/schedules.ts';

/**
 * CORE-7: the schedule state machine, the one place that decides which
 * status changes are allowed. Pure: no I/O, so the server enforces it and the
 * calendar offers exactly `allowedTransitions` of each schedule.
 */

export const SCHEDULE_STATUSES = ['pending', 'confirmed', 'cancelled', 'completed', 'no_show'] as const satisfies readonly ScheduleStatus[];
export const SCHEDULE_SOURCES = ['manual', 'naver', 'booking_page'] as const satisfies readonly ScheduleSource[];

type TransitionRow = Record<ScheduleStatus, readonly ScheduleStatus[]>;

/**
 * How a clinic works a schedule entered by hand:
 * - 확정대기 → 예약확정 or 취소, and also straight to 완료: a customer who shows
 *   up for a tentative slot is seen, and forcing a "confirm" first would only
 *   add a click and a history line that never happened.
 * - 예약확정 → 완료 or 취소. No way back to 확정대기: the customer may already
 *   have been told the booking stands, and no channel (Naver) can take a
 *   confirmation back, so the calendar must not pretend it can.
 * - 예약확정 → 노쇼 (OPS-4) once the schedule has begun: the customer did not
 *   come. It is counted on the customer.
 * - 취소, 완료 and 노쇼 are final. A cancelled visit is rebooked as a new
 *   schedule, so its history stays true; a completed one feeds visits and
 *   settlement.
 */
const DEFAULT_TRANSITIONS: TransitionRow = {
  pending: ['confirmed', 'cancelled', 'completed'],
  confirmed: ['completed', 'no_show', 'cancelled'],
  cancelled: [],
  completed: [],
  no_show: [],
};

/**
 * Channels restrict the default rows, never widen them (a test holds this).
 * NAVER-7: a Naver booking in 확정대기 can only be confirmed or cancelled,
 * because both are commands Naver carries to the customer; NAVER-8 leaves
 * 예약확정 → 완료 / 취소 as in the default row.
 */
const SOURCE_OVERRIDES: { [S in ScheduleSource]?: Partial<TransitionRow> } = {
  // No connector command carries a no-show to Naver (docs/naver-contract.md): Naver's own 노쇼 stays Naver's.
  naver: { pending: ['confirmed', 'cancelled'], confirmed: ['completed', 'cancelled'] },
  // BOOK-6: a booking-page booking awaiting approval is confirmed or rejected (cancelled) first. Its
  // booking has no 노쇼 status (payments and settlement read the booking's), so a booking-page
  // schedule is not marked 노쇼 either.
  booking_page: { pending: ['confirmed', 'cancelled'], confirmed: ['completed', 'cancelled'] },
};

/** The whole table, per source: what the server allows and the UI offers. */
export const TRANSITIONS: Readonly<Record<ScheduleSource, Readonly<TransitionRow>>> = Object.fromEntries(
  SCHEDULE_SOURCES.map((source) => [source, { ...DEFAULT_TRANSITIONS, ...SOURCE_OVERRIDES[source] }]),
) as Record<ScheduleSource, TransitionRow>;

export function allowedTransitions(status: ScheduleStatus, source: ScheduleSource): readonly ScheduleStatus[] {
  return TRANSITIONS[source][status];
}

export function canTransition(from: ScheduleStatus, to: ScheduleStatus, source: ScheduleSource): boolean {
  return allowedTransitions(from, source).includes(to);
}

/** Cancelled, completed and no-show schedules can no longer change status, time, staff or customer. */
export function isFinal(status: ScheduleStatus): boolean {
  return status === 'cancelled' || status === 'completed' || status === 'no_show';
}

export function assertTransition(from: ScheduleStatus, to: ScheduleStatus, source: ScheduleSource): void {
  if (canTransition(from, to, source)) return;
  const allowed = allowedTransitions(from, source);
  const hint =
    allowed.length === 0
      ? `${STATUS_LABELS[from]} 상태는 더 이상 바꿀 수 없습니다.`
      : `가능한 상태: ${allowed.map((s) => STATUS_LABELS[s]).join(', ')}`;
  throw new AppError('SCHEDULE_TRANSITION_NOT_ALLOWED', {
    message: `'${STATUS_LABELS[from]}' 상태에서 '${STATUS_LABELS[to]}'(으)로 바꿀 수 없습니다. ${hint}`,
    details: { from, to, source, allowed },
  });
}
