import iconv from 'iconv-lite';

/**
 * MSG-3, MSG-11: message length as Korean carriers and providers count it —
 * the byte length of the text in the Korean code page: ASCII 1 byte, every
 * other character 2 bytes (Hangul syllables, Hanja, ★ ※ ♥, full-width forms).
 *
 * Which table decides "can SMS carry it": CP949 (KS X 1001 + Microsoft's
 * extension of the 8,822 Hangul syllables KS X 1001 lacks, e.g. 똠 뷁 햏).
 * - iconv-lite has no strict EUC-KR table: its 'euc-kr' is an alias of
 *   'cp949', so asking both answers the same.
 * - Strict KS X 1001 has only 2,350 of the 11,172 modern syllables: it
 *   would refuse real menu words such as "똠양꿍" in a gift name, while
 *   providers (Solapi and its peers) take CP949 text, today's phones show
 *   it, and SPEC MSG-3 says "2 bytes per Hangul syllable", without
 *   exceptions. In CP949 every modern syllable is 2 bytes.
 * - What CP949 cannot encode (emoji, ✓, •, en dash, é, ₩ U+20A9) becomes
 *   "?" or breaks on the way: `unsupportedChars` lists it so the writer can
 *   fix it before sending. Such characters still count 2 bytes per code
 *   point, like any other non-ASCII character, so counts stay additive.
 *
 * Text is normalised first (`normalizeSmsText`): CRLF and a lone CR become
 * LF (a newline is 1 byte, as phones send it), and decomposed Hangul jamo
 * (what macOS file names and some pastes carry) is composed into syllables.
 * The sender sends the normalised text, so what was counted is what goes.
 */

/** SMS (단문): up to 90 bytes. */
export const SMS_MAX_BYTES = 90;
/** LMS (장문): up to 2,000 bytes. */
export const LMS_MAX_BYTES = 2000;
/** The subject (제목) of an LMS. */
export const LMS_SUBJECT_MAX_BYTES = 40;
/** MSG-3: a gift coupon's item name (증정 상품). */
export const GIFT_NAME_MAX_BYTES = 64;

const CONJOINING_JAMO_RUN = /[\u1100-\u11FF]+/g;

/** The text as it is sent: LF newlines, composed Hangul. */
export function normalizeSmsText(text: string): string {
  return text.replace(/\r\n?/g, '\n').replace(CONJOINING_JAMO_RUN, (run) => run.normalize('NFC'));
}

const encodable = new Map<number, boolean>();

/** Whether CP949 has this code point (ASCII always). */
function isEncodable(codePoint: number): boolean {
  if (codePoint < 0x80) return true;
  let known = encodable.get(codePoint);
  if (known === undefined) {
    const char = String.fromCodePoint(codePoint);
    // iconv-lite writes "?" for what the table lacks; a round trip tells the two apart.
    known = iconv.decode(iconv.encode(char, 'cp949'), 'cp949') === char;
    encodable.set(codePoint, known);
  }
  return known;
}

/** Bytes of a text as an SMS counts them (after `normalizeSmsText`). */
export function smsBytes(text: string): number {
  let bytes = 0;
  for (const char of normalizeSmsText(text)) bytes += char.codePointAt(0)! < 0x80 ? 1 : 2;
  return bytes;
}

const graphemes = new Intl.Segmenter('ko', { granularity: 'grapheme' });

/**
 * The characters SMS cannot carry, each once, in the order they first
 * appear. A character is what a person sees (a grapheme: 👍🏽 is one).
 */
export function unsupportedChars(text: string): string[] {
  const found = new Set<string>();
  for (const { segment } of graphemes.segment(normalizeSmsText(text))) {
    for (const char of segment) {
      if (!isEncodable(char.codePointAt(0)!)) {
        found.add(segment);
        break;
      }
    }
  }
  return [...found];
}

export type SmsKind = 'sms' | 'lms' | 'too_long';

/** SMS up to 90 bytes, LMS up to 2,000, beyond that it cannot be sent as text. */
export function smsKind(text: string): SmsKind {
  const bytes = smsBytes(text);
  if (bytes <= SMS_MAX_BYTES) return 'sms';
  if (bytes <= LMS_MAX_BYTES) return 'lms';
  return 'too_long';
}

/** A gift name's bytes as MSG-3 limits it: surrounding spaces do not count. */
export function giftNameBytes(name: string): number {
  return smsBytes(name.trim());
}
