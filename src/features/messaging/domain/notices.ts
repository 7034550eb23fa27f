import { zonedParts } from '../../../shared/time.ts';
import { normalizeSmsText } from './bytes.ts';

/**
 * NOTI-1 … NOTI-4, LAW-3: the informational messages the product sends to
 * one customer. Each event has one template, the same text for 알림톡 (the
 * template registered with Kakao through Solapi, `#{…}` variables filled by
 * Kakao from `kakaoOptions.variables`) and for SMS/LMS (filled here).
 * Informational messages carry no "(광고)" and no opt-out line (정보통신망법
 * §50 is about advertising); the consent notice says how to withdraw.
 */
export const NOTICE_EVENTS = [
  'booking_received',
  'booking_confirmed',
  'booking_rejected',
  'booking_cancelled',
  'booking_refunded',
  'reminder',
  'inquiry_reply',
  'consent_notice',
] as const;
export type NoticeEvent = (typeof NOTICE_EVENTS)[number];

/** The product's SMS/LMS in place of a 브랜드 메시지 Kakao could not deliver (advertising, not a template of its own). */
export const COUPON_FALLBACK_EVENT = 'coupon_fallback';
export type StoredNoticeEvent = NoticeEvent | typeof COUPON_FALLBACK_EVENT;

export function isNoticeEvent(value: string): value is NoticeEvent {
  return (NOTICE_EVENTS as readonly string[]).includes(value);
}

/** LAW-3 is the law's, not the shop's choice: it cannot be turned off. */
export function canDisable(event: NoticeEvent): boolean {
  return event !== 'consent_notice';
}

export const NOTICE_VARIABLES = ['고객명', '업체명', '일시', '예약내용', '연락처', '사유', '환불금액', '문의', '답변', '동의일자', '수신거부'] as const;
export type NoticeVariable = (typeof NOTICE_VARIABLES)[number];
export type NoticeVariables = Partial<Record<NoticeVariable, string>>;

interface NoticeTemplate {
  /** The template's name at Kakao (and in 설정 > 알림 메시지). */
  name: string;
  content: string;
}

export const NOTICE_TEMPLATES: Record<NoticeEvent, NoticeTemplate> = {
  booking_received: {
    name: '예약 접수 안내',
    content: '[#{업체명}] 예약 접수 안내\n#{고객명}님, 예약 신청이 접수되었습니다.\n업체에서 확인한 뒤 확정 여부를 다시 알려 드립니다.\n\n■ 일시: #{일시}\n■ 내용: #{예약내용}\n■ 문의: #{연락처}',
  },
  booking_confirmed: {
    name: '예약 확정 안내',
    content: '[#{업체명}] 예약 확정 안내\n#{고객명}님, 예약이 확정되었습니다.\n\n■ 일시: #{일시}\n■ 내용: #{예약내용}\n■ 문의: #{연락처}',
  },
  booking_rejected: {
    name: '예약 거절 안내',
    content: '[#{업체명}] 예약 거절 안내\n#{고객명}님, 죄송합니다. 신청하신 예약을 확정하지 못했습니다.\n\n■ 일시: #{일시}\n■ 내용: #{예약내용}\n■ 사유: #{사유}\n■ 문의: #{연락처}',
  },
  booking_cancelled: {
    name: '예약 취소 안내',
    content: '[#{업체명}] 예약 취소 안내\n#{고객명}님, 예약이 취소되었습니다.\n\n■ 일시: #{일시}\n■ 내용: #{예약내용}\n■ 사유: #{사유}\n■ 문의: #{연락처}',
  },
  booking_refunded: {
    name: '결제 취소 안내',
    content: '[#{업체명}] 결제 취소 안내\n#{고객명}님, 결제하신 금액이 환불되었습니다.\n\n■ 환불 금액: #{환불금액}\n카드 결제는 카드사 사정에 따라 환불까지 3~7영업일이 걸릴 수 있습니다.\n■ 문의: #{연락처}',
  },
  reminder: {
    name: '방문 예정 안내',
    content: '[#{업체명}] 방문 예정 안내\n#{고객명}님, 예약하신 일정을 알려 드립니다.\n\n■ 일시: #{일시}\n■ 내용: #{예약내용}\n일정 변경이나 취소는 업체로 연락해 주세요.\n■ 문의: #{연락처}',
  },
  inquiry_reply: {
    name: '문의 답변 안내',
    content: '[#{업체명}] 문의 답변 안내\n#{고객명}님, 남겨 주신 문의에 답변드립니다.\n\n■ 문의: #{문의}\n■ 답변: #{답변}\n■ 연락처: #{연락처}',
  },
  consent_notice: {
    name: '광고성 정보 수신동의 안내',
    content:
      '[#{업체명}] 광고성 정보 수신동의 안내\n#{고객명}님은 #{동의일자}에 #{업체명}의 광고성 정보 수신에 동의하셨습니다.\n정보통신망법 제50조 제8항에 따라 2년마다 수신동의 여부를 알려 드립니다.\n\n동의를 유지하시려면 따로 하실 일은 없습니다.\n수신을 원하지 않으시면 #{수신거부}',
  },
};

const VARIABLE = /#\{([^{}\n]*)\}/g;

/** The template's text with its variables filled; a variable without a value reads "-" (Kakao needs every variable filled). */
export function noticeText(content: string, vars: NoticeVariables): string {
  return normalizeSmsText(content.replace(VARIABLE, (token, name: string) => ((NOTICE_VARIABLES as readonly string[]).includes(name) ? vars[name as NoticeVariable] || '-' : token)));
}

/** The variables a template uses, each once, in order. */
export function templateVariables(content: string): string[] {
  return [...new Set([...content.matchAll(VARIABLE)].map((m) => m[1]!))];
}

/** Solapi's `kakaoOptions.variables`: every variable of the template, keyed `#{name}`, never empty. */
export function kakaoVariables(content: string, vars: NoticeVariables): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of templateVariables(content)) out[`#{${name}}`] = vars[name as NoticeVariable] || '-';
  return out;
}

const WEEKDAYS = ['일', '월', '화', '수', '목', '금', '토'];

/** '12월 3일(목) 14:00' on the business's wall clock. */
export function noticeDateTime(instant: Date, timeZone: string): string {
  const p = zonedParts(instant, timeZone);
  return `${p.month}월 ${p.day}일(${WEEKDAYS[p.weekday]}) ${String(p.hour).padStart(2, '0')}:${String(p.minute).padStart(2, '0')}`;
}

/** '2024년 12월 3일'. */
export function noticeDate(instant: Date, timeZone: string): string {
  const p = zonedParts(instant, timeZone);
  return `${p.year}년 ${p.month}월 ${p.day}일`;
}

/** One event, one notice: the key the outbox is unique on. */
export function noticeKey(event: StoredNoticeEvent, ...parts: (string | number)[]): string {
  return [event, ...parts].join(':');
}
