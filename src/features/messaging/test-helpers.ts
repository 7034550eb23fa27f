import { DateTime } from 'luxon';

/** What tests and benches send: a 10% 단골 coupon by SMS/LMS, valid 7 days. */
export const couponContent = {
  channel: 'sms' as const,
  templateKey: 'regular-thanks',
  title: '단골 감사 쿠폰',
  body: '#{이름}님, 늘 찾아주셔서 감사합니다. #{쿠폰} 쿠폰을 드려요. #{유효기간}까지 쓰실 수 있어요.',
  coupon: { type: 'discount', discountKind: 'percent', discountValue: 10 },
  validity: '7d' as const,
};

export const noSendSettings = { visitorRestriction: null, duplicatePrevention: null, performance: null };

/**
 * A real zone whose local hour now lies in [from, to): set as the business's
 * zone, it makes the quiet hours (21:00–08:00) decide as a test needs,
 * whatever the clock says when it runs.
 */
export function zoneWithLocalHour(from: number, to: number, now = new Date()): string {
  for (let offset = -11; offset <= 12; offset++) {
    const zone = offset === 0 ? 'Etc/GMT' : `Etc/GMT${offset > 0 ? '-' : '+'}${Math.abs(offset)}`;
    const hour = DateTime.fromJSDate(now, { zone }).hour;
    if (hour >= from && hour < to) return zone;
  }
  throw new Error(`no zone with a local hour in [${from}, ${to})`);
}
