import type { Coupon, ExclusionReason, GroupKey, MessageStatus, Period, RecipientStatus, Validity } from '../../api/models';
import {
  CHANNEL_LABELS as SHARED_CHANNEL_LABELS,
  COUPON_VALIDITY_LABELS,
  EXCLUSION_REASONS as SHARED_EXCLUSION_REASONS,
  EXCLUSION_REASON_LABELS,
  MESSAGE_STATUS_SHORT_LABELS as SHARED_MESSAGE_STATUS_SHORT_LABELS,
  RECIPIENT_STATUSES as SHARED_RECIPIENT_STATUSES,
  RECIPIENT_STATUS_LABELS as SHARED_RECIPIENT_STATUS_LABELS,
} from '../../../../src/shared/labels/messaging';
import { CUSTOMER_GROUPS, CUSTOMER_GROUP_DEFINITIONS, CUSTOMER_GROUP_LABELS, CUSTOMER_GROUP_NOTES } from '../../../../src/shared/labels/loyalty';

/** The messages screens' words: the server's labels (src/shared/labels) in the shapes the screens list them, and the screens' own helpers. */

export const VALIDITY_OPTIONS = (Object.keys(COUPON_VALIDITY_LABELS) as Validity[]).map((value) => ({ value, label: COUPON_VALIDITY_LABELS[value] }));

export const validityLabel = (validity: Validity | null | undefined) => (validity ? COUPON_VALIDITY_LABELS[validity] : '');

export const CHANNEL_LABELS: Record<string, string> = SHARED_CHANNEL_LABELS;

/** The groups with their definitions (MSG-2). */
export const GROUPS: { key: GroupKey; label: string; definition: string; note?: string }[] = CUSTOMER_GROUPS.map((key) => ({
  key,
  label: CUSTOMER_GROUP_LABELS[key],
  definition: CUSTOMER_GROUP_DEFINITIONS[key],
  note: CUSTOMER_GROUP_NOTES[key],
}));

export const GROUP_LABELS: Record<string, string> = CUSTOMER_GROUP_LABELS;

export const EXCLUSION_REASONS: { key: ExclusionReason; label: string }[] = SHARED_EXCLUSION_REASONS.map((key) => ({ key, label: EXCLUSION_REASON_LABELS[key] }));

export const MESSAGE_STATUS_SHORT_LABELS: Record<MessageStatus, string> = SHARED_MESSAGE_STATUS_SHORT_LABELS;

export const RECIPIENT_STATUSES: readonly RecipientStatus[] = SHARED_RECIPIENT_STATUSES;

export const RECIPIENT_STATUS_LABELS: Record<RecipientStatus, string> = SHARED_RECIPIENT_STATUS_LABELS;

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
