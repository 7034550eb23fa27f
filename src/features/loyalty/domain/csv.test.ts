import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../../platform/errors/registry.ts';
import { decodeCsv, detectDelimiter, parseCsv } from './csv.ts';
import { prepareImport } from './import-file.ts';

// MSG-1 CSV import: reading the file (pure).

const utf8 = (text: string) => new TextEncoder().encode(text);
const withBom = (text: string) => new Uint8Array([0xef, 0xbb, 0xbf, ...utf8(text)]);

describe('decodeCsv', () => {
  it('reads UTF-8 with and without the BOM, CP949, and UTF-16 LE', () => {
    expect(decodeCsv(withBom('이름,전화번호'))).toEqual({ text: '이름,전화번호', encoding: 'utf-8' });
    expect(decodeCsv(utf8('이름,전화번호'))).toEqual({ text: '이름,전화번호', encoding: 'utf-8' });
    const cp949 = iconv.encode('이름,전화번호\n홍길동,010-1234-5678\n똠방각하,02-123-4567', 'cp949');
    expect(decodeCsv(cp949)).toEqual({ text: '이름,전화번호\n홍길동,010-1234-5678\n똠방각하,02-123-4567', encoding: 'cp949' });
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('이름\t전화번호', 'utf16le')]);
    expect(decodeCsv(utf16)).toEqual({ text: '이름\t전화번호', encoding: 'utf-16le' });
  });

  it('reads plain ASCII as UTF-8', () => {
    expect(decodeCsv(utf8('name,phone\n')).encoding).toBe('utf-8');
  });
});

describe('parseCsv (RFC 4180)', () => {
  it('splits records and fields, with quoted commas, newlines and doubled quotes', () => {
    const text = 'a,b,c\r\n"1,5","line1\r\nline2","say ""hi"""\r\nx,,z\n\n"",y,\n';
    expect(parseCsv(text)).toEqual([
      { line: 1, fields: ['a', 'b', 'c'] },
      { line: 2, fields: ['1,5', 'line1\r\nline2', 'say "hi"'] },
      { line: 4, fields: ['x', '', 'z'] },
      { line: 6, fields: ['', 'y', ''] },
    ]);
  });

  it('keeps the last record without a final newline, handles lone CR, and is lenient with stray quotes', () => {
    expect(parseCsv('a,b\rc,"d\ne"\rf,g')).toEqual([
      { line: 1, fields: ['a', 'b'] },
      { line: 2, fields: ['c', 'd\ne'] },
      { line: 4, fields: ['f', 'g'] },
    ]);
    expect(parseCsv('5" screen,ok')).toEqual([{ line: 1, fields: ['5" screen', 'ok'] }]);
  });

  it('detects tabs and semicolons in the header line', () => {
    expect(detectDelimiter('이름\t전화번호\n')).toBe('\t');
    expect(detectDelimiter('이름;전화번호;태그\n')).toBe(';');
    expect(detectDelimiter('이름,전화번호,태그\n')).toBe(',');
    expect(detectDelimiter('이름,전화번호')).toBe(',');
  });
});

describe('prepareImport', () => {
  it('maps Korean Excel headers and validates every row with its line number', () => {
    const csv = [
      '이름,휴대폰 번호,등급,태그,메모,마케팅 수신 동의,보유 포인트,누적 포인트,방문수',
      '김하늘,010-1234-5678,VIP,"피부관리, 레이저;피부관리","두 줄\r\n메모",Y,"1,000",5000,12',
      ',010-1111-2222,,,,,,,',
      '박바다,010-12,,,,,,,',
      '이산,02-123-4567,,,,동의함,,,',
      '최강,+82 10 2222 3333,,,,X,abc,,',
      '정우,01033334444,일반,,,아니오,0,0,0',
    ].join('\r\n');
    const plan = prepareImport(withBom(csv));
    expect(plan.encoding).toBe('utf-8');
    expect(plan.total).toBe(6);
    expect(plan.rows).toEqual([
      { line: 2, name: '김하늘', phone: '01012345678', grade: 'VIP', tags: ['피부관리', '레이저'], memo: '두 줄\r\n메모', marketingConsent: true, pointsHeld: 1000, pointsAccumulated: 5000, visitCount: 12 },
      { line: 8, name: '정우', phone: '01033334444', grade: '일반', marketingConsent: false, pointsHeld: 0, pointsAccumulated: 0, visitCount: 0 },
    ]);
    expect(plan.rejected).toEqual([
      { line: 4, reason: '이름이 비어 있습니다.' },
      { line: 5, reason: '전화번호 형식이 올바르지 않습니다: "010-12"' },
      { line: 6, reason: expect.stringContaining('마케팅 수신 동의는 Y/N') },
      { line: 7, reason: '보유 포인트는 0 이상의 정수여야 합니다: "abc"' },
    ]);
    expect(plan.grades).toEqual(['VIP', '일반']);
    expect(plan.tags).toEqual(['피부관리', '레이저']);
  });

  it('rejects a row whose cell holds a NUL character (the database cannot store it as text), and keeps the others (QUAL-3)', () => {
    const csv = '이름,전화번호,메모\n홍\u0000길동,010-1111-2222,\n김철수,010-3333-4444,메모\u0000끝\n이영희,010-5555-6666,좋음\n';
    const plan = prepareImport(utf8(csv));
    expect(plan.rows.map((r) => r.name)).toEqual(['이영희']);
    expect(plan.rejected).toEqual([
      { line: 2, reason: expect.stringMatching(/^이름: 쓸 수 없는 문자\(NUL/) },
      { line: 3, reason: expect.stringMatching(/^메모: 쓸 수 없는 문자\(NUL/) },
    ]);
  });

  it('takes English headers and every consent spelling', () => {
    const values = ['Y', 'N', '동의', '미동의', '예', '아니오', 'O', 'X', '1', '0', 'yes', 'no'];
    const csv = ['Name,Phone,Marketing Consent', ...values.map((v, i) => `고객${i},010-2000-${String(1000 + i)},${v}`)].join('\n');
    const plan = prepareImport(utf8(csv));
    expect(plan.rejected).toEqual([]);
    expect(plan.rows.map((r) => r.marketingConsent)).toEqual([true, false, true, false, true, false, true, false, true, false, true, false]);
  });

  it('merges a (name, phone) that appears twice: the last row wins, its empty cells keep the earlier values, and the merge is reported', () => {
    const csv = ['이름,전화번호,등급,메모', '김중복,010-5555-6666,VIP,첫 메모', '이다른,010-5555-7777,,', '김중복,01055556666,,둘째 메모'].join('\n');
    const plan = prepareImport(utf8(csv));
    expect(plan.rows).toEqual([
      { line: 3, name: '이다른', phone: '01055557777' },
      { line: 4, name: '김중복', phone: '01055556666', grade: 'VIP', memo: '둘째 메모' },
    ]);
    expect(plan.duplicates).toEqual([{ line: 2, keptLine: 4 }]);
  });

  it('refuses a file without 이름 and 전화번호 columns, and skips empty lines', () => {
    expect(() => prepareImport(utf8('성별,나이\n남,30'))).toThrowError(AppError);
    try {
      prepareImport(utf8('이름,나이\n김,30'));
    } catch (error) {
      expect((error as AppError).code).toBe('IMPORT_FILE_INVALID');
      expect((error as AppError).message).toContain('전화번호');
    }
    expect(() => prepareImport(utf8(''))).toThrowError(/비어/);
    const plan = prepareImport(utf8('이름,전화번호\n,,\n김,010-1234-5678\n,\n'));
    expect(plan.total).toBe(1);
    expect(plan.rows).toHaveLength(1);
  });
});
