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

/** A 이용완료 booking paid at booking can still be cancelled: then the payment goes with it (PAY-2). */
export const CANCEL_PAID_COMPLETED_LABEL = '예약취소 (예약과 결제 모두 취소)';
export const CANCEL_PAYMENT_ONLY_LABEL = '결제만 취소';
