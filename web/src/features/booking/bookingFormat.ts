import type { PublicProduct } from '../../api/models';
import type { PAYMENT_MODE_LABELS } from '../../../../src/shared/labels/products';

/** CORE-1's default zone, for a booking whose product is no longer public. */
const DEFAULT_TIME_ZONE = 'Asia/Seoul';

/** What the booking page adds under the payment mode's label (PAYMENT_MODE_LABELS): one note per mode the labels name. */
export const PAYMENT_NOTES: Record<keyof typeof PAYMENT_MODE_LABELS, string> = {
  on_site: '예약할 때는 결제하지 않고, 이용하실 때 업체에서 결제합니다.',
  none: '예약할 때 결제하지 않습니다. 표시된 금액은 안내용입니다.',
  prepaid: '예약할 때 결제합니다. 결제를 마치면 예약이 완료됩니다.',
};

export function productTimeZone(product: Pick<PublicProduct, 'business'> | undefined): string {
  return product?.business.timeZone ?? DEFAULT_TIME_ZONE;
}

const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(key: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  let f = formatters.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat('ko-KR', options);
    formatters.set(key, f);
  }
  return f;
}

/** "12월 1일 (화) 10:00" in the business's zone. */
export function formatInstant(instant: string, timeZone: string): string {
  return formatter(`dt:${timeZone}`, { timeZone, month: 'long', day: 'numeric', weekday: 'short', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(
    new Date(instant),
  );
}

/** "10:30" in the business's zone. */
export function formatClock(instant: string, timeZone: string): string {
  return formatter(`t:${timeZone}`, { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(new Date(instant));
}

const dateKeyDate = (dateKey: string) => new Date(`${dateKey}T12:00:00Z`);

/** "12월 1일 (화)" for a local date key. */
export function formatDateKey(dateKey: string): string {
  return formatter('dk', { timeZone: 'UTC', month: 'long', day: 'numeric', weekday: 'short' }).format(dateKeyDate(dateKey));
}

/** "2026년 12월" for a month key "2026-12". */
export function formatMonthKey(monthKey: string): string {
  return formatter('mk', { timeZone: 'UTC', year: 'numeric', month: 'long' }).format(dateKeyDate(`${monthKey}-01`));
}

export function telHref(phone: string): string {
  return `tel:${phone.replace(/[^\d+]/g, '')}`;
}
