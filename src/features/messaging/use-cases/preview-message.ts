import type { Kysely } from 'kysely';
import type { DB } from '../../../platform/db/types.ts';
import { publicUrl } from '../../../platform/http/public-url.ts';
import { CHANNEL_LABELS } from '../../../shared/labels/messaging.ts';
import type { Actor } from '../../auth/index.ts';
import { windowsFor } from '../domain/audience.ts';
import { smsBytes } from '../domain/bytes.ts';
import { couponExpiresAt } from '../domain/coupon.ts';
import type { MessageInput } from '../domain/message.ts';
import { channelFor, renderText } from '../domain/render.ts';
import { sampleRecipient } from '../repository/audience.ts';
import { findBusinessProfile } from '../repository/messages.ts';
import { findProviderSettings } from '../repository/provider-settings.ts';
import { describeAudience } from './describe-audience.ts';
import { groupMembersAt } from './group-members.ts';
import { validateContent } from './validate.ts';
import { optOutPath, SAMPLE_OPT_OUT_TOKEN } from '../domain/opt-out.ts';
import { SAMPLE_COUPON_CODE } from '../domain/coupon.ts';
import { estimateCost, unitPricesOf } from '../domain/cost.ts';
import { smsKind } from '../domain/bytes.ts';

/** MSG-7, MSG-10: the audience and the text as one of its recipients would get it, variables filled. */
export async function previewMessage(db: Kysely<DB>, actor: Actor, input: MessageInput, now = new Date()) {
  const { coupon } = validateContent(input.content);
  const audience = await describeAudience(db, actor, input.audience, input.settings, now);
  const business = await findBusinessProfile(db, actor.businessId);
  const provider = await findProviderSettings(db, actor.businessId);
  const sender = { name: business.name, phone: business.phone, timeZone: business.time_zone, optOutPhone: provider?.opt_out_phone ?? '' };
  const sample = await sampleRecipient(db, actor.businessId, input.audience, windowsFor(input.settings, now, actor.timeZone), groupMembersAt(now, actor.timeZone));
  const sampleName = sample?.name ?? '홍길동';
  const text = renderText(sender, input.content, coupon, { name: sampleName, expiresAt: couponExpiresAt(now, input.content.validity, actor.timeZone), couponCode: SAMPLE_COUPON_CODE, optOutUrl: `${publicUrl()}${optOutPath(SAMPLE_OPT_OUT_TOKEN)}` });
  const channel = channelFor(input.content.channel, text);
  return { ...audience, rendered: { channel, channelLabel: CHANNEL_LABELS[channel], title: input.content.title, text, bytes: smsBytes(text), sampleName }, estimate: costOf(channel, text, audience.recipients, provider) };
}

const PRICED_LABELS = { sms: '문자(SMS)', lms: '문자(LMS)', alimtalk: '알림톡', brand: '브랜드 메시지' } as const;

/**
 * What the send will cost: a coupon 알림톡 goes as 브랜드 메시지 when the
 * shop has a Kakao channel (with the worst-case text fallback beside it),
 * by text otherwise; a text message as the SMS/LMS its text is.
 */
function costOf(channel: 'alimtalk' | 'sms' | 'lms', text: string, count: number, provider: Awaited<ReturnType<typeof findProviderSettings>>) {
  const prices = unitPricesOf(provider?.unit_prices ?? null);
  const textType = smsKind(text) === 'sms' ? 'sms' : 'lms';
  const type = channel === 'alimtalk' ? (provider?.kakao_pf_id ? 'brand' : textType) : channel;
  const estimate = estimateCost(type, count, prices, type === 'brand' ? textType : null);
  return { ...estimate, typeLabel: PRICED_LABELS[type], fallback: estimate.fallback ? { ...estimate.fallback, typeLabel: PRICED_LABELS[estimate.fallback.type] } : null };
}
