import crypto from 'node:crypto';

/**
 * NAVER-4: inbound events are signed with HMAC-SHA256 over
 * `${timestamp}.${rawBody}` with the business's connection secret. The
 * timestamp (unix seconds) must be within five minutes of our clock, and the
 * hex signature is compared in constant time. Outbound commands are signed the
 * same way, so both sides share one implementation.
 */
export const SIGNATURE_HEADER = 'x-naver-signature';
export const TIMESTAMP_HEADER = 'x-naver-timestamp';
export const SIGNATURE_WINDOW_SECONDS = 5 * 60;

export function sign(secret: string, timestamp: string, rawBody: string): string {
  return crypto.createHmac('sha256', secret).update(`${timestamp}.${rawBody}`).digest('hex');
}

export type SignatureCheck = { ok: true } | { ok: false; reason: 'missing' | 'malformed' | 'stale' | 'mismatch' };

export function verifySignature(input: {
  secret: string;
  timestamp: string | undefined;
  signature: string | undefined;
  rawBody: string;
  now: Date;
}): SignatureCheck {
  if (!input.timestamp || !input.signature) return { ok: false, reason: 'missing' };
  if (!/^[0-9]{1,12}$/.test(input.timestamp) || !/^[0-9a-f]{64}$/i.test(input.signature)) return { ok: false, reason: 'malformed' };
  const skew = Math.abs(Math.floor(input.now.getTime() / 1000) - Number(input.timestamp));
  if (skew > SIGNATURE_WINDOW_SECONDS) return { ok: false, reason: 'stale' };
  const expected = Buffer.from(sign(input.secret, input.timestamp, input.rawBody), 'hex');
  const given = Buffer.from(input.signature, 'hex');
  return crypto.timingSafeEqual(expected, given) ? { ok: true } : { ok: false, reason: 'mismatch' };
}

/** Headers for a signed request (used by the outbound client and the simulator). */
export function signedHeaders(secret: string, rawBody: string, now: Date = new Date()): Record<string, string> {
  const timestamp = String(Math.floor(now.getTime() / 1000));
  return { 'content-type': 'application/json', [TIMESTAMP_HEADER]: timestamp, [SIGNATURE_HEADER]: sign(secret, timestamp, rawBody) };
}
