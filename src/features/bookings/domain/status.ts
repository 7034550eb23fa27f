import type { BookingStatus, ScheduleStatus } from '../../../platform/db/types.ts';
import { AppError } from '../../../platform/errors/registry.ts';
import * as labels from '../../../shared/labels/bookings.ts';

/**
 * BOOK-6, BOOK-10: what can happen to a whole booking number. Pure, so the
 * partner center offers exactly `allowedBookingActions` and the server
 * refuses the rest.
 * - 확정대기 (approval products) → 예약확정 or 거절, or 취소.
 * - 예약확정 → 이용완료 or 취소.
 * - 이용완료 of a booking paid at booking (PAY-2) → 취소 by the shop
 *   (예약취소: booking and payment); the payment alone is refunded apart
 *   (결제만 취소) and the booking stays 이용완료.
 * - 이용완료 (unpaid), 취소 and 거절 are final: a cancelled booking is never restored
 *   (the quantity it gave back may already be someone else's); the customer
 *   books again.
 */
export const BOOKING_ACTIONS = ['confirm', 'reject', 'cancel', 'complete'] as const;
export type BookingAction = (typeof BOOKING_ACTIONS)[number];

export const BOOKING_STATUS_LABELS: Record<BookingStatus, string> = labels.BOOKING_STATUS_LABELS;

const ACTIONS: Record<BookingStatus, Partial<Record<BookingAction, BookingStatus>>> = {
  pending: { confirm: 'confirmed', reject: 'rejected', cancel: 'cancelled' },
  confirmed: { complete: 'completed', cancel: 'cancelled' },
  completed: {},
  cancelled: {},
  rejected: {},
};

/** What else a booking paid at booking allows (PAY-2). */
const PREPAID_ACTIONS: Partial<Record<BookingStatus, Partial<Record<BookingAction, BookingStatus>>>> = {
  completed: { cancel: 'cancelled' },
};

function transition(status: BookingStatus, action: BookingAction, prepaid: boolean): BookingStatus | undefined {
  return ACTIONS[status][action] ?? (prepaid ? PREPAID_ACTIONS[status]?.[action] : undefined);
}

/**
 * What the partner center offers. A booking awaiting approval is declined
 * with 거절 only: offering 취소 beside it would be two buttons for one
 * decision (the customer's own cancellation of it still goes through
 * `nextBookingStatus`).
 */
export function allowedBookingActions(status: BookingStatus, prepaid = false): BookingAction[] {
  const possible = BOOKING_ACTIONS.filter((a) => transition(status, a, prepaid) !== undefined);
  return possible.includes('reject') ? possible.filter((a) => a !== 'cancel') : possible;
}

/**
 * The action a request stands for. The shop declining a booking that awaits
 * approval is a rejection however it is asked (취소 from the calendar, or the
 * partner API's cancel): the booking was never accepted, the customer is told
 * 거절, and the calendar reads 거절. The customer's own cancellation of it
 * stays a cancellation.
 */
export function effectiveBookingAction(status: BookingStatus, action: BookingAction, side: 'customer' | 'business'): BookingAction {
  return side === 'business' && status === 'pending' && action === 'cancel' ? 'reject' : action;
}

/** Nothing more can happen to it (a completed prepaid booking can still be cancelled by the shop, but not by its customer). */
export function isBookingFinal(status: BookingStatus): boolean {
  return status === 'completed' || status === 'cancelled' || status === 'rejected';
}

/** Gives back its quantity: the pools count only live bookings. */
export function releasesCapacity(status: BookingStatus): boolean {
  return status === 'cancelled' || status === 'rejected';
}

export function nextBookingStatus(status: BookingStatus, action: BookingAction, prepaid = false): BookingStatus {
  const next = transition(status, action, prepaid);
  if (next) return next;
  if (status === 'cancelled' || status === 'rejected') throw new AppError('BOOKING_CANCELLED_FINAL');
  const allowed = allowedBookingActions(status, prepaid);
  throw new AppError('BOOKING_STATUS_NOT_ALLOWED', {
    message: `'${BOOKING_STATUS_LABELS[status]}' 상태의 예약에는 할 수 없는 작업입니다.`,
    details: { status, action, allowed },
  });
}

/** The calendar shows a rejected booking as a cancelled schedule. */
export function scheduleStatusOf(status: BookingStatus): ScheduleStatus {
  return status === 'rejected' ? 'cancelled' : status;
}

/** A status set in the calendar, as the booking action it stands for. */
export function actionForScheduleStatus(status: ScheduleStatus): BookingAction | null {
  switch (status) {
    case 'confirmed':
      return 'confirm';
    case 'cancelled':
      return 'cancel';
    case 'completed':
      return 'complete';
    default:
      return null;
  }
}
