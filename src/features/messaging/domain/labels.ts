import type { MessageChannel, MessageStatus, RecipientStatus } from '../../../platform/db/types.ts';

/** MSG-5, MSG-11: Korean names of what the messaging screens and API show. */

export const CHANNEL_LABELS: Record<MessageChannel, string> = {
  alimtalk: '알림톡',
  sms: 'SMS',
  lms: 'LMS',
};

export const MESSAGE_STATUS_LABELS: Record<MessageStatus, string> = {
  scheduled: '예약됨',
  waiting: '야간 발송 제한으로 대기',
  sending: '발송 중',
  sent: '발송 완료',
  cancelled: '취소',
  failed: '실패',
};

export const RECIPIENT_STATUS_LABELS: Record<RecipientStatus, string> = {
  pending: '대기',
  accepted: '접수',
  sent: '발송',
  delivered: '수신 완료',
  failed: '실패',
};

/**
 * Why a customer of the audience gets no message, in the order a customer
 * with several reasons is reported under (see exclusionReason): first what
 * makes sending impossible or unlawful, then the send settings.
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
