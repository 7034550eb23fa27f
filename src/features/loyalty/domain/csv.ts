import iconv from 'iconv-lite';
import type { CsvEncoding } from '../../../shared/labels/loyalty.ts';

/**
 * Reading the CSV files shops export from Excel or other programs (MSG-1
 * import): the bytes' encoding, then RFC 4180 records. Pure, no I/O.
 */

export type { CsvEncoding };

/**
 * UTF-8 (with or without the BOM Excel writes for "CSV UTF-8") when the
 * bytes are valid UTF-8; UTF-16 LE when they start with its BOM; otherwise
 * CP949, which Korean Excel writes for plain "CSV".
 */
export function decodeCsv(bytes: Uint8Array): { text: string; encoding: CsvEncoding } {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    return { text: new TextDecoder('utf-8').decode(bytes.subarray(3)), encoding: 'utf-8' };
  }
  if (bytes[0] === 0xff && bytes[1] === 0xfe) {
    return { text: new TextDecoder('utf-16le').decode(bytes.subarray(2)), encoding: 'utf-16le' };
  }
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'utf-8' };
  } catch {
    return { text: iconv.decode(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), 'cp949'), encoding: 'cp949' };
  }
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
 * Blank lines are skipped.
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

/** Excel writes tabs for "Unicode text"; everything else here is commas. */
export function detectDelimiter(text: string): ',' | '\t' | ';' {
  const firstLine = text.slice(0, Math.max(0, text.search(/\r|\n/)) || text.length);
  const count = (ch: string) => firstLine.split(ch).length - 1;
  const commas = count(',');
  const tabs = count('\t');
  const semicolons = count(';');
  if (tabs > commas && tabs >= semicolons) return '\t';
  if (semicolons > commas) return ';';
  return ',';
}
