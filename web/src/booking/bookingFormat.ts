import type { BookingType, CancellationTier, ConfirmationMode, PaymentMode, PublicProduct } from './types';

/** CORE-1's default zone, for a booking whose product is no longer public. */
const DEFAULT_TIME_ZONE = 'Asia/Seoul';

export const BOOKING_TYPE_LABELS: Record<BookingType, string> = {
  time_slot: '시간예약형',
  date_time: '날짜/시간형',
  date: '날짜형',
  always: '상시형',
};

export const CONFIRMATION_LABELS: Record<ConfirmationMode, string> = {
  instant: '즉시확정',
  approval: '승인 후 확정',
};

export const PAYMENT_LABELS: Record<PaymentMode, string> = {
  on_site: '현장 결제',
  none: '결제 없이 예약',
};

export const PAYMENT_NOTES: Record<PaymentMode, string> = {
  on_site: '예약할 때는 결제하지 않고, 이용하실 때 업체에서 결제합니다.',
  none: '예약할 때 결제하지 않습니다. 표시된 금액은 안내용입니다.',
};

export function productTimeZone(product: Pick<PublicProduct, 'business' | 'timeZone'> | undefined): string {
  return product?.business?.timeZone ?? product?.timeZone ?? DEFAULT_TIME_ZONE;
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

function hoursLabel(hours: number): string {
  if (hours >= 48 && hours % 24 === 0) return `${hours / 24}일`;
  return `${hours}시간`;
}

/** The cancellation policy as lines a customer reads, e.g. "이용 24시간 전까지 취소 시 100% 환불". */
export function cancellationPolicyLines(policy: readonly CancellationTier[]): string[] {
  if (policy.length === 0) return ['이용 시작 전까지 취소할 수 있으며, 100% 환불됩니다.'];
  const tiers = [...policy].sort((a, b) => b.hoursBefore - a.hoursBefore);
  const lines = tiers.map((tier) => {
    const when = tier.hoursBefore > 0 ? `이용 ${hoursLabel(tier.hoursBefore)} 전까지` : '이용 시작 전까지';
    return tier.refundPercent > 0 ? `${when} 취소 시 ${tier.refundPercent}% 환불` : `${when} 취소 가능 (환불 없음)`;
  });
  const last = tiers[tiers.length - 1];
  if (last.hoursBefore > 0) lines.push(`이용 ${hoursLabel(last.hoursBefore)} 전부터는 직접 취소할 수 없습니다. 업체에 문의해 주세요.`);
  return lines;
}

export function telHref(phone: string): string {
  return `tel:${phone.replace(/[^\d+]/g, '')}`;
}

export function remainingLabel(remaining: number): string {
  return `${remaining}자리 남음`;
}
