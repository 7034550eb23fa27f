import type { CouponValidity, MessageChannel } from '../../../platform/db/types.ts';
import type { Audience } from './audience.ts';
import type { SendSettings } from './send-settings.ts';

/** What the writer asks for (MSG-3): the channel, the template, the text and the coupon. */
export interface MessageContent {
  channel: 'alimtalk' | 'sms';
  templateKey: string;
  title: string;
  body: string;
  coupon: unknown;
  validity: CouponValidity;
}

/** A message as the editor sends it (MSG-3..6). */
export interface MessageInput {
  content: MessageContent;
  audience: Audience;
  settings: SendSettings;
}

/** The content a stored message was written with (its channel as asked: LMS was asked as SMS). */
export function contentOf(message: { channel: MessageChannel; template_key: string; title: string; body: string; coupon: unknown; coupon_validity: CouponValidity }): MessageContent {
  return {
    channel: message.channel === 'alimtalk' ? 'alimtalk' : 'sms',
    templateKey: message.template_key,
    title: message.title,
    body: message.body,
    coupon: message.coupon,
    validity: message.coupon_validity,
  };
}
