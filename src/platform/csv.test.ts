import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CSV_BOM, csvDocument, csvLine, guardFormula, parseCsv, type CsvCell } from './csv.ts';
import { attachmentDisposition } from './http/csv-reply.ts';

// OPS-8: the CSV writer of the exports, read back by the RFC 4180 reader of the import.

describe('csvLine', () => {
  it('quotes commas, quotes and newlines, guards formulas, writes numbers as they are, and ends with CRLF', () => {
    expect(csvLine(['김, 하늘', 'say "hi"', '두 줄\n메모', '=SUM(A1)', '+82', '-', '@me', '\tx', '\rx', 12, -3, null, ''])).toBe(
      `"김, 하늘","say ""hi""","두 줄\n메모",'=SUM(A1),'+82,'-,'@me,'\tx,"'\rx",12,-3,,\r\n`,
    );
  });

  it('leaves text that only contains a formula character alone', () => {
    expect(csvLine(['a=b', '010-1234-5678', '홍길동'])).toBe('a=b,010-1234-5678,홍길동\r\n');
    expect(guardFormula('1+1')).toBe('1+1');
  });
});

describe('csvDocument', () => {
  it('starts with the BOM and the header', () => {
    expect(csvDocument(['이름', '포인트'], [['김하늘', 100]])).toBe('\uFEFF이름,포인트\r\n김하늘,100\r\n');
  });

  const special = fc.constantFrom('', ',', '"', '""', '\r\n', '\n', '\r', 'a,b', '"q"', '=1+1', '+82', '-3', '@x', '\tx', '김하늘', "O'Neil", ' 앞뒤 공백 ', '\uFEFF');
  const text = fc.oneof(fc.string({ unit: 'grapheme', maxLength: 12 }), special, fc.array(special, { maxLength: 4 }).map((parts) => parts.join('')));
  const cell: fc.Arbitrary<CsvCell> = fc.oneof(text, fc.integer({ min: -10_000_000, max: 10_000_000 }), fc.constant(null));
  const table = fc.integer({ min: 2, max: 6 }).chain((width) =>
    fc.record({
      header: fc.array(text, { minLength: width, maxLength: width }),
      rows: fc.array(fc.array(cell, { minLength: width, maxLength: width }), { maxLength: 8 }),
    }),
  );
  const asRead = (c: CsvCell) => (c === null ? '' : typeof c === 'number' ? String(c) : guardFormula(c));

  it('reads back as written: parse(write(rows)) = rows, text guarded, numbers as text (property)', () => {
    fc.assert(
      fc.property(table, ({ header, rows }) => {
        const doc = csvDocument(header, rows);
        expect(doc.startsWith(CSV_BOM)).toBe(true);
        expect(doc.endsWith('\r\n')).toBe(true);
        const records = parseCsv(doc.slice(CSV_BOM.length)).map((r) => r.fields);
        expect(records).toEqual([header.map(asRead), ...rows.map((row) => row.map(asRead))]);
      }),
    );
  });

  it('never leaves a text cell a spreadsheet would run (property)', () => {
    fc.assert(
      fc.property(text, (t) => {
        const [field] = parseCsv(csvLine([t, 'x']))[0]!.fields;
        expect(/^[=+\-@\t\r]/.test(field!)).toBe(false);
      }),
    );
  });
});

describe('attachmentDisposition', () => {
  it('names the file in UTF-8 (RFC 5987) with an ASCII fallback', () => {
    const value = attachmentDisposition('고객목록_2026-12-03.csv', 'customers_2026-12-03.csv');
    expect(value).toBe(`attachment; filename="customers_2026-12-03.csv"; filename*=UTF-8''${encodeURIComponent('고객목록_2026-12-03.csv')}`);
    expect(attachmentDisposition("it's (1)*.csv", 'a"b\\c.csv')).toBe(`attachment; filename="a_b_c.csv"; filename*=UTF-8''it%27s%20%281%29%2A.csv`);
  });
});
