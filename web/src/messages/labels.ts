import type { Coupon, ExclusionReason, GroupKey, MessageStatus, Period, RecipientStatus, Validity } from './types';

export const VALIDITY_OPTIONS: { value: Validity; label: string }[] = [
  { value: 'same_day', label: '발송 당일' },
  { value: '3d', label: '3일' },
  { value: '7d', label: '7일' },
  { value: '30d', label: '30일' },
  { value: '90d', label: '90일' },
  { value: '365d', label: '365일' },
];

export const validityLabel = (validity: Validity | null | undefined) => VALIDITY_OPTIONS.find((o) => o.value === validity)?.label ?? '';

export const CHANNEL_LABELS: Record<string, string> = { alimtalk: '알림톡', sms: '문자(SMS)', lms: '문자(LMS)' };

/** The seed's groups with its definitions. */
export const GROUPS: { key: GroupKey; label: string; definition: string; note?: string }[] = [
  { key: 'regular', label: '단골', definition: '현재 기준 지난 3개월 동안 3회 이상 적립한 고객', note: '방문이 뜸해지면 단골 고객에서 제외됩니다.' },
  { key: 'prospective', label: '예비 단골', definition: '기간 제한 없이 첫 적립 기준 2회 이상 적립한 고객 (단골 제외)' },
  { key: 'first', label: '첫 적립', definition: '처음으로 적립한 고객' },
];

export const GROUP_LABELS: Record<string, string> = { regular: '단골', prospective: '예비 단골', first: '첫 적립' };

export const EXCLUSION_REASONS: { key: ExclusionReason; label: string }[] = [
  { key: 'no_consent', label: '마케팅 수신 미동의' },
  { key: 'opted_out', label: '수신거부' },
  { key: 'invalid_phone', label: '유효하지 않은 번호' },
  { key: 'visitor_restriction', label: '발송 대상 제한' },
  { key: 'duplicate_prevention', label: '중복 발송 방지' },
];

export const MESSAGE_STATUS_LABELS: Record<MessageStatus, string> = {
  scheduled: '예약됨',
  waiting: '대기(야간 제한)',
  sending: '발송 중',
  sent: '발송 완료',
  cancelled: '취소',
  failed: '실패',
};

export const RECIPIENT_STATUSES: RecipientStatus[] = ['pending', 'accepted', 'sent', 'delivered', 'failed'];

export const RECIPIENT_STATUS_LABELS: Record<RecipientStatus, string> = {
  pending: '대기',
  accepted: '접수',
  sent: '발송',
  delivered: '수신 완료',
  failed: '실패',
};

export function couponLabel(coupon: Coupon | null | undefined): string {
  if (!coupon) return '';
  if (coupon.type === 'gift') return coupon.giftName ? `${coupon.giftName} 증정` : '증정 쿠폰';
  if (!coupon.discountValue) return '할인 쿠폰';
  return coupon.discountKind === 'percent' ? `${coupon.discountValue}% 할인` : `${coupon.discountValue.toLocaleString('ko-KR')}원 할인`;
}

export function periodLabel(period: Period | null | undefined): string {
  if (!period) return '사용 안 함';
  if ('days' in period) return `${period.days}일`;
  return `${period.from} ~ ${period.to}`;
}

/** Advertising is never sent 21:00:00–07:59:59 in the business's zone (MSG-9). */
export const QUIET_HOURS_TEXT = '광고 메시지 정책상 21:00 ~ 08:00 사이에는 발송할 수 없어요.';

export function inQuietHours(minutesOfDay: number): boolean {
  return minutesOfDay >= 21 * 60 || minutesOfDay < 8 * 60;
}
