import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { GIFT_NAME_MAX_BYTES, LMS_MAX_BYTES, SMS_MAX_BYTES, giftNameBytes, normalizeSmsText, smsBytes, smsKind, unsupportedChars } from './bytes.ts';

/** Any code point, lone surrogates included. */
const anyChar = fc.string({ unit: 'binary', minLength: 1, maxLength: 1 });

describe('SMS bytes (MSG-3, MSG-11)', () => {
  it('counts ASCII as 1 byte and Hangul as 2', () => {
    expect(smsBytes('')).toBe(0);
    expect(smsBytes('Hello, world!')).toBe(13);
    expect(smsBytes('안녕하세요')).toBe(10);
    expect(smsBytes('아메리카노 1잔')).toBe(14);
    expect(smsBytes('10% 할인')).toBe(8);
  });

  it('counts the symbols and full-width forms of the Korean code page as 2 bytes', () => {
    expect(smsBytes('★※♥☎㈜')).toBe(10);
    expect(smsBytes('ＡＢＣ')).toBe(6);
    expect(smsBytes('漢字')).toBe(4);
    expect(smsBytes('ㄱㅏ')).toBe(4);
    expect(unsupportedChars('★※♥☎㈜ＡＢＣ漢字ㄱㅏ')).toEqual([]);
  });

  it('takes every modern Hangul syllable, including those only CP949 has (똠, 뷁, 햏)', () => {
    expect(smsBytes('똠양꿍')).toBe(6);
    expect(unsupportedChars('똠양꿍 뷁 햏')).toEqual([]);
  });

  it('reports what SMS cannot carry, each once, in order, and still counts it', () => {
    expect(unsupportedChars('감사해요😀 또 오세요😀 ✓ café')).toEqual(['😀', '✓', 'é']);
    expect(unsupportedChars('좋아요👍🏽')).toEqual(['👍🏽']);
    expect(unsupportedChars('가족👨‍👩‍👧 할인')).toEqual(['👨‍👩‍👧']);
    expect(smsBytes('😀')).toBe(2);
    expect(smsBytes('a😀b')).toBe(4);
  });

  it('counts a newline as 1 byte, CRLF and CR as one newline', () => {
    expect(smsBytes('가\n나')).toBe(5);
    expect(smsBytes('가\r\n나')).toBe(5);
    expect(smsBytes('가\r나')).toBe(5);
    expect(normalizeSmsText('a\r\nb\rc\n')).toBe('a\nb\nc\n');
  });

  it('composes decomposed Hangul before counting', () => {
    const decomposed = '한글'.normalize('NFD');
    expect(decomposed.length).toBe(6);
    expect(normalizeSmsText(decomposed)).toBe('한글');
    expect(smsBytes(decomposed)).toBe(4);
    expect(unsupportedChars(decomposed)).toEqual([]);
  });

  it('switches from SMS to LMS above 90 bytes, and refuses above 2,000', () => {
    expect(SMS_MAX_BYTES).toBe(90);
    expect(smsKind('가'.repeat(45))).toBe('sms');
    expect(smsBytes('가'.repeat(45))).toBe(90);
    expect(smsKind('가'.repeat(45) + 'a')).toBe('lms');
    expect(smsKind('a'.repeat(90))).toBe('sms');
    expect(smsKind('a'.repeat(91))).toBe('lms');
    expect(smsKind('가'.repeat(44) + 'ab')).toBe('sms');
    expect(smsKind('가'.repeat(1000))).toBe('lms');
    expect(smsKind('가'.repeat(1000) + '!')).toBe('too_long');
    expect(LMS_MAX_BYTES).toBe(2000);
  });

  it('counts a gift name without its surrounding spaces', () => {
    expect(GIFT_NAME_MAX_BYTES).toBe(64);
    expect(giftNameBytes('  아메리카노 1잔 ')).toBe(14);
    expect(giftNameBytes('가'.repeat(32))).toBe(64);
  });

  it('is additive: bytes(a + b) = bytes(a) + bytes(b) (property)', () => {
    const text = fc.string({ unit: fc.oneof(fc.constantFrom('가', '똠', 'a', ' ', '\n', '\r', '★', '😀', '\u1100', '\u1161'), anyChar) });
    fc.assert(
      fc.property(text, text, (a, b) => {
        // Normalising joins across the seam only for CR+LF and split jamo; elsewhere the count is a sum.
        fc.pre(normalizeSmsText(a + b) === normalizeSmsText(a) + normalizeSmsText(b));
        expect(smsBytes(a + b)).toBe(smsBytes(a) + smsBytes(b));
      }),
    );
  });

  it('counts ASCII without CR as its length, and anything else as at most 2 bytes a code point (property)', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.integer({ min: 0, max: 0x7f }).filter((c) => c !== 0x0d).map((c) => String.fromCharCode(c)) }), (ascii) => {
        expect(smsBytes(ascii)).toBe(ascii.length);
        expect(unsupportedChars(ascii)).toEqual([]);
      }),
    );
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), (text) => {
        const codePoints = [...normalizeSmsText(text)].length;
        expect(smsBytes(text)).toBeGreaterThanOrEqual(codePoints);
        expect(smsBytes(text)).toBeLessThanOrEqual(2 * codePoints);
      }),
    );
  });

  it('lists only characters that occur in the text, without repeats (property)', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.oneof(fc.constantFrom('가', 'a', '😀', '✓'), anyChar) }), (text) => {
        const found = unsupportedChars(text);
        expect(new Set(found).size).toBe(found.length);
        for (const char of found) expect(normalizeSmsText(text)).toContain(char);
      }),
    );
  });
});
