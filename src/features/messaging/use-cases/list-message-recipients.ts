import type { Kysely } from 'kysely';
import type { DB, RecipientStatus } from '../../../platform/db/types.ts';
import { AppError } from '../../../platform/errors/registry.ts';
import { CHANNEL_LABELS, NOTICE_STATUS_LABELS, RECIPIENT_STATUS_LABELS } from '../../../shared/labels/messaging.ts';
import type { Actor } from '../../auth/index.ts';
import { canSeeFullPhone, presentCustomerPhone } from '../../customers/index.ts';
import { findMessage, listRecipients } from '../repository/messages.ts';

/** MSG-11: each recipient's delivery status and coupon; phones masked unless the actor may see them. */
export async function listMessageRecipients(db: Kysely<DB>, actor: Actor, id: string, query: { status?: RecipientStatus | undefined; limit: number; offset: number }) {
  if (!(await findMessage(db, actor.businessId, id))) throw new AppError('MESSAGE_NOT_FOUND');
  const { items, total } = await listRecipients(db, actor.businessId, id, query.status, query.limit, query.offset);
  const full = canSeeFullPhone(actor);
  return {
    total,
    items: items.map((r) => ({
      id: r.id,
      customerId: r.customer_id,
      name: r.name,
      phone: presentCustomerPhone(r.phone, full).phone,
      status: r.status,
      statusLabel: RECIPIENT_STATUS_LABELS[r.status],
      statusReason: r.status_reason,
      statusAt: r.status_at.toISOString(),
      couponCode: r.coupon_code,
      couponExpiresAt: r.coupon_expires_at.toISOString(),
      couponRedeemedAt: r.coupon_redeemed_at?.toISOString() ?? null,
      fallback: r.fallback_status ? { status: r.fallback_status, statusLabel: NOTICE_STATUS_LABELS[r.fallback_status], channelLabel: r.fallback_channel ? CHANNEL_LABELS[r.fallback_channel] : '문자' } : null,
    })),
  };
}
