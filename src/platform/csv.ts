/**
 * CSV as Korean Excel reads and writes it, both ways in one place: the
 * writer for exports (customers, bookings) and the RFC 4180 reader the
 * customer import uses (loyalty's domain/csv.ts adds the encodings). Pure,
 * no I/O.
 *
 * Writing: UTF-8 with a BOM (without it Excel reads UTF-8 as CP949 and the
 * Korean turns to noise), CRLF line ends, RFC 4180 quoting, and a guard
 * against formula injection: a text cell starting with = + - @, tab or CR
 * gets a leading apostrophe, so a spreadsheet shows it as text instead of
 * running it. Numbers are written as they are (a negative amount stays a
 * number).
 */

export const CSV_BOM = '\uFEFF';

/** A cell: text (guarded and quoted as needed), a number (as is) or nothing (an empty cell). */
export type CsvCell = string | number | null;

/** Characters that make a spreadsheet read a text cell as a formula (CSV injection). */
const FORMULA_START = /^[=+\-@\t\r]/;

/** A text cell as a spreadsheet must show it: an apostrophe before anything it could run. */
export function guardFormula(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

/** RFC 4180: a field with a comma, quote, CR or LF is enclosed in quotes, quotes doubled. */
function quote(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvCell(value: CsvCell): string {
  if (value === null) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  return quote(guardFormula(value));
}

/** One record with its CRLF. */
export function csvLine(cells: readonly CsvCell[]): string {
  return `${cells.map(csvCell).join(',')}\r\n`;
}

/** A whole document: the BOM, the header, the rows. */
export function csvDocument(header: readonly string[], rows: Iterable<readonly CsvCell[]>): string {
  let text = CSV_BOM + csvLine(header);
  for (const row of rows) text += csvLine(row);
  return text;
}

export interface CsvRecord {
  /** The physical line (1-based) the record starts on, as a text editor shows it. */
  line: number;
  fields: string[];
}

/**
 * RFC 4180 records: fields separated by `delimiter`, records by CRLF, LF or
 * CR; a quoted field may hold delimiters, newlines and doubled quotes. A
 * quote inside an unquoted field is kept as text (lenient, as Excel is).
 * Blank lines are skipped. The text has no BOM (the decoder removes it).
 */
export function parseCsv(text: string, delimiter = ','): CsvRecord[] {
  const records: CsvRecord[] = [];
  let fields: string[] = [];
  let field = '';
  let line = 1;
  let recordLine = 1;
  let i = 0;
  let quoted = false;
  let fieldStarted = false;
  const n = text.length;

  const endField = () => {
    fields.push(field);
    field = '';
    fieldStarted = false;
  };
  const endRecord = () => {
    endField();
    if (!(fields.length === 1 && fields[0] === '')) records.push({ line: recordLine, fields });
    fields = [];
  };

  while (i < n) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i += 2;
          continue;
        }
        quoted = false;
        i += 1;
        continue;
      }
      if (c === '\n' || (c === '\r' && text[i + 1] !== '\n')) line += 1;
      field += c;
      i += 1;
      continue;
    }
    if (c === '"' && !fieldStarted) {
      quoted = true;
      fieldStarted = true;
      i += 1;
      continue;
    }
    if (c === delimiter) {
      endField();
      i += 1;
      continue;
    }
    if (c === '\r' || c === '\n') {
      endRecord();
      i += c === '\r' && text[i + 1] === '\n' ? 2 : 1;
      line += 1;
      recordLine = line;
      continue;
    }
    field += c;
    fieldStarted = true;
    i += 1;
  }
  if (field !== '' || fields.length > 0 || fieldStarted) endRecord();
  return records;
}
