import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sign, signedHeaders, verifySignature, SIGNATURE_HEADER, TIMESTAMP_HEADER } from './signature.ts';

const now = new Date('2026-11-23T01:00:00Z');
const ts = String(Math.floor(now.getTime() / 1000));

describe('Naver webhook signature (NAVER-4)', () => {
  it('accepts a signature made with the secret over timestamp and body', () => {
    const body = '{"eventId":"e1"}';
    expect(verifySignature({ secret: 's3cret', timestamp: ts, signature: sign('s3cret', ts, body), rawBody: body, now })).toEqual({ ok: true });
  });

  it('refuses missing, malformed, stale and forged signatures', () => {
    const body = '{}';
    const good = sign('s3cret', ts, body);
    expect(verifySignature({ secret: 's3cret', timestamp: undefined, signature: good, rawBody: body, now })).toEqual({ ok: false, reason: 'missing' });
    expect(verifySignature({ secret: 's3cret', timestamp: ts, signature: 'xyz', rawBody: body, now })).toEqual({ ok: false, reason: 'malformed' });
    expect(verifySignature({ secret: 'other', timestamp: ts, signature: good, rawBody: body, now })).toEqual({ ok: false, reason: 'mismatch' });
    expect(verifySignature({ secret: 's3cret', timestamp: ts, signature: good, rawBody: '{ }', now })).toEqual({ ok: false, reason: 'mismatch' });
  });

  it('keeps a 5-minute window on both sides of our clock', () => {
    const body = '{}';
    for (const [offset, ok] of [
      [-300, true],
      [300, true],
      [-301, false],
      [301, false],
    ] as const) {
      const t = String(Number(ts) + offset);
      const check = verifySignature({ secret: 'k', timestamp: t, signature: sign('k', t, body), rawBody: body, now });
      expect(check.ok).toBe(ok);
      if (!ok) expect(check).toEqual({ ok: false, reason: 'stale' });
    }
  });

  it('property: any change to the body, timestamp or secret breaks the signature', () => {
    fc.assert(
      fc.property(fc.string(), fc.string({ minLength: 1 }), fc.string({ minLength: 1 }), (body, secret, other) => {
        const headers = signedHeaders(secret, body, now);
        const timestamp = headers[TIMESTAMP_HEADER]!;
        const signature = headers[SIGNATURE_HEADER]!;
        expect(verifySignature({ secret, timestamp, signature, rawBody: body, now }).ok).toBe(true);
        if (other !== secret) expect(verifySignature({ secret: other, timestamp, signature, rawBody: body, now }).ok).toBe(false);
        expect(verifySignature({ secret, timestamp, signature, rawBody: body + 'x', now }).ok).toBe(false);
        expect(verifySignature({ secret, timestamp: String(Number(timestamp) - 1), signature, rawBody: body, now }).ok).toBe(false);
      }),
    );
  });
});
