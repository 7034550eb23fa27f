import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LMS_MAX_BYTES, LMS_SUBJECT_MAX_BYTES, smsBytes, unsupportedChars } from './bytes.ts';
import { describeCoupon, isCouponValidity, validateCoupon } from './coupon.ts';
import { advertisingText, fillVariables, unknownVariables } from './format.ts';
import { isCustomerGroup } from '../../loyalty/index.ts';
import { MESSAGE_TEMPLATES, templateByKey, templatesFor } from './templates.ts';

describe('coupon templates (MSG-3)', () => {
  it('has the templates the docs name, each once', () => {
    const keys = MESSAGE_TEMPLATES.map((t) => t.key);
    expect(new Set(keys).size).toBe(keys.length);
    for (const key of ['regular-thanks', 'comeback', 'first-visit', 'birthday', 'winter']) expect(templateByKey(key)?.key).toBe(key);
    expect(templateByKey('nope')).toBeNull();
  });

  it('offers each business type templates written for it: no café cake or drink to a clinic, one birthday template each', () => {
    for (const type of ['clinic', 'beauty'] as const) {
      const offered = templatesFor(type);
      expect(offered.some((t) => t.suggestedCoupon.type === 'gift' && /케이크|음료/.test(t.suggestedCoupon.giftName))).toBe(false);
      expect(offered.filter((t) => t.name === '생일 축하')).toHaveLength(1);
    }
    expect(templatesFor('restaurant').map((t) => t.key)).toContain('winter');
    expect(templatesFor('restaurant').filter((t) => t.name === '생일 축하')).toHaveLength(1);
    for (const type of ['clinic', 'beauty', 'restaurant', 'retail', 'other'] as const) expect(templatesFor(type).length).toBeGreaterThanOrEqual(5);
  });

  it.each(MESSAGE_TEMPLATES.map((t) => [t.key, t] as const))('%s is complete and sendable as written', (_key, template) => {
    expect(template.name).not.toBe('');
    expect(template.description).not.toBe('');
    expect(validateCoupon(template.suggestedCoupon)).toEqual({ ok: true, value: template.suggestedCoupon });
    expect(isCouponValidity(template.suggestedValidity)).toBe(true);
    if (template.suggestedGroup !== null) expect(isCustomerGroup(template.suggestedGroup)).toBe(true);
    expect(unknownVariables(template.body)).toEqual([]);
    expect(template.body).toContain('#{쿠폰}');
    expect(smsBytes(template.title)).toBeLessThanOrEqual(LMS_SUBJECT_MAX_BYTES);
    expect(unsupportedChars(template.title + template.body)).toEqual([]);
  });

  it('fits one LMS once filled and wrapped, for any name up to 20 characters (property)', () => {
    fc.assert(
      fc.property(fc.constantFrom(...MESSAGE_TEMPLATES), fc.string({ unit: fc.constantFrom('가', '힣', 'a'), minLength: 1, maxLength: 20 }), (template, name) => {
        const body = fillVariables(template.body, { name, businessName: '동네 꽃집 본점', coupon: describeCoupon(template.suggestedCoupon), expiresOn: '2026년 12월 31일', couponCode: 'ABCD2345EF' });
        expect(body).not.toContain('#{');
        const text = advertisingText({ body, businessName: '동네 꽃집 본점', businessPhone: '0212345678', optOutPhone: '0801234567', optOutUrl: 'https://yeyak.kr/o/ABCDEFGH23' });
        expect(smsBytes(text)).toBeLessThanOrEqual(LMS_MAX_BYTES);
      }),
    );
  });
});
