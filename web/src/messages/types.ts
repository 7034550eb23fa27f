/** The shapes of the messages API (docs/messaging.md). */

export type Channel = 'alimtalk' | 'sms';
export type Validity = 'same_day' | '3d' | '7d' | '30d' | '90d' | '365d';
export type GroupKey = 'regular' | 'prospective' | 'first';
export type DiscountKind = 'percent' | 'won';

export type Coupon = { type: 'discount'; discountKind: DiscountKind; discountValue: number } | { type: 'gift'; giftName: string };

export interface MessageContent {
  channel: Channel;
  templateKey: string;
  title: string;
  body: string;
  coupon: Coupon;
  validity: Validity;
}

export interface Range {
  min?: number;
  max?: number;
}

export type Audience =
  | { kind: 'direct'; customerIds: string[] }
  | {
      kind: 'filter';
      pointsHeld?: Range;
      pointsAccumulated?: Range;
      grades?: string[];
      tags?: string[];
      visitCount?: Range;
    }
  | { kind: 'group'; group: GroupKey };

export type Period = { days: 3 | 7 | 30 } | { from: string; to: string };

export interface SendSettings {
  visitorRestriction: Period | null;
  duplicatePrevention: Period | null;
  performance: Period | null;
}

export interface MessageTemplate {
  key: string;
  name: string;
  description?: string;
  title: string;
  body: string;
  coupon: Coupon | null;
  validity: Validity | null;
  /** The group the template is written for; the audience step starts on it. */
  group: GroupKey | null;
}

export type ExclusionReason = 'no_consent' | 'opted_out' | 'invalid_phone' | 'visitor_restriction' | 'duplicate_prevention';

export interface AudienceAnswer {
  recipients: number;
  excluded: {
    total: number;
    byReason: Partial<Record<ExclusionReason, number>>;
    sample: { customerId: string; name: string; phone: string; reason: ExclusionReason; reasonLabel: string }[];
  };
}

export interface PreviewAnswer extends AudienceAnswer {
  rendered: { channel: string; title: string; text: string; bytes: number; sampleName: string | null };
}

export type MessageStatus = 'scheduled' | 'waiting' | 'sending' | 'sent' | 'cancelled' | 'failed';
export type RecipientStatus = 'pending' | 'accepted' | 'sent' | 'delivered' | 'failed';

export interface Message {
  id: string;
  channel: 'alimtalk' | 'sms' | 'lms';
  channelLabel: string;
  templateKey: string;
  title: string;
  body: string;
  coupon: Coupon;
  couponLabel: string;
  validity: Validity;
  validityLabel: string;
  audience: Audience;
  audienceLabel: string;
  settings: SendSettings;
  status: MessageStatus;
  statusLabel: string;
  statusReason: string | null;
  sendAt: string;
  startedAt: string | null;
  finishedAt: string | null;
  recipientCount: number;
  excludedCount: number;
  counts: Record<RecipientStatus, number>;
  couponsRedeemed: number;
  editable: boolean;
  /** Bumped by every edit; PATCH may send it to refuse a stale edit. */
  version?: number;
  createdAt: string;
}

export interface Recipient {
  id: string;
  customerId: string | null;
  name: string;
  phone: string;
  status: RecipientStatus;
  statusLabel: string;
  statusReason: string | null;
  statusAt: string;
  couponCode: string;
  couponExpiresAt: string;
  couponRedeemedAt: string | null;
}

export interface MessageReport {
  delivered: number;
  failed: number;
  recipients?: number;
  visited: number;
  couponsUsed: number;
  /** False when no 메시지 성과 period was set: the server then measures 7 days. */
  measured?: boolean;
  /** Instants; `over` once the period has ended. */
  period: { from: string; to: string; over?: boolean } | null;
  daily: { date: string; visits: number; coupons: number }[];
}

export interface Draft {
  content: Partial<MessageContent>;
  audience?: Audience | null;
  settings?: SendSettings | null;
  savedAt?: string | null;
}

export interface Page<T> {
  items: T[];
  total?: number;
}
