import crypto from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { smsBytes } from './bytes.ts';
import { OPT_OUT_TOKEN_BYTES, OPT_OUT_TOKEN_LENGTH, optOutPath, SAMPLE_OPT_OUT_TOKEN } from './opt-out.ts';
import { channelFor, renderText } from './render.ts';

const senders = [
  { name: '연세바른피부과', phone: '0225551234', timeZone: 'Asia/Seoul', optOutPhone: '0808001234' },
  // A short name, no contact line and a short public address: texts of 80–120 bytes, around the 90-byte SMS limit.
  { name: '카페', phone: '', timeZone: 'Asia/Seoul', optOutPhone: '0808001234' },
];
const coupon = { type: 'discount', discountKind: 'won', discountValue: 5000 } as const;
const bases = ['https://yeyak.example.kr', 'https://y.kr'];

describe('the preview counts the opt-out link the recipients get (MSG-10: preview = delivery)', () => {
  it('every real token is as long as the sample', () => {
    for (let i = 0; i < 200; i++) expect(crypto.randomBytes(OPT_OUT_TOKEN_BYTES).toString('base64url')).toHaveLength(OPT_OUT_TOKEN_LENGTH);
    expect(SAMPLE_OPT_OUT_TOKEN).toHaveLength(OPT_OUT_TOKEN_LENGTH);
  });

  it('bodies around the SMS limit: the preview’s bytes and SMS/LMS decision equal a real recipient’s', () => {
    const syllable = fc.integer({ min: 0xac00, max: 0xd7a3 }).map((c) => String.fromCharCode(c));
    const ascii = fc.constantFrom(...'abcdefghijklmnopqrstuvwxyz0123456789 .,!'.split(''));
    const body = fc.array(fc.oneof(syllable, ascii), { minLength: 1, maxLength: 60 }).map((chars) => chars.join(''));
    let nearLimit = 0;
    fc.assert(
      fc.property(body, fc.constantFrom('김', '홍길동', '남궁민수'), fc.constantFrom(0, 1), (text, name, which) => {
        const sender = senders[which]!;
        const base = bases[which]!;
        const content = { channel: 'sms' as const, templateKey: 'regular-thanks', title: '감사 쿠폰', body: text, coupon, validity: '30d' as const };
        const recipient = { name, expiresAt: new Date('2026-12-31T00:00:00Z'), couponCode: 'ABCD2345EF' };
        const preview = renderText(sender, content, coupon, { ...recipient, optOutUrl: `${base}${optOutPath(SAMPLE_OPT_OUT_TOKEN)}` });
        const sent = renderText(sender, content, coupon, { ...recipient, optOutUrl: `${base}${optOutPath(crypto.randomBytes(OPT_OUT_TOKEN_BYTES).toString('base64url'))}` });
        const bytes = smsBytes(sent);
        if (bytes >= 80 && bytes <= 120) nearLimit += 1;
        expect(smsBytes(preview)).toBe(bytes);
        expect(channelFor('sms', preview)).toBe(channelFor('sms', sent));
      }),
      { numRuns: 600 },
    );
    expect(nearLimit).toBeGreaterThan(0);
  });
});
