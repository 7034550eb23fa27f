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

/** OPS-8: how the customer list sorts (가나다 for names; a tie is broken by the customer's id). */
export const CUSTOMER_SORTS = ['created', 'name', 'lastVisit', 'points', 'visits'] as const;
export type CustomerSort = (typeof CUSTOMER_SORTS)[number];

export const CUSTOMER_SORT_LABELS: Record<CustomerSort, string> = {
  created: '등록일',
  name: '이름 (가나다)',
  lastVisit: '마지막 방문',
  points: '보유 포인트',
  visits: '방문 횟수',
};

export const SORT_DIRECTIONS = ['asc', 'desc'] as const;
export type SortDirection = (typeof SORT_DIRECTIONS)[number];

/** The direction a sort starts in: names from 가, everything else from the most. */
export const CUSTOMER_SORT_DEFAULT_DIRECTION: Record<CustomerSort, SortDirection> = {
  created: 'desc',
  name: 'asc',
  lastVisit: 'desc',
  points: 'desc',
  visits: 'desc',
};

/** OPS-8: the customer CSV's header row (the import reads 이름, 휴대폰 번호, 등급, 태그, 보유·누적 포인트, 방문 횟수, 마케팅 수신 동의, 메모 back). */
export const CUSTOMER_EXPORT_COLUMNS = [
  '이름',
  '휴대폰 번호',
  '등급',
  '그룹',
  '태그',
  '보유 포인트',
  '누적 포인트',
  '방문 횟수',
  '마지막 방문',
  '노쇼',
  '마케팅 수신 동의',
  '야간 광고 수신 동의',
  '등록일',
  '메모',
] as const;
