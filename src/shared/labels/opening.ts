/**
 * OPS-1: what a user reads about a place's business hours, public holidays
 * and temporary closures (임시휴무). Pure, imported by the server (the
 * reasons availability and the booking refusal give) and the web alike.
 */

/** Why a day or a time is closed, as the booking page and the partner center show it. */
export const CLOSED_REASON_PREFIX = {
  closure: '임시휴무',
  holiday: '공휴일 휴무',
} as const;

export const CLOSED_REASON_WEEKLY = '정기 휴무일';
export const CLOSED_REASON_HOURS = '영업시간 외';

/** "임시휴무: 원장님 학회" */
export function closureReasonText(reason: string): string {
  return `${CLOSED_REASON_PREFIX.closure}: ${reason}`;
}

/** "공휴일 휴무: 기독탄신일" (two holidays on one date are joined: "공휴일 휴무: 추석, 개천절"). */
export function holidayReasonText(names: readonly string[]): string {
  return `${CLOSED_REASON_PREFIX.holiday}: ${names.join(', ')}`;
}

/** The kinds of closed day a reply names. */
export const CLOSED_DAY_KIND_LABELS = {
  closure: '임시휴무',
  holiday: '공휴일',
  weekly: '정기 휴무일',
} as const satisfies Record<string, string>;

/**
 * Whether a business category closes on public holidays unless the place says
 * otherwise, and why (shown beside the "공휴일 휴무" switch). Clinics close:
 * most 병·의원 close on 공휴일 (a 공휴일 visit is billed with the 공휴일 가산 and
 * few keep doctors on duty); cafés, restaurants, shops and beauty salons
 * usually open, holidays being busy days for them.
 */
export const HOLIDAY_DEFAULT_BY_SERVICE_TYPE = {
  clinic: { closed: true, why: '병의원은 대부분 공휴일에 휴진하므로 기본값은 "공휴일 휴무"입니다.' },
  beauty: { closed: false, why: '뷰티샵은 공휴일에도 영업하는 곳이 많아 기본값은 "공휴일 영업"입니다.' },
  restaurant: { closed: false, why: '카페·음식점은 공휴일에도 영업하는 곳이 많아 기본값은 "공휴일 영업"입니다.' },
  retail: { closed: false, why: '매장은 공휴일에도 영업하는 곳이 많아 기본값은 "공휴일 영업"입니다.' },
  other: { closed: false, why: '기본값은 "공휴일 영업"입니다.' },
} as const satisfies Record<string, { closed: boolean; why: string }>;

/** "이 기간에 예약 N건이 있습니다 — 직접 연락하거나 취소해 주세요" */
export function affectedBookingsNotice(count: number): string {
  return `이 기간에 예약 ${count}건이 있습니다 — 직접 연락하거나 취소해 주세요.`;
}
