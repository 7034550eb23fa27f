import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { smsBytes, smsKind } from './bytes.ts';
import { advertisingText, expiresOnText, fillVariables, formatExpiresOn, unknownVariables } from './format.ts';

const vars = { name: '김민지', businessName: '카페 예약', coupon: '10% 할인', expiresOn: '2026년 3월 12일', couponCode: 'ABCD2345EF' };
const parts = { businessName: '카페 예약', businessPhone: '0212345678', optOutPhone: '0801234567' };

describe('variables (MSG-7)', () => {
  it('fills the four variables wherever they appear', () => {
    expect(fillVariables('#{이름}님, #{매장명}입니다. #{쿠폰} 쿠폰을 드려요. (#{유효기간}까지) #{이름}님 또 만나요', vars)).toBe(
      '김민지님, 카페 예약입니다. 10% 할인 쿠폰을 드려요. (2026년 3월 12일까지) 김민지님 또 만나요',
    );
  });

  it('leaves unknown variables as written and lists them', () => {
    const body = '#{이름}님 #{포인트}점 #{ 이름 } #{포인트} #{쿠폰}';
    expect(fillVariables(body, vars)).toBe('김민지님 #{포인트}점 #{ 이름 } #{포인트} 10% 할인');
    expect(unknownVariables(body)).toEqual(['#{포인트}', '#{ 이름 }']);
    expect(unknownVariables('#{이름} #{매장명} #{쿠폰} #{유효기간}')).toEqual([]);
    expect(unknownVariables('#{toString} #{__proto__}')).toEqual(['#{toString}', '#{__proto__}']);
  });

  it('does not fill a value again when it looks like a variable', () => {
    expect(fillVariables('#{이름}님, #{쿠폰}', { ...vars, name: '#{쿠폰}' })).toBe('#{쿠폰}님, 10% 할인');
  });

  it('shows the last valid day as people read it', () => {
    expect(formatExpiresOn('2026-03-12')).toBe('2026년 3월 12일');
    expect(formatExpiresOn('2027-12-01')).toBe('2027년 12월 1일');
  });

  it('names a coupon\'s last valid day in the business\'s zone, the end being exclusive (property: as Intl ko-KR says it)', () => {
    expect(expiresOnText(new Date('2026-03-12T15:00:00Z'), 'Asia/Seoul')).toBe('3월 12일');
    expect(expiresOnText(new Date('2026-03-12T15:00:00.001Z'), 'Asia/Seoul')).toBe('3월 13일');
    const zones = ['Asia/Seoul', 'UTC', 'America/New_York', 'Pacific/Auckland', 'Asia/Kolkata'];
    fc.assert(
      fc.property(fc.date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2100-01-01T00:00:00Z'), noInvalidDate: true }), fc.constantFrom(...zones), (at, zone) => {
        const intl = new Intl.DateTimeFormat('ko-KR', { timeZone: zone, month: 'long', day: 'numeric' }).format(new Date(at.getTime() - 1));
        expect(expiresOnText(at, zone)).toBe(intl);
      }),
    );
  });

  it('leaves a body without variables unchanged (property)', () => {
    fc.assert(
      fc.property(fc.string().filter((s) => !s.includes('#{')), (body) => {
        expect(fillVariables(body, vars)).toBe(body);
        expect(unknownVariables(body)).toEqual([]);
      }),
    );
  });
});

describe('advertising format (MSG-10)', () => {
  it('starts with (광고) and the business name, gives the contact, and ends with the free opt-out', () => {
    const text = advertisingText({ ...parts, body: '김민지님, 늘 찾아주셔서 감사합니다.\n10% 할인 쿠폰을 드려요.' });
    expect(text).toBe('(광고) 카페 예약\n김민지님, 늘 찾아주셔서 감사합니다.\n10% 할인 쿠폰을 드려요.\n문의: 02-1234-5678\n무료수신거부 080-123-4567');
    expect(text.startsWith('(광고)')).toBe(true);
    expect(text.split('\n').at(-1)).toBe('무료수신거부 080-123-4567');
    // 16 + 35 + 23 + 18 + 25 bytes on five lines, four newlines.
    expect(smsBytes(text)).toBe(121);
    expect(smsKind(text)).toBe('lms');
  });

  it('puts the opt-out link on the last line when there is one', () => {
    expect(advertisingText({ ...parts, body: '쿠폰', optOutUrl: 'https://yeyak.kr/o/AbC123' }).split('\n').at(-1)).toBe('무료수신거부 080-123-4567 https://yeyak.kr/o/AbC123');
    expect(advertisingText({ ...parts, body: '쿠폰', optOutPhone: null, optOutUrl: 'https://yeyak.kr/o/AbC123' }).split('\n').at(-1)).toBe('무료수신거부 https://yeyak.kr/o/AbC123');
    expect(() => advertisingText({ ...parts, body: '쿠폰', optOutPhone: null })).toThrow(RangeError);
  });

  it('writes numbers as Koreans do and keeps what it cannot parse', () => {
    expect(advertisingText({ ...parts, body: '', businessPhone: '010-9876-5432' })).toBe('(광고) 카페 예약\n문의: 010-9876-5432\n무료수신거부 080-123-4567');
    expect(advertisingText({ ...parts, body: 'x', businessPhone: '15881234' }).split('\n')[2]).toBe('문의: 1588-1234');
    expect(advertisingText({ ...parts, body: 'x', businessPhone: ' 내선 12 ' }).split('\n')[2]).toBe('문의: 내선 12');
    // No number on file: the 문의 line is left out rather than printed empty.
    expect(advertisingText({ ...parts, body: 'x', businessPhone: '' })).toBe('(광고) 카페 예약\nx\n무료수신거부 080-123-4567');
    expect(advertisingText({ ...parts, body: advertisingText({ ...parts, body: 'x', businessPhone: '' }), businessPhone: '' })).toBe('(광고) 카페 예약\nx\n무료수신거부 080-123-4567');
  });

  it('a short message fits one SMS', () => {
    const text = advertisingText({ ...parts, businessName: '민지네', body: '10% 할인' });
    expect(smsBytes(text)).toBeLessThanOrEqual(90);
    expect(smsKind(text)).toBe('sms');
  });

  it('does not mark a body twice, and sends LF newlines', () => {
    const once = advertisingText({ ...parts, body: '쿠폰 드려요' });
    expect(advertisingText({ ...parts, body: once })).toBe(once);
    expect(advertisingText({ ...parts, body: '(광고)쿠폰 드려요' })).toBe(once);
    expect(advertisingText({ ...parts, body: '  (광고) 쿠폰 드려요\r\n' })).toBe(once);
    expect(advertisingText({ ...parts, body: '쿠폰\r\n드려요' })).toContain('쿠폰\n드려요');
  });

  it('always starts with (광고), ends with the opt-out line, keeps the body, and is idempotent (property)', () => {
    const line = fc.oneof(fc.string(), fc.constantFrom('(광고)', '(광고) 카페 예약', '문의: 02-1234-5678', '무료수신거부 080-123-4567', '', ' '));
    fc.assert(
      fc.property(fc.array(line, { maxLength: 6 }).map((lines) => lines.join('\n')), (body) => {
        const text = advertisingText({ ...parts, body });
        const lines = text.split('\n');
        expect(text.startsWith('(광고) 카페 예약\n')).toBe(true);
        expect(lines.at(-1)).toBe('무료수신거부 080-123-4567');
        expect(lines.at(-2)).toBe('문의: 02-1234-5678');
        if (!body.trimStart().startsWith('(광고)')) expect(text).toContain(body.replace(/\r\n?/g, '\n').trim());
        expect(advertisingText({ ...parts, body: text })).toBe(text);
      }),
    );
  });
});
