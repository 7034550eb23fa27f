import { describe, expect, it } from 'vitest';
import { DEFAULT_UNIT_PRICES, estimateCost, unitPricesOf } from './cost.ts';
import { canDisable, kakaoVariables, NOTICE_EVENTS, NOTICE_TEMPLATES, noticeText, templateVariables } from './notices.ts';

describe('NOTI-1 notice templates', () => {
  it('fills every variable, a missing one as "-", and carries no advertising mark', () => {
    for (const event of NOTICE_EVENTS) {
      const text = noticeText(NOTICE_TEMPLATES[event].content, { 고객명: '김하나', 업체명: '하나의원' });
      expect(text).not.toMatch(/#\{/);
      expect(text).not.toContain('(광고)');
      expect(text).toContain('김하나');
    }
  });

  it("gives Solapi every template variable keyed #{name}, never empty", () => {
    const content = NOTICE_TEMPLATES.booking_confirmed.content;
    const vars = kakaoVariables(content, { 고객명: '김하나' });
    expect(Object.keys(vars)).toEqual(templateVariables(content).map((v) => `#{${v}}`));
    expect(Object.values(vars).every((v) => v.length > 0)).toBe(true);
  });

  it('lets the shop turn off every event but the consent notice (LAW-3)', () => {
    expect(NOTICE_EVENTS.filter((e) => !canDisable(e))).toEqual(['consent_notice']);
  });
});

describe('cost estimate', () => {
  it("uses Solapi's list prices until the shop enters its own, rounding up to whole 원", () => {
    expect(unitPricesOf(null)).toEqual(DEFAULT_UNIT_PRICES);
    expect(unitPricesOf({ sms: 8.4, lms: 'x' })).toEqual({ ...DEFAULT_UNIT_PRICES, sms: 8.4 });
    expect(estimateCost('sms', 3, unitPricesOf({ sms: 8.4 })).amount).toBe(26);
    expect(estimateCost('brand', 10, DEFAULT_UNIT_PRICES, 'lms').fallback).toEqual({ type: 'lms', unitPrice: 50, amount: 500 });
  });
});
