/**
 * What users read about loyalty (MSG-1, MSG-2): customer groups, where a
 * visit came from, how a CSV import stands. Pure, imported by the server
 * and the web, so both say the same words.
 */

/** MSG-2 customer groups, as the API names them. */
export const CUSTOMER_GROUPS = ['regular', 'prospective', 'first'] as const;
export type CustomerGroup = (typeof CUSTOMER_GROUPS)[number];

export const CUSTOMER_GROUP_LABELS: Record<CustomerGroup, string> = {
  regular: '단골',
  prospective: '예비 단골',
  first: '첫 적립',
};

/** The groups' definitions as the help page words them. */
export const CUSTOMER_GROUP_DEFINITIONS: Record<CustomerGroup, string> = {
  regular: '현재 기준 지난 3개월 동안 3회 이상 적립한 고객',
  prospective: '기간 제한 없이 첫 적립 기준 2회 이상 적립한 고객 (단골 제외)',
  first: '처음으로 적립한 고객',
};

export const CUSTOMER_GROUP_NOTES: Partial<Record<CustomerGroup, string>> = {
  regular: '방문이 뜸해지면 단골 고객에서 제외됩니다.',
};

/** Where a visit was recorded from. */
export const VISIT_SOURCES = ['pos', 'schedule', 'import'] as const;
export type VisitSourceKey = (typeof VISIT_SOURCES)[number];

export const VISIT_SOURCE_LABELS: Record<VisitSourceKey, string> = {
  pos: 'POS',
  schedule: '예약 완료',
  import: '가져오기',
};

/** A customer CSV import's state. */
export const CUSTOMER_IMPORT_STATUSES = ['queued', 'running', 'done', 'failed'] as const;
export type CustomerImportStatusKey = (typeof CUSTOMER_IMPORT_STATUSES)[number];

export const CUSTOMER_IMPORT_STATUS_LABELS: Record<CustomerImportStatusKey, string> = {
  queued: '차례를 기다리는 중',
  running: '가져오는 중',
  done: '가져오기 완료',
  failed: '가져오지 못함 (아무것도 저장하지 않음)',
};

/** The encodings a customer CSV is read in. */
export const CSV_ENCODINGS = ['utf-8', 'utf-16le', 'cp949'] as const;
export type CsvEncoding = (typeof CSV_ENCODINGS)[number];
