/**
 * What customers are asked to agree to and how their consents read
 * (LAW-1, LAW-2, LAW-4): the booking page's consent wording, the names of
 * consent kinds and sources in the consent history, and what an erasure
 * clears and keeps. Pure, imported by the server and the web, so the page
 * shows exactly the wording whose version the server records.
 */

/**
 * The version of the booking page's consent wording below. Change it with
 * any change of PRIVACY_CONSENT or MARKETING_CONSENT: each consent event
 * records the version the customer saw (consent_events.detail).
 */
export const CONSENT_WORDING_VERSION = '2026-12-03';

/** 개인정보 보호법 제15조 제2항: what is collected, why, for how long, and that one may refuse (and what follows). */
export const PRIVACY_CONSENT = {
  label: '[필수] 개인정보 수집·이용 동의',
  items: ['이름', '휴대전화 번호', '요청사항'],
  purposes: ['예약 확인과 안내', '방문 관리'],
  retention: '마지막 이용일로부터 3년, 또는 삭제 요청 시까지 (결제 기록은 전자상거래법에 따라 5년)',
  refusal: '동의를 거부할 수 있으며, 동의하지 않으면 예약할 수 없습니다.',
} as const;

/** 정보통신망법 제50조: advertising needs its own, optional consent that can be withdrawn. */
export const MARKETING_CONSENT = {
  label: '[선택] 광고성 정보(혜택·쿠폰) 수신 동의',
  channels: 'SMS·카카오톡',
  description: '업체의 혜택과 쿠폰 소식을 SMS·카카오톡으로 받습니다. 동의하지 않아도 예약할 수 있고, 언제든 철회할 수 있습니다.',
} as const;

/** The consent wording as one text (the booking page's 보기 and the docs). */
export function privacyConsentLines(): string[] {
  return [
    `수집 항목: ${PRIVACY_CONSENT.items.join(', ')}`,
    `이용 목적: ${PRIVACY_CONSENT.purposes.join(', ')}`,
    `보유 기간: ${PRIVACY_CONSENT.retention}`,
    PRIVACY_CONSENT.refusal,
  ];
}

export const CONSENT_KINDS = ['privacy', 'marketing'] as const;
export type ConsentKindKey = (typeof CONSENT_KINDS)[number];

export const CONSENT_KIND_LABELS: Record<ConsentKindKey, string> = {
  privacy: '개인정보 수집·이용',
  marketing: '광고성 정보 수신',
};

export const CONSENT_SOURCES = ['booking_page', 'shop', 'opt_out_link', 'import', 'merge', 'anonymised'] as const;
export type ConsentSourceKey = (typeof CONSENT_SOURCES)[number];

export const CONSENT_SOURCE_LABELS: Record<ConsentSourceKey, string> = {
  booking_page: '예약페이지',
  shop: '업체 직원',
  opt_out_link: '수신거부 링크',
  import: '고객 가져오기',
  merge: '고객 병합',
  anonymised: '개인정보 삭제',
};

export function consentGrantedLabel(granted: boolean): string {
  return granted ? '동의' : '철회';
}

/** LAW-4: the name an anonymised customer keeps. */
export const ANONYMISED_CUSTOMER_NAME = '삭제된 고객';

/** LAW-4: what 개인정보 삭제(익명화) clears and what it keeps, as the confirmation and the docs say it. */
export const ERASURE_CLEARS = [
  '고객의 이름, 전화번호, 메모, 등급, 태그, 광고성 정보 수신 동의',
  '예약의 예약자 이름·전화번호·요청사항, 일정 메모',
  '보낸 쿠폰 메시지와 알림의 받는 사람 이름·전화번호',
  '같은 이름·전화번호로 남긴 예약 문의의 작성자와 내용',
] as const;

export const ERASURE_KEEPS = [
  '결제 기록(주문번호, 결제 금액, 결제·환불 일시, 예약번호와 결제할 때의 이름·전화번호): 전자상거래법에 따라 5년간 따로 보관합니다',
  '방문·포인트 합계와 쿠폰 사용 기록(이름·번호 없이)',
  '동의 이력과 삭제 기록(언제, 누가, 왜)',
  '수신거부한 번호(다시 광고를 보내지 않기 위해)',
] as const;
