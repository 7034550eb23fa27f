import type { ScheduleSource, ScheduleStatus } from '../../../platform/db/types.ts';

/**
 * OPS-4: taking back the last status change of a schedule (a 노쇼 or 완료
 * pressed on the wrong card). Pure: the use case reads the last change from
 * the history, the other features say whether what they did can be taken
 * back (a notice already sent), and this decides the rest.
 */

/** How long after the change the undo is offered. */
export const STATUS_UNDO_WINDOW_MS = 10 * 60_000;

/** The history action of an undo; the history row of a status change is 'status'. */
export const STATUS_UNDO_ACTION = 'status_undone';

/**
 * The changes that can be taken back, per source: `to` (the status the
 * change set) → the statuses it may have come from, which the undo restores.
 * - 직접 등록: 완료, 노쇼 and 취소. Each is the shop's own record; what the
 *   other features did with it (a visit, the 노쇼 count, the customer's
 *   reminders) is reversed in the same transaction by their hooks.
 * - 네이버예약: nothing. Every status change there is a command to Naver,
 *   the connector has no command taking a confirmation, completion or
 *   cancellation back, and an unsent command may already be on its way
 *   (the sender holds no lease), so "not yet told" cannot be known.
 * - 예약페이지: nothing. The schedule's status is its booking's, and a
 *   booking's 이용완료 and 취소 are final (seed 001: a cancelled booking
 *   cannot be restored; its quantity may be someone else's already).
 */
const UNDOABLE: Readonly<Record<ScheduleSource, Partial<Record<ScheduleStatus, readonly ScheduleStatus[]>>>> = {
  manual: { completed: ['pending', 'confirmed'], no_show: ['confirmed'], cancelled: ['pending', 'confirmed'] },
  naver: {},
  booking_page: {},
};

/** The last history row that changed the schedule's status. */
export interface LastStatusChange {
  /** 'status' for a change made in the calendar, STATUS_UNDO_ACTION for an undo, or a channel's action. */
  action: string;
  from: ScheduleStatus;
  to: ScheduleStatus;
  at: Date;
  /** Who made it; null for a channel (Naver, the booking page). */
  userId: string | null;
}

export interface UndoQuestion {
  source: ScheduleSource;
  /** The schedule's status now. */
  status: ScheduleStatus;
  last: LastStatusChange | null;
  /** `mayChangeStatus`: holds the permission the status change needs (schedules.edit). */
  actor: { userId: string; isAdmin: boolean; mayChangeStatus: boolean };
  now: Date;
}

export type UndoDecision =
  | { ok: true; to: ScheduleStatus; until: Date }
  | { ok: false; code: 'SCHEDULE_UNDO_EXPIRED' | 'SCHEDULE_UNDO_NOT_ALLOWED'; reason: string };

export const UNDO_REASONS = {
  nothing: '되돌릴 상태 변경이 없습니다.',
  alreadyUndone: '이미 되돌린 변경입니다. 다시 바꾸려면 상태를 새로 선택하세요.',
  naver: '네이버예약 일정의 상태는 네이버에 전달되므로 되돌릴 수 없습니다.',
  bookingPageCancelled: '예약페이지 예약의 취소는 되돌릴 수 없습니다. 고객이 다시 예약해야 합니다.',
  bookingPage: '예약페이지 예약은 예약 상태가 함께 바뀌어 되돌릴 수 없습니다.',
  notUndoable: '이 상태 변경은 되돌릴 수 없습니다.',
  otherUser: '상태를 바꾼 사용자 또는 관리자만 되돌릴 수 있습니다.',
  noPermission: '일정 상태를 바꿀 권한이 없습니다.',
} as const;

function refuse(reason: string): UndoDecision {
  return { ok: false, code: 'SCHEDULE_UNDO_NOT_ALLOWED', reason };
}

/** Whether `from → to` is a change the undo takes back for this source (ignoring who and when). */
export function isUndoableChange(source: ScheduleSource, from: ScheduleStatus, to: ScheduleStatus): boolean {
  return UNDOABLE[source][to]?.includes(from) ?? false;
}

/**
 * Whether the schedule's last status change can be taken back now, by this
 * actor, and to which status. Only the single most recent change, only one
 * made by a user in the calendar (an undo is not undone again: the status is
 * chosen anew), only within STATUS_UNDO_WINDOW_MS of it, and only by a user
 * who may change statuses and who made it, or an admin (a colleague's
 * decision is theirs to correct).
 */
export function decideStatusUndo(q: UndoQuestion): UndoDecision {
  const { last } = q;
  if (!last || last.to !== q.status) return refuse(UNDO_REASONS.nothing);
  if (last.action === STATUS_UNDO_ACTION) return refuse(UNDO_REASONS.alreadyUndone);
  if (q.source === 'naver') return refuse(UNDO_REASONS.naver);
  if (q.source === 'booking_page') return refuse(last.to === 'cancelled' ? UNDO_REASONS.bookingPageCancelled : UNDO_REASONS.bookingPage);
  if (last.action !== 'status' || last.userId === null || !isUndoableChange(q.source, last.from, last.to)) return refuse(UNDO_REASONS.notUndoable);
  const until = new Date(last.at.getTime() + STATUS_UNDO_WINDOW_MS);
  if (q.now.getTime() >= until.getTime()) {
    return { ok: false, code: 'SCHEDULE_UNDO_EXPIRED', reason: `상태를 바꾼 지 ${STATUS_UNDO_WINDOW_MS / 60_000}분이 지나 되돌릴 수 없습니다.` };
  }
  if (!q.actor.mayChangeStatus) return refuse(UNDO_REASONS.noPermission);
  if (last.userId !== q.actor.userId && !q.actor.isAdmin) return refuse(UNDO_REASONS.otherUser);
  return { ok: true, to: last.from, until };
}

