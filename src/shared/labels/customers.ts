/**
 * What users read about customers (CORE-5, MSG-1): the names of a
 * customer's fields, as forms, tables and the CSV import's messages say
 * them. Pure, imported by the server and the web.
 */
export const CUSTOMER_FIELD_LABELS = {
  name: '이름',
  phone: '전화번호',
  grade: '등급',
  tags: '태그',
  memo: '메모',
  marketingConsent: '마케팅 수신 동의',
  nightAdConsent: '야간 광고 수신 동의',
  pointsHeld: '보유 포인트',
  pointsAccumulated: '누적 포인트',
  visitCount: '방문수',
  lastVisitAt: '최근 방문',
  createdAt: '등록일',
} as const;

export type CustomerField = keyof typeof CUSTOMER_FIELD_LABELS;
