/**
 * BOOK-1..6: what a user reads about places and products, in the words of
 * 카카오톡 예약하기 (seed 001). Pure, imported by the server (its replies and
 * rule messages) and the web alike; the keys are the database's values,
 * repeated here as literals.
 */

/** BOOK-2: the four booking types. */
export const BOOKING_TYPE_LABELS = {
  time_slot: '시간예약형',
  date_time: '날짜/시간형',
  date: '날짜형',
  always: '상시형',
} as const satisfies Record<string, string>;

/** BOOK-5: how a product counts what is left (예약수량 관리). */
export const INVENTORY_MODE_LABELS = {
  per_booking_schedule: '예약 스케줄별 관리',
  per_date_time: '날짜/시간별 관리',
  per_date: '날짜별 관리',
  per_period: '기간 내 수량 관리',
  per_price: '가격별 관리',
} as const satisfies Record<string, string>;

/** BOOK-6: one wording for the approval mode everywhere (the server's replies, the partner center, the booking page). */
export const CONFIRMATION_MODE_LABELS = {
  instant: '즉시 확정',
  approval: '관리자 승인 후 확정',
} as const satisfies Record<string, string>;

/** BOOK-6: pay on site, or book without payment (the price is shown for information). */
export const PAYMENT_MODE_LABELS = {
  on_site: '현장 결제',
  none: '결제 없이 예약',
  prepaid: '예약 시 결제',
} as const satisfies Record<string, string>;

/** BOOK-1: a place's 운영상태. */
export const OPERATING_STATUS_LABELS = {
  open: '운영중',
  paused: '일시중지',
  closed: '운영종료',
} as const satisfies Record<string, string>;

/** ISO weekdays, 1 = Monday … 7 = Sunday, as weekly hours name them. */
export const WEEKDAY_LABELS = { 1: '월', 2: '화', 3: '수', 4: '목', 5: '금', 6: '토', 7: '일' } as const satisfies Record<number, string>;
