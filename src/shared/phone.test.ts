import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { classifyPhoneQuery, formatPhone, maskPhone, normalizePhone, phoneGroups } from './phone.ts';

// CORE-5: phones are stored as digits, shown with hyphens and masked without the full-phone permission.

describe('normalizePhone', () => {
  it.each([
    ['010-1234-5678', '01012345678'],
    ['01012345678', '01012345678'],
    ['010 1234 5678', '01012345678'],
    ['  010.1234.5678  ', '01012345678'],
    ['(010) 1234-5678', '01012345678'],
    ['+82 10-1234-5678', '01012345678'],
    ['+82-10-1234-5678', '01012345678'],
    ['+821012345678', '01012345678'],
    ['+82 010 1234 5678', '01012345678'],
    ['+82 (0)10-1234-5678', '01012345678'],
    ['010–1234–5678', '01012345678'],
    ['０１０－１２３４－５６７８', '01012345678'],
    ['010-5980-1234', '01059801234'],
    ['011-123-4567', '0111234567'],
    ['016-1234-5678', '01612345678'],
    ['02-123-4567', '021234567'],
    ['02-1234-5678', '0212345678'],
    ['(02) 1234-5678', '0212345678'],
    ['+82 2 1234 5678', '0212345678'],
    ['031-123-4567', '0311234567'],
    ['031-1234-5678', '03112345678'],
    ['051-123-4567', '0511234567'],
    ['064-123-4567', '0641234567'],
    ['070-1234-5678', '07012345678'],
    ['080-123-4567', '0801234567'],
    ['0505-123-4567', '05051234567'],
    ['0507-1234-5678', '050712345678'],
    ['1588-1234', '15881234'],
    ['15881234', '15881234'],
    ['1544 1234', '15441234'],
    ['1899-1234', '18991234'],
  ])('%s → %s', (input, digits) => {
    expect(normalizePhone(input)).toBe(digits);
  });

  it.each([
    ['', 'empty'],
    ['010', 'too short'],
    ['010-1234', 'too short'],
    ['010-1234-567', 'a 010 number missing a digit'],
    ['010-1234-56789', 'one digit too many'],
    ['02-12-3456', 'too short for Seoul'],
    ['1234-5678', 'not a representative number'],
    ['010-1234-567O', 'a letter O for a zero'],
    ['전화번호', 'letters'],
    ['010-abcd-5678', 'letters'],
    ['+1 202 555 0123', 'American'],
    ['+81 90-1234-5678', 'Japanese'],
    ['+86 138 0013 8000', 'Chinese'],
    ['060-123-4567', 'unallocated area'],
    ['0130-123-4567', 'unallocated area'],
    ['010-1234-5678 내선 12', 'text after the number'],
  ])('refuses %j (%s)', (input) => {
    expect(normalizePhone(input)).toBeNull();
  });
});

describe('formatPhone and maskPhone', () => {
  it.each([
    ['01012345678', '010-1234-5678', '010-****-5678'],
    ['0111234567', '011-123-4567', '011-***-4567'],
    ['021234567', '02-123-4567', '02-***-4567'],
    ['0212345678', '02-1234-5678', '02-****-5678'],
    ['0311234567', '031-123-4567', '031-***-4567'],
    ['03112345678', '031-1234-5678', '031-****-5678'],
    ['07012345678', '070-1234-5678', '070-****-5678'],
    ['05051234567', '0505-123-4567', '0505-***-4567'],
    ['050712345678', '0507-1234-5678', '0507-****-5678'],
    ['15881234', '1588-1234', '****-1234'],
  ])('%s is shown as %s and masked as %s', (digits, formatted, masked) => {
    expect(formatPhone(digits)).toBe(formatted);
    expect(maskPhone(digits)).toBe(masked);
    expect(normalizePhone(formatted)).toBe(digits);
  });
});

describe('classifyPhoneQuery', () => {
  it.each([
    ['5678', { kind: 'last4', digits: '5678' }],
    ['0000', { kind: 'last4', digits: '0000' }],
    ['01012345678', { kind: 'full', digits: '01012345678' }],
    ['010-1234-5678', { kind: 'full', digits: '01012345678' }],
    [' 010 1234 5678 ', { kind: 'full', digits: '01012345678' }],
    ['+82 10 1234 5678', { kind: 'full', digits: '01012345678' }],
    ['(02) 123-4567', { kind: 'full', digits: '021234567' }],
    ['1588-1234', { kind: 'full', digits: '15881234' }],
    ['010', { kind: 'partial', digits: '010' }],
    ['12', { kind: 'partial', digits: '12' }],
    ['010-1234', { kind: 'partial', digits: '0101234' }],
    ['12345', { kind: 'partial', digits: '12345' }],
    ['+82 10 12', { kind: 'partial', digits: '01012' }],
    ['+82 010 12', { kind: 'partial', digits: '01012' }],
  ])('%j → %j', (q, expected) => {
    expect(classifyPhoneQuery(q)).toEqual(expected);
  });

  it.each(['홍길동', 'Kim', '김 5678', '56a8', '', '   ', '-', '+', '50%'])('%j is not a phone search', (q) => {
    expect(classifyPhoneQuery(q)).toBeNull();
  });
});

const digit = fc.constantFrom(...'0123456789');
/** 010 and 8 digits: every number Korean carriers hand out today. */
const mobile = fc.array(digit, { minLength: 8, maxLength: 8 }).map((d) => '010' + d.join(''));
const separator = fc.constantFrom('', '', '-', ' ', '.', '  ');

/** The digits as a person might type them: any separators between any digits. */
function typedVariant(digits: string) {
  return fc.array(separator, { minLength: digits.length - 1, maxLength: digits.length - 1 }).map((seps) =>
    [...digits].map((d, i) => d + (seps[i] ?? '')).join(''),
  );
}

describe('phone properties', () => {
  it('normalize(format(x)) is x for every 010 number', () => {
    fc.assert(fc.property(mobile, (x) => normalizePhone(formatPhone(x)) === x));
  });

  it('any hyphen, space or dot variant of a 010 number normalizes to it', () => {
    fc.assert(fc.property(mobile.chain((x) => fc.tuple(fc.constant(x), typedVariant(x))), ([x, typed]) => normalizePhone(typed) === x));
  });

  it('the +82 form of a 010 number normalizes to it', () => {
    fc.assert(fc.property(mobile, fc.boolean(), (x, keepTrunk) => normalizePhone(`+82 ${keepTrunk ? x : x.slice(1)}`) === x));
  });

  it('masking keeps the first group and the last 4 digits, stars the middle, and never shows the formatted number', () => {
    fc.assert(
      fc.property(mobile, (x) => {
        const masked = maskPhone(x);
        expect(masked).toBe(`010-****-${x.slice(-4)}`);
        expect(masked).not.toBe(formatPhone(x));
        expect(masked.replace(/[^0-9]/g, '')).toBe('010' + x.slice(-4));
      }),
    );
  });

  it('every normalized number formats into groups whose digits are the number, and masks to the same last 4', () => {
    const seoul = fc.tuple(fc.constantFrom('2', '3', '4', '5', '6', '7', '8', '9'), fc.array(digit, { minLength: 6, maxLength: 7 })).map(([a, d]) => '02' + a + d.join(''));
    const regional = fc
      .tuple(fc.constantFrom('031', '032', '033', '041', '042', '043', '044', '051', '052', '053', '054', '055', '061', '062', '063', '064'), fc.constantFrom('2', '3', '4', '5', '6', '7', '8', '9'), fc.array(digit, { minLength: 6, maxLength: 7 }))
      .map(([area, a, d]) => area + a + d.join(''));
    fc.assert(
      fc.property(fc.oneof(mobile, seoul, regional), (candidate) => {
        const x = normalizePhone(candidate);
        if (x === null) return;
        expect(phoneGroups(x).join('')).toBe(x);
        expect(normalizePhone(formatPhone(x))).toBe(x);
        expect(maskPhone(x).slice(-4)).toBe(x.slice(-4));
        expect(maskPhone(x).slice(0, -4)).toMatch(/^[0-9]+-\*+-$/);
      }),
    );
  });

  it('a 010 number searched whole, with any separators, is a full-number search for it', () => {
    fc.assert(fc.property(mobile.chain((x) => fc.tuple(fc.constant(x), typedVariant(x))), ([x, typed]) => {
      expect(classifyPhoneQuery(typed)).toEqual({ kind: 'full', digits: x });
    }));
  });

  it('any 4 digits are a last-4 search', () => {
    fc.assert(fc.property(fc.array(digit, { minLength: 4, maxLength: 4 }), (d) => {
      expect(classifyPhoneQuery(d.join(''))).toEqual({ kind: 'last4', digits: d.join('') });
    }));
  });

  it('text with a Hangul or Latin letter is never a phone search', () => {
    fc.assert(fc.property(fc.string(), fc.constantFrom('가', '홍', 'a', 'Z'), fc.string(), (a, letter, b) => classifyPhoneQuery(a + letter + b) === null));
  });
});
