/** PAY-1 … PAY-4: the words a shop and a customer read for payments, refunds and statement lines. */

export const PAYMENT_STATUS_LABELS = {
  pending: '결제 대기',
  confirming: '결제 확인 중',
  paid: '결제 완료',
  failed: '결제 실패',
  expired: '결제 시간 만료',
  refund_pending: '환불 예정',
  partially_refunded: '부분 환불',
  refunded: '환불 완료',
} as const satisfies Record<string, string>;

export const REFUND_KIND_LABELS = {
  booking_cancel: '예약취소 환불',
  payment_only: '결제만 취소',
  unfulfillable: '예약 불가 환불',
  external: '결제사에서 직접 환불',
} as const satisfies Record<string, string>;

export const REFUND_STATUS_LABELS = {
  requested: '환불 요청',
  processing: '환불 처리 중',
  succeeded: '환불 완료',
  failed: '환불 실패',
} as const satisfies Record<string, string>;

/** 주결제 수단 as the statement names it. */
export const MAIN_METHOD_LABELS = {
  card: '신용카드',
  kakaopay_card: '카카오페이 카드',
  kakaopay_money: '카카오페이 머니',
  other: '기타 간편결제',
} as const satisfies Record<string, string>;

export const SETTLEMENT_KIND_LABELS = {
  sale: '이용완료',
  reversal: '결제취소',
  retained: '취소수수료',
} as const satisfies Record<string, string>;

/** PAY-3: the card-fee revenue grades (우대수수료 구간, 매출 등급). */
export const REVENUE_GRADE_LABELS = {
  small: '영세',
  medium1: '중소1',
  medium2: '중소2',
  medium3: '중소3',
  general: '일반',
} as const satisfies Record<string, string>;

/** PAY-3, PAY-4: the methods a fee is charged by (points have their own fee). */
export const FEE_METHOD_LABELS = {
  card: '신용카드',
  kakaopay_card: '카카오페이 카드',
  kakaopay_money: '카카오페이 머니',
  points: '포인트결제',
} as const satisfies Record<string, string>;
