import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SETTLEMENT_KIND_LABELS, STATEMENT_COLUMNS, STATEMENT_TOTAL_LABEL, ppmLabel, statementCsv, type StatementLine } from './csv.ts';
import { FEE_METHOD_LABELS } from './fees.ts';
import { SETTLEMENT_AMOUNT_FIELDS, reversalAmounts, saleAmounts, statementTotals, type SettlementAmounts } from './settlement.ts';

/** An RFC 4180 reader for the test: records of fields, quotes undone. */
function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let field = '';
  let record: string[] = [];
  let i = 0;
  let quoted = false;
  while (i < text.length) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i += 2;
      } else if (ch === '"') {
        quoted = false;
        i += 1;
      } else {
        field += ch;
        i += 1;
      }
    } else if (ch === '"' && field === '') {
      quoted = true;
      i += 1;
    } else if (ch === ',') {
      record.push(field);
      field = '';
      i += 1;
    } else if (ch === '\r' && text[i + 1] === '\n') {
      record.push(field);
      records.push(record);
      record = [];
      field = '';
      i += 2;
    } else {
      if (ch === '\n' || ch === '\r' || ch === '"') throw new Error(`bare ${JSON.stringify(ch)} at ${i}`);
      field += ch;
      i += 1;
    }
  }
  if (field !== '' || record.length > 0) throw new Error('the last record has no CRLF');
  return records;
}

const AMOUNT_COLUMN_OF: Record<(typeof SETTLEMENT_AMOUNT_FIELDS)[number], string> = {
  main: '주결제 금액',
  couponPlatform: '쿠폰할인',
  mainFee: '주결제 수수료',
  points: '포인트 결제금액',
  pointsFee: '포인트 결제 수수료',
  base: '정산대상금액',
  payout: '정산금액',
};

const rates = { mainRatePpm: 16_500, pointsRatePpm: 33_000 };
const sale1 = saleAmounts({ main: 60_000, couponPlatform: 0, points: 0, ...rates });
const sale3 = saleAmounts({ main: 45_000, couponPlatform: 0, points: 2_500, ...rates });
const reversal1 = reversalAmounts({ main: 60_000, couponPlatform: 0, points: 0 }, { main: 0, couponPlatform: 0, points: 0 }, rates);

describe('statement CSV (PAY-4)', () => {
  it('labels ppm rates as percentages without trailing zeros', () => {
    expect(ppmLabel(16_500)).toBe('1.65%');
    expect(ppmLabel(11_000)).toBe('1.1%');
    expect(ppmLabel(30_800)).toBe('3.08%');
    expect(ppmLabel(30_000)).toBe('3%');
    expect(ppmLabel(0)).toBe('0%');
    expect(ppmLabel(1)).toBe('0.0001%');
    expect(ppmLabel(1_000_000)).toBe('100%');
    expect(() => ppmLabel(-1)).toThrow(RangeError);
    expect(() => ppmLabel(1.5)).toThrow(RangeError);
  });

  it('has the ten PAY-4 columns first, in order, then 구분 and 일자', () => {
    expect(STATEMENT_COLUMNS.slice(0, 10)).toEqual(['예약상세번호', '주결제 수단', '수수료율', '주결제 금액', '쿠폰할인', '주결제 수수료', '포인트 결제금액', '포인트 결제 수수료', '정산대상금액', '정산금액']);
    expect(STATEMENT_COLUMNS.slice(10)).toEqual(['구분', '일자']);
  });

  it('writes a BOM, CRLF rows, plain integers, positive fees, negative reversals and a 합계 row', () => {
    const csv = statementCsv([
      { detailNumber: '10000123-1', kindLabel: SETTLEMENT_KIND_LABELS.sale, mainMethodLabel: FEE_METHOD_LABELS.card, ratePercentLabel: ppmLabel(16_500), eventDate: '2026-03-02', amounts: sale1 },
      { detailNumber: '10000124-1', kindLabel: SETTLEMENT_KIND_LABELS.sale, mainMethodLabel: FEE_METHOD_LABELS.card, ratePercentLabel: ppmLabel(16_500), eventDate: '2026-03-03', amounts: sale3 },
      { detailNumber: '10000123-1', kindLabel: SETTLEMENT_KIND_LABELS.reversal, mainMethodLabel: FEE_METHOD_LABELS.card, ratePercentLabel: ppmLabel(16_500), eventDate: '2026-03-04', amounts: reversal1 },
    ]);
    expect(csv).toBe(
      '\uFEFF' +
        [
          '예약상세번호,주결제 수단,수수료율,주결제 금액,쿠폰할인,주결제 수수료,포인트 결제금액,포인트 결제 수수료,정산대상금액,정산금액,구분,일자',
          '10000123-1,신용카드,1.65%,60000,0,990,0,0,60000,59010,이용완료,2026-03-02',
          '10000124-1,신용카드,1.65%,45000,0,743,2500,83,47500,46674,이용완료,2026-03-03',
          '10000123-1,신용카드,1.65%,-60000,0,-990,0,0,-60000,-59010,결제취소,2026-03-04',
          '합계,,,45000,0,743,2500,83,47500,46674,,',
        ]
          .map((r) => `${r}\r\n`)
          .join(''),
    );
    expect(statementCsv([])).toBe(`\uFEFF${STATEMENT_COLUMNS.join(',')}\r\n합계,,,0,0,0,0,0,0,0,,\r\n`);
  });

  it('quotes commas, quotes and line breaks, and defuses text cells that a spreadsheet would run as formulas', () => {
    const line = (detailNumber: string, mainMethodLabel = '신용카드'): StatementLine => ({ detailNumber, kindLabel: '이용완료', mainMethodLabel, ratePercentLabel: '1.65%', eventDate: '2026-03-02', amounts: reversal1 });
    const rowOf = (l: StatementLine) => statementCsv([l]).split('\r\n')[1];
    expect(rowOf(line('=HYPERLINK("http://x","y")'))).toBe(`"'=HYPERLINK(""http://x"",""y"")",신용카드,1.65%,-60000,0,-990,0,0,-60000,-59010,이용완료,2026-03-02`);
    expect(rowOf(line('+1', '-2'))!.startsWith(`'+1,'-2,`)).toBe(true);
    expect(rowOf(line('@SUM(A1)'))!.startsWith(`'@SUM(A1),`)).toBe(true);
    expect(rowOf(line('\tx'))!.startsWith(`'\tx,`)).toBe(true);
    expect(rowOf(line('a,b', 'say "hi"'))!.startsWith(`"a,b","say ""hi""",`)).toBe(true);
    expect(parseCsv(statementCsv([line('line\nbreak')]).slice(1))[1]![0]).toBe('line\nbreak');
    expect(parseCsv(statementCsv([line('\rx')]).slice(1))[1]![0]).toBe(`'\rx`);
  });

  it('refuses amounts that are not integer 원', () => {
    expect(() => statementCsv([{ detailNumber: '1', kindLabel: '', mainMethodLabel: '', ratePercentLabel: '', eventDate: '', amounts: { ...sale1, main: 1.5 } }])).toThrow(RangeError);
  });

  const text = fc.oneof(
    fc.string({ maxLength: 12 }),
    fc.constantFrom('10000123-1', '=1+1', '+82', '-3', '@x', '\tx', '\rx', 'a,b', '"q"', 'a\r\nb', '신용카드', '카카오페이 머니', ''),
  );
  const componentsArb = fc.record({ main: fc.nat(5_000_000), couponPlatform: fc.nat(100_000), points: fc.nat(500_000) });
  const amountsArb: fc.Arbitrary<SettlementAmounts> = fc
    .tuple(componentsArb, componentsArb, fc.boolean(), fc.integer({ min: 0, max: 100_000 }))
    .map(([a, b, reverse, ppm]) => (reverse ? reversalAmounts(a, b, { mainRatePpm: ppm, pointsRatePpm: 33_000 }) : saleAmounts({ ...a, mainRatePpm: ppm, pointsRatePpm: 33_000 })));
  const lineArb: fc.Arbitrary<StatementLine> = fc.record({ detailNumber: text, kindLabel: text, mainMethodLabel: text, ratePercentLabel: text, eventDate: text, amounts: amountsArb });

  it('reads back: the header, one row per line with its text and amounts, and a totals row = statementTotals = the column sums (property)', () => {
    fc.assert(
      fc.property(fc.array(lineArb, { maxLength: 8 }), (lines) => {
        const csv = statementCsv(lines);
        expect(csv.startsWith('\uFEFF')).toBe(true);
        expect(csv.endsWith('\r\n')).toBe(true);
        const records = parseCsv(csv.slice(1));
        expect(records[0]).toEqual([...STATEMENT_COLUMNS]);
        expect(records).toHaveLength(lines.length + 2);
        const col = (name: string) => STATEMENT_COLUMNS.indexOf(name as (typeof STATEMENT_COLUMNS)[number]);
        const written = (value: string) => (/^[=+\-@\t\r]/.test(value) ? `'${value}` : value);
        lines.forEach((line, i) => {
          const rec = records[i + 1]!;
          expect(rec).toHaveLength(STATEMENT_COLUMNS.length);
          expect(rec[col('예약상세번호')]!).toBe(written(line.detailNumber));
          expect(rec[col('주결제 수단')]!).toBe(written(line.mainMethodLabel));
          expect(rec[col('수수료율')]!).toBe(written(line.ratePercentLabel));
          expect(rec[col('구분')]!).toBe(written(line.kindLabel));
          expect(rec[col('일자')]!).toBe(written(line.eventDate));
          for (const cell of rec) expect(/^[=+\-@\t\r]/.test(cell) && !/^-\d+$/.test(cell)).toBe(false);
          for (const field of SETTLEMENT_AMOUNT_FIELDS) {
            const cell = rec[col(AMOUNT_COLUMN_OF[field])]!;
            expect(cell).toMatch(/^-?\d+$/);
            expect(Number(cell)).toBe(line.amounts[field]);
          }
        });
        const totalsRow = records[records.length - 1]!;
        expect(totalsRow[0]).toBe(STATEMENT_TOTAL_LABEL);
        const totals = statementTotals(lines.map((l) => l.amounts));
        for (const field of SETTLEMENT_AMOUNT_FIELDS) {
          const c = col(AMOUNT_COLUMN_OF[field]);
          const columnSum = records.slice(1, -1).reduce((acc, rec) => acc + Number(rec[c]), 0);
          expect(Number(totalsRow[c])).toBe(totals[field]);
          expect(columnSum).toBe(totals[field]);
        }
      }),
    );
  });
});
