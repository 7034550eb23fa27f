import crypto from 'node:crypto';
import type { Merchant } from './records.ts';
import { TossError } from './wire.ts';

/**
 * The key pairs the server accepts, and the Authorization check exactly as
 * Toss does it (docs.tosspayments.com/reference/using-api/authorization):
 * `Basic base64(secretKey + ':')`. A missing or unreadable header or an
 * unknown secret key → 401 UNAUTHORIZED_KEY; a secret key encoded without
 * the trailing ':' → 403 INCORRECT_BASIC_AUTH_FORMAT (the status of Toss's
 * 결제 승인/조회/취소 error tables).
 */

export interface Merchants {
  add(pair: { clientKey: string; secretKey: string }): Merchant;
  byClientKey(clientKey: string): Merchant | undefined;
  bySecretKey(secretKey: string): Merchant | undefined;
  /** The merchant of a request, or a TossError (401/403). */
  authenticate(header: string | undefined): Merchant;
  list(): Merchant[];
}

function mIdFor(secretKey: string): string {
  return `tlocal${crypto.createHash('sha256').update(secretKey).digest('hex').slice(0, 8)}`;
}

export function createMerchants(): Merchants {
  const bySecret = new Map<string, Merchant>();
  const byClient = new Map<string, Merchant>();

  return {
    add({ clientKey, secretKey }) {
      if (!clientKey || !secretKey || clientKey.includes(':') || secretKey.includes(':')) throw new Error('로컬 토스: 클라이언트 키와 시크릿 키가 필요합니다 (":" 없이).');
      const known = bySecret.get(secretKey);
      if (known && known.clientKey === clientKey) return known;
      if (known || byClient.has(clientKey)) throw new Error(`로컬 토스: 이미 다른 키와 짝지어진 키입니다 (${known ? secretKey : clientKey}).`);
      const merchant: Merchant = { clientKey, secretKey, mId: mIdFor(secretKey) };
      bySecret.set(secretKey, merchant);
      byClient.set(clientKey, merchant);
      return merchant;
    },
    byClientKey: (clientKey) => byClient.get(clientKey),
    bySecretKey: (secretKey) => bySecret.get(secretKey),
    authenticate(header) {
      const match = /^Basic\s+([A-Za-z0-9+/=_-]+)\s*$/i.exec(header ?? '');
      if (!match) throw new TossError(401, 'UNAUTHORIZED_KEY');
      const decoded = Buffer.from(match[1]!, 'base64').toString('utf8');
      const colon = decoded.indexOf(':');
      const secretKey = colon < 0 ? decoded : decoded.slice(0, colon);
      const merchant = bySecret.get(secretKey);
      if (colon < 0) throw new TossError(merchant ? 403 : 401, merchant ? 'INCORRECT_BASIC_AUTH_FORMAT' : 'UNAUTHORIZED_KEY');
      if (!merchant) throw new TossError(401, 'UNAUTHORIZED_KEY');
      return merchant;
    },
    list: () => [...bySecret.values()],
  };
}
