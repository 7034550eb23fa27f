import { CUSTOMER_GROUP_LABELS } from '../../../shared/labels/loyalty.ts';
import { CHANNEL_LABELS, COUPON_VALIDITY_LABELS, MESSAGE_STATUS_LABELS } from '../../../shared/labels/messaging.ts';
import type { Audience } from '../domain/audience.ts';
import { describeCoupon, type Coupon } from '../domain/coupon.ts';
import type { SendSettings } from '../domain/send-settings.ts';
import type { CouponRow } from '../repository/coupons.ts';
import type { MessageRow, StatusCounts } from '../repository/messages.ts';

/** The JSON the messaging routes answer, made from rows in one place. */

/** The draft as it was saved ({ content, audience?, settings? }) with when. */
export function presentDraft(stored: unknown, savedAt: Date) {
  const saved = (typeof stored === 'string' ? JSON.parse(stored) : stored) as { content?: unknown; audience?: unknown; settings?: unknown };
  return { content: saved.content ?? null, audience: saved.audience ?? null, settings: saved.settings ?? null, savedAt: savedAt.toISOString() };
}

function audienceLabel(audience: Audience): string {
  switch (audience.kind) {
    case 'direct':
      return `직접 선택 ${audience.customerIds.length}명`;
    case 'group':
      return `${CUSTOMER_GROUP_LABELS[audience.group]} 고객`;
    case 'filter':
      return '고객 필터';
  }
}

export function presentMessage(row: MessageRow, counts: StatusCounts | undefined) {
  const coupon = row.coupon as Coupon;
  return {
    id: row.id,
    channel: row.channel,
    // SMS or LMS is decided when the recipients are fixed (dispatch): until then the label says 문자.
    channelLabel: row.channel === 'sms' && (row.status === 'scheduled' || row.status === 'waiting') ? '문자(SMS/LMS, 발송 시 결정)' : CHANNEL_LABELS[row.channel],
    templateKey: row.template_key,
    title: row.title,
    body: row.body,
    coupon,
    couponLabel: describeCoupon(coupon),
    validity: row.coupon_validity,
    validityLabel: COUPON_VALIDITY_LABELS[row.coupon_validity],
    audience: row.audience as Audience,
    audienceLabel: audienceLabel(row.audience as Audience),
    settings: row.settings as SendSettings,
    status: row.status,
    statusLabel: MESSAGE_STATUS_LABELS[row.status],
    statusReason: row.status_reason,
    sendAt: row.send_at.toISOString(),
    startedAt: row.started_at?.toISOString() ?? null,
    finishedAt: row.finished_at?.toISOString() ?? null,
    recipientCount: row.recipient_count,
    excludedCount: row.excluded_count,
    counts: { pending: counts?.pending ?? 0, accepted: counts?.accepted ?? 0, sent: counts?.sent ?? 0, delivered: counts?.delivered ?? 0, failed: counts?.failed ?? 0 },
    couponsRedeemed: counts?.redeemed ?? 0,
    editable: row.status === 'scheduled' || row.status === 'waiting',
    version: row.version,
    createdAt: row.created_at.toISOString(),
  };
}

/** A coupon as the POS sees it: its code, the message it came with, whose it is, the benefit, whether it is still good. */
export function presentCoupon(row: CouponRow) {
  return {
    code: row.coupon_code,
    messageId: row.message_id,
    messageTitle: row.title,
    customerId: row.customer_id,
    name: row.name,
    benefit: row.coupon as Record<string, unknown>,
    expiresAt: row.coupon_expires_at.toISOString(),
    redeemedAt: row.coupon_redeemed_at ? row.coupon_redeemed_at.toISOString() : null,
  };
}
