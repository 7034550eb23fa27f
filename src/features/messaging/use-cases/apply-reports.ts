import type { Kysely } from 'kysely';
import type { DB } from '../../../platform/db/types.ts';
import { publicUrl } from '../../../platform/http/public-url.ts';
import { refreshCustomerFacts } from '../../loyalty/index.ts';
import type { Coupon } from '../domain/coupon.ts';
import { contentOf } from '../domain/message.ts';
import { COUPON_FALLBACK_EVENT, noticeKey } from '../domain/notices.ts';
import { optOutPath } from '../domain/opt-out.ts';
import { nextAllowedInstant } from '../domain/quiet-hours.ts';
import { renderText } from '../domain/render.ts';
import { kakaoFallbackNeeded } from '../provider/solapi.ts';
import type { DeliveryReport } from '../provider/types.ts';
import { findBusinessProfile, findMessage } from '../repository/messages.ts';
import * as notices from '../repository/notices.ts';
import { findProviderSettings } from '../repository/provider-settings.ts';
import { applyDeliveryReport } from '../repository/sending.ts';

/**
 * MSG-11: one status from Solapi (a delivery report, or the poller's
 * answer), for a coupon recipient or a customer notice. A status only moves
 * forward, so a report replayed (Solapi retries, the poller and the webhook
 * both answering) changes nothing. A 브랜드 메시지 Kakao could not deliver
 * (the recipient is not a friend of the channel, not on KakaoTalk, blocked
 * it) gets the product's own SMS/LMS in the legal advertising format —
 * Solapi does not fall back for 브랜드 메시지 — once per recipient: the
 * fallback notice's key is the recipient's, and the recipient links it once.
 */
export async function applyProviderReport(db: Kysely<DB>, businessId: string, report: DeliveryReport, now = new Date()): Promise<number> {
  // The status and the customer's last-message fact (중복 발송 방지) change together.
  const updated = await db.transaction().execute(async (trx) => {
    const changed = await applyDeliveryReport(trx, businessId, report);
    await refreshCustomerFacts(trx, businessId, changed.flatMap((r) => (r.customer_id ? [r.customer_id] : [])));
    return changed.length;
  });
  if (updated > 0) {
    if (report.status === 'failed' && kakaoFallbackNeeded(report.statusCode)) await writeCouponFallback(db, businessId, report.messageId, now);
    return updated;
  }
  return (await notices.applyNoticeReport(db, businessId, report)) ? 1 : 0;
}

/** The SMS/LMS in place of a coupon 브랜드 메시지 that did not reach its recipient; advertising, so never at night. */
export async function writeCouponFallback(db: Kysely<DB>, businessId: string, providerMessageId: string, now: Date): Promise<string | null> {
  return db.transaction().execute(async (trx) => {
    const recipient = await notices.findFallbackCandidate(trx, businessId, providerMessageId);
    if (!recipient || recipient.channel !== 'alimtalk' || recipient.fallback_notice_id) return null;
    const message = (await findMessage(trx, businessId, recipient.message_id))!;
    const business = await findBusinessProfile(trx, businessId);
    const settings = await findProviderSettings(trx, businessId);
    const text = renderText({ name: business.name, phone: business.phone, timeZone: business.time_zone, optOutPhone: settings?.opt_out_phone ?? '' }, { ...contentOf(message), channel: 'sms' }, message.coupon as Coupon, {
      name: recipient.name,
      expiresAt: recipient.coupon_expires_at,
      couponCode: recipient.coupon_code,
      optOutUrl: `${publicUrl()}${optOutPath(recipient.opt_out_token)}`,
    });
    const id = await notices.writeNotice(trx, businessId, {
      event: COUPON_FALLBACK_EVENT,
      dedupe_key: noticeKey(COUPON_FALLBACK_EVENT, recipient.id),
      customer_id: recipient.customer_id,
      recipient_id: recipient.id,
      advertising: true,
      name: recipient.name,
      phone: recipient.phone,
      variables: {},
      text,
      send_at: nextAllowedInstant(now, business.time_zone),
    });
    if (!id || !(await notices.linkFallbackNotice(trx, businessId, recipient.id, id))) return null;
    return id;
  });
}
