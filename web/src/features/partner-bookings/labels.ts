/** The partner center's buttons on a booking (BOOK-10). */
export const BOOKING_ACTION_LABELS = {
  confirm: '예약 확정',
  reject: '거절',
  cancel: '취소',
  complete: '이용완료',
} as const;

/** Success toasts, in the order a shop works through a booking. */
export const BOOKING_ACTION_DONE = {
  confirm: '예약을 확정했습니다.',
  reject: '예약을 거절했습니다.',
  cancel: '예약을 취소했습니다.',
  complete: '이용완료로 처리했습니다.',
} as const;
