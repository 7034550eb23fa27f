import type { MessageChannel } from '../../../platform/db/types.ts';
import { formatPhone } from '../../../shared/phone.ts';
import { normalizeSmsText, smsBytes, smsKind } from './bytes.ts';
import { describeCoupon, type Coupon } from './coupon.ts';
import { advertisingText, couponCodeLine, expiresOnText, fillVariables } from './format.ts';
import type { MessageContent } from './message.ts';

/** The sender's part of every text: the business, its contact and free opt-out number, its zone for dates. */
export interface SenderInfo {
  name: string;
  phone: string;
  timeZone: string;
  optOutPhone: string;
}

/** The text a recipient gets (MSG-10): "(광고)" first, the business and its contact, the free opt-out line last. */
export function renderText(sender: SenderInfo, content: MessageContent, coupon: Coupon, recipient: { name: string; expiresAt: Date; couponCode: string; optOutUrl?: string }): string {
  const expiresOn = expiresOnText(recipient.expiresAt, sender.timeZone);
  const filled = fillVariables(content.body, { name: recipient.name, businessName: sender.name, coupon: describeCoupon(coupon), expiresOn, couponCode: recipient.couponCode });
  // Every recipient gets their own code (MSG-11): where the body puts #{쿠폰번호}, or on a line of its own after it.
  const body = content.body.includes('#{쿠폰번호}') ? filled : `${filled.trimEnd()}\n${couponCodeLine(recipient.couponCode, expiresOn)}`;
  // Normalised (line ends, decomposed Hangul) so what is counted is what is sent.
  return normalizeSmsText(advertisingText({ body, businessName: sender.name, businessPhone: sender.phone ? formatPhone(sender.phone) : '', optOutPhone: sender.optOutPhone, optOutUrl: recipient.optOutUrl }));
}

/** SMS becomes LMS above 90 bytes; 알림톡 stays 알림톡. */
export function channelFor(requested: MessageContent['channel'], text: string): MessageChannel {
  if (requested === 'alimtalk') return 'alimtalk';
  return smsKind(text) === 'sms' ? 'sms' : 'lms';
}

/**
 * MSG-11: one type for a whole message, decided once its recipients are
 * fixed: the text of the recipient whose name takes the most bytes (codes,
 * tokens and the expiry day are of one length for all), so every recipient
 * goes as the type the list and the bill show — LMS as soon as one text is
 * over 90 bytes.
 */
export function longestName(names: readonly string[]): string {
  let longest = names[0] ?? '';
  for (const name of names) if (smsBytes(name) > smsBytes(longest)) longest = name;
  return longest;
}

/**
 * MSG-10, MSG-11: a coupon's text as a 브랜드 메시지. Kakao shows a
 * 브랜드 메시지 as advertising itself — "(광고)" with the channel's name
 * above the text, and the way to refuse (채널 차단) below it — so the text
 * drops its own "(광고)" (Kakao refuses a second one); the business's
 * contact and the free opt-out line stay, for the customer who would
 * rather refuse every channel at once.
 */
export function brandMessageText(text: string): string {
  return text.replace(/^\(광고\)\s*/, '');
}
