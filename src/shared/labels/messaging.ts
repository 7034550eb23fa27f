/**
 * MSG-3..11: the Korean names of what the messaging screens show, one map
 * each for the server's replies and the web app. Pure: no server imports
 * (the keys are the database's values, repeated here as literals).
 */

export const CHANNEL_LABELS = {
  alimtalk: '알림톡',
  sms: '문자(SMS)',
  lms: '문자(LMS)',
} as const satisfies Record<string, string>;

export const MESSAGE_STATUS_LABELS = {
  scheduled: '예약됨',
  waiting: '야간 발송 제한으로 대기',
  sending: '발송 중',
  sent: '발송 완료',
  cancelled: '취소',
  failed: '실패',
} as const satisfies Record<string, string>;

/** The same statuses where a list has room for a word or two (the full label goes in the badge's title). */
export const MESSAGE_STATUS_SHORT_LABELS = {
  ...MESSAGE_STATUS_LABELS,
  waiting: '대기(야간 제한)',
} as const satisfies Record<keyof typeof MESSAGE_STATUS_LABELS, string>;

export const RECIPIENT_STATUSES = ['pending', 'accepted', 'sent', 'delivered', 'failed'] as const;

export const RECIPIENT_STATUS_LABELS = {
  pending: '대기',
  accepted: '접수',
  sent: '발송',
  delivered: '수신 완료',
  failed: '실패',
} as const satisfies Record<(typeof RECIPIENT_STATUSES)[number], string>;

/**
 * Why a customer of the audience gets no message, in the order a customer
 * with several reasons is reported under (the pure rule `exclusionReason`
 * and the audience SQL both follow it): first what makes sending impossible
 * or unlawful, then the send settings.
 */
export const EXCLUSION_REASONS = ['invalid_phone', 'opted_out', 'no_consent', 'visitor_restriction', 'duplicate_prevention'] as const;
export type ExclusionReason = (typeof EXCLUSION_REASONS)[number];

export const EXCLUSION_REASON_LABELS: Record<ExclusionReason, string> = {
  invalid_phone: '유효하지 않은 번호',
  opted_out: '수신거부',
  no_consent: '마케팅 수신 미동의',
  visitor_restriction: '발송 대상 제한',
  duplicate_prevention: '중복 발송 방지',
};

export const COUPON_VALIDITY_LABELS = {
  same_day: '발송 당일',
  '3d': '3일',
  '7d': '7일',
  '30d': '30일',
  '90d': '90일',
  '365d': '365일',
} as const satisfies Record<string, string>;

/** The three optional send settings (MSG-6). */
export const SEND_SETTING_LABELS = {
  visitorRestriction: '발송 대상 제한',
  duplicatePrevention: '중복 발송 방지',
  performance: '메시지 성과',
} as const satisfies Record<string, string>;

/** NOTI-1 … NOTI-4, LAW-3: the customer notices, as 설정 > 알림 메시지 and the histories name them. */
export const NOTICE_EVENT_LABELS = {
  booking_received: '예약 접수',
  booking_confirmed: '예약 확정',
  booking_rejected: '예약 거절',
  booking_cancelled: '예약 취소',
  booking_refunded: '결제 취소(환불)',
  reminder: '방문 전 리마인드',
  inquiry_reply: '문의 답변',
  consent_notice: '수신동의 여부 안내(2년마다)',
  coupon_fallback: '쿠폰 문자 대체 발송',
} as const satisfies Record<string, string>;

export const NOTICE_STATUS_LABELS = {
  pending: '발송 예정',
  sending: '발송 중',
  accepted: '접수',
  sent: '발송',
  delivered: '수신 완료',
  failed: '실패',
  cancelled: '보내지 않음',
} as const satisfies Record<string, string>;

/** A 알림톡 template's inspection at Kakao (Solapi's statuses). */
export const KAKAO_TEMPLATE_STATUS_LABELS = {
  PENDING: '검수 요청 전',
  INSPECTING: '검수중',
  APPROVED: '승인',
  REJECTED: '반려',
} as const satisfies Record<string, string>;
