import iconv from 'iconv-lite';
import type { CsvEncoding } from '../../../shared/labels/loyalty.ts';

/**
 * Reading the CSV files shops export from Excel or other programs (MSG-1
 * import): the bytes' encoding, then RFC 4180 records (`parseCsv`, from
 * src/platform/csv.ts). Pure, no I/O.
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

// The RFC 4180 reader sits beside the export writer in the platform, so one module reads and writes CSV.
export { parseCsv, type CsvRecord } from '../../../platform/csv.ts';

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
