import type { Customer } from '../../../platform/db/types.ts';
import { AppError } from '../../../platform/errors/registry.ts';
import { findInputProblem, inputProblemMessage } from '../../../platform/http/input-guard.ts';
import { CUSTOMER_FIELD_LABELS, type CustomerField } from '../../../shared/labels/customers.ts';
import { normalizePhone } from '../../../shared/phone.ts';
import { decodeCsv, detectDelimiter, parseCsv, type CsvEncoding, type CsvRecord } from './csv.ts';

/**
 * MSG-1 customer CSV import, the pure part: decode (UTF-8 with or without
 * BOM, else CP949), parse, map the header (Korean Excel names or English),
 * validate every row. Invalid rows are rejected with their line and a Korean
 * reason; a (name, phone) pair that appears twice is merged, the last row
 * wins, and the earlier lines are reported. On the server only the header
 * check (`readImportFile`) runs while the upload waits; the job validates,
 * yielding to the event loop between chunks (`validateFile` is a generator).
 *
 * Customers are the (name, phone) pairs of the business: a pair that exists
 * is updated with the cells the file fills (an empty cell keeps what the
 * customer has, `importedValues`); a new pair is inserted. Points and visit
 * counts are set on the customer row (they come from another system; no
 * visit history is invented).
 */

export const IMPORT_BATCH_SIZE = 500;
export const IMPORT_MAX_BYTES = 50 * 1024 * 1024;

/** The message of an import a restart (or a shutdown) cut short. */
export const IMPORT_INTERRUPTED = '서버가 다시 시작되어 가져오기가 중단되었습니다. 아무것도 저장하지 않았으니 파일을 다시 올려 주세요.';

/** The customer fields a file may fill. */
type Field = Extract<CustomerField, 'name' | 'phone' | 'grade' | 'tags' | 'memo' | 'marketingConsent' | 'pointsHeld' | 'pointsAccumulated' | 'visitCount'>;

/** Header names, compared without spaces, case, brackets' contents and marks such as * or (필수). */
const HEADER_ALIASES: Record<Field, string[]> = {
  name: ['이름', '고객명', '고객이름', '성명', '성함', 'name', 'customername', 'customer'],
  phone: ['전화번호', '휴대폰', '휴대폰번호', '휴대전화', '휴대전화번호', '핸드폰', '핸드폰번호', '연락처', '전화', 'phone', 'phonenumber', 'mobile', 'mobilephone', 'tel', 'cellphone'],
  grade: ['등급', '고객등급', '회원등급', 'grade', 'tier', 'level'],
  tags: ['태그', '고객태그', '태그목록', 'tags', 'tag'],
  memo: ['메모', '고객메모', '비고', '특이사항', 'memo', 'note', 'notes'],
  marketingConsent: ['마케팅수신동의', '마케팅수신', '마케팅동의', '마케팅정보수신동의', '광고수신동의', '수신동의', 'marketingconsent', 'marketing', 'consent', 'optin'],
  pointsHeld: ['보유포인트', '포인트', '잔여포인트', '가용포인트', 'pointsheld', 'points', 'point', 'balance'],
  pointsAccumulated: ['누적포인트', '총포인트', '적립포인트', 'pointsaccumulated', 'accumulatedpoints', 'totalpoints'],
  visitCount: ['방문수', '방문횟수', '방문', '내원횟수', 'visitcount', 'visits', 'visit'],
};

const HEADER_LOOKUP: Map<string, Field> = new Map(
  (Object.entries(HEADER_ALIASES) as [Field, string[]][]).flatMap(([field, names]) => names.map((n) => [n, field] as const)),
);

function headerKey(header: string): string {
  return header
    .normalize('NFC')
    .replace(/\(.*?\)|\[.*?\]/g, '')
    .replace(/[\s*_\-.]/g, '')
    .toLowerCase();
}

const CONSENT_YES = new Set(['y', 'yes', '예', '네', '동의', 'o', '1', 'true', '수신', '수신동의', 'ㅇ']);
const CONSENT_NO = new Set(['n', 'no', '아니오', '아니요', '미동의', '비동의', 'x', '0', 'false', '거부', '수신거부', '미수신']);

export interface ImportRow {
  line: number;
  name: string;
  phone: string;
  grade?: string | null;
  tags?: string[];
  memo?: string;
  marketingConsent?: boolean;
  pointsHeld?: number;
  pointsAccumulated?: number;
  visitCount?: number;
}

export interface RejectedRow {
  line: number;
  reason: string;
}

export interface DuplicateRow {
  /** An earlier line of the same (name, phone): merged into `keptLine`, whose cells win. */
  line: number;
  keptLine: number;
}

export interface ImportPlan {
  encoding: CsvEncoding;
  /** Data rows in the file (the header excluded). */
  total: number;
  rows: ImportRow[];
  rejected: RejectedRow[];
  duplicates: DuplicateRow[];
  grades: string[];
  tags: string[];
}

function parseCount(text: string, label: string): number {
  const cleaned = text.replace(/[,\s]/g, '').replace(/(포인트|점|회|p|pt)$/i, '');
  if (!/^\d{1,9}$/.test(cleaned)) throw new Error(`${label}는 0 이상의 정수여야 합니다: "${text}"`);
  return Number(cleaned);
}

function validateRow(cells: Map<Field, string>, line: number): ImportRow {
  // QUAL-3: a cell the database cannot store as text (NUL, a broken UTF-16 pair) rejects its row, not the import.
  for (const [field, value] of cells) {
    const problem = findInputProblem(value);
    if (problem) throw new Error(`${CUSTOMER_FIELD_LABELS[field]}: ${inputProblemMessage(problem)}`);
  }
  const name = (cells.get('name') ?? '').normalize('NFC').trim();
  if (name === '') throw new Error('이름이 비어 있습니다.');
  if (name.length > 100) throw new Error('이름은 100자 이하여야 합니다.');
  const rawPhone = (cells.get('phone') ?? '').trim();
  if (rawPhone === '') throw new Error('전화번호가 비어 있습니다.');
  const phone = normalizePhone(rawPhone);
  if (!phone) throw new Error(`전화번호 형식이 올바르지 않습니다: "${rawPhone}"`);
  const row: ImportRow = { line, name, phone };

  const grade = cells.get('grade')?.normalize('NFC').trim();
  if (grade) {
    if (grade.length > 30) throw new Error('등급은 30자 이하여야 합니다.');
    row.grade = grade;
  }
  const tagsText = cells.get('tags')?.trim();
  if (tagsText) {
    const tags = [...new Set(tagsText.split(/[,;]/).map((t) => t.normalize('NFC').trim()).filter((t) => t !== ''))];
    if (tags.some((t) => t.length > 30)) throw new Error('태그는 30자 이하여야 합니다.');
    if (tags.length > 30) throw new Error('태그는 30개까지 붙일 수 있습니다.');
    row.tags = tags;
  }
  const memo = cells.get('memo');
  if (memo !== undefined && memo.trim() !== '') {
    if (memo.length > 5000) throw new Error('메모는 5000자 이하여야 합니다.');
    row.memo = memo.trim();
  }
  const consent = cells.get('marketingConsent')?.trim();
  if (consent) {
    const key = consent.toLowerCase();
    if (CONSENT_YES.has(key)) row.marketingConsent = true;
    else if (CONSENT_NO.has(key)) row.marketingConsent = false;
    else throw new Error(`마케팅 수신 동의는 Y/N, 동의/미동의, 예/아니오, O/X, 1/0 중 하나여야 합니다: "${consent}"`);
  }
  const held = cells.get('pointsHeld')?.trim();
  if (held) row.pointsHeld = parseCount(held, CUSTOMER_FIELD_LABELS.pointsHeld);
  const accumulated = cells.get('pointsAccumulated')?.trim();
  if (accumulated) row.pointsAccumulated = parseCount(accumulated, CUSTOMER_FIELD_LABELS.pointsAccumulated);
  const visits = cells.get('visitCount')?.trim();
  if (visits) row.visitCount = parseCount(visits, CUSTOMER_FIELD_LABELS.visitCount);
  return row;
}

/** A decoded and parsed file whose header names 이름 and 전화번호: the cheap part, checked while the upload waits. */
export interface ImportFile {
  encoding: CsvEncoding;
  columns: Map<number, Field>;
  /** The data records (header and lines with no cell filled left out). */
  records: CsvRecord[];
}

/** Decodes and parses a file; IMPORT_FILE_INVALID when it has no header with 이름 and 전화번호. */
export function readImportFile(bytes: Uint8Array): ImportFile {
  const { text, encoding } = decodeCsv(bytes);
  const records = parseCsv(text, detectDelimiter(text));
  const header = records[0];
  if (!header) throw new AppError('IMPORT_FILE_INVALID', { message: 'CSV 파일이 비어 있습니다.' });
  const columns = new Map<number, Field>();
  const seen = new Set<Field>();
  header.fields.forEach((h, index) => {
    const field = HEADER_LOOKUP.get(headerKey(h));
    if (field && !seen.has(field)) {
      columns.set(index, field);
      seen.add(field);
    }
  });
  const missing = [!seen.has('name') ? CUSTOMER_FIELD_LABELS.name : null, !seen.has('phone') ? CUSTOMER_FIELD_LABELS.phone : null].filter((m) => m !== null);
  if (missing.length > 0) {
    throw new AppError('IMPORT_FILE_INVALID', {
      message: `CSV 첫 줄에 ${missing.join('·')} 열이 없습니다. 첫 줄(제목 줄)에 이름, 전화번호 열을 넣어 주세요.`,
      details: { header: header.fields },
    });
  }
  // Rows with no cell filled (Excel leaves ",,,," lines after the data) are not rows.
  return { encoding, columns, records: records.slice(1).filter((r) => r.fields.some((f) => f.trim() !== '')) };
}

const VALIDATE_CHUNK = 2000;

/**
 * Validates every record (phone parsing is most of the time: ~10 µs a row),
 * yielding after each chunk so a caller on the server can give the event
 * loop back between chunks.
 */
export function* validateFile(file: ImportFile): Generator<void, ImportPlan> {
  const rejected: RejectedRow[] = [];
  const byKey = new Map<string, ImportRow>();
  const duplicates: DuplicateRow[] = [];
  for (const [i, record] of file.records.entries()) {
    if (i > 0 && i % VALIDATE_CHUNK === 0) yield;
    const cells = new Map<Field, string>();
    for (const [index, field] of file.columns) cells.set(field, record.fields[index] ?? '');
    try {
      const row = validateRow(cells, record.line);
      const key = `${row.name}\u0000${row.phone}`;
      const earlier = byKey.get(key);
      if (earlier) {
        duplicates.push({ line: earlier.line, keptLine: row.line });
        byKey.delete(key); // re-inserted below, so the kept row sits at its own place in file order
      }
      byKey.set(key, earlier ? mergeRows(earlier, row) : row);
    } catch (error) {
      rejected.push({ line: record.line, reason: (error as Error).message });
    }
  }
  const rows = [...byKey.values()];
  const grades = [...new Set(rows.flatMap((r) => (r.grade ? [r.grade] : [])))];
  const tags = [...new Set(rows.flatMap((r) => r.tags ?? []))];
  return { encoding: file.encoding, total: file.records.length, rows, rejected, duplicates, grades, tags };
}

/** Decodes, parses and validates a file at once (the CLI, tests). */
export function prepareImport(bytes: Uint8Array): ImportPlan {
  const steps = validateFile(readImportFile(bytes));
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

/** The later row wins; a cell it leaves empty keeps the earlier row's value. */
function mergeRows(earlier: ImportRow, later: ImportRow): ImportRow {
  const merged: ImportRow = { ...earlier };
  for (const [k, v] of Object.entries(later) as [keyof ImportRow, unknown][]) {
    if (v !== undefined) (merged as unknown as Record<string, unknown>)[k] = v;
  }
  return merged;
}

/** A customer's final values after an import row: the file's cells over what it had (or the defaults of a new one). */
export interface ImportedCustomer {
  name: string;
  phone: string;
  memo: string;
  grade: string | null;
  tags: string[];
  consent: boolean;
  consentAt: Date | null;
  pointsHeld: number;
  pointsAccumulated: number;
  visitCount: number;
}

export function importedValues(row: ImportRow, existing: Customer | undefined, now: Date): ImportedCustomer {
  const consent = row.marketingConsent ?? existing?.marketing_consent ?? false;
  return {
    name: row.name,
    phone: row.phone,
    memo: row.memo ?? existing?.memo ?? '',
    grade: row.grade === undefined ? (existing?.grade ?? null) : row.grade,
    tags: row.tags ?? existing?.tags ?? [],
    consent,
    // The consent date is when consent was given: kept while it stands, set when newly given, cleared on withdrawal.
    consentAt: !consent ? null : existing?.marketing_consent ? (existing.marketing_consent_at ?? now) : now,
    pointsHeld: row.pointsHeld ?? existing?.points_held ?? 0,
    pointsAccumulated: row.pointsAccumulated ?? existing?.points_accumulated ?? 0,
    visitCount: row.visitCount ?? existing?.visit_count ?? 0,
  };
}

/** A rejected line as the CLI prints it. */
export function describeRejected(r: RejectedRow): string {
  return `${r.line}행: ${r.reason}`;
}
