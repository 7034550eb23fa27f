import crypto from 'node:crypto';

/** A POS key: `yk_pos_` and 32 random bytes. Only its sha256 is stored; the prefix names it in lists. */
export function newPosKey(): { key: string; keyHash: string; keyPrefix: string } {
  const key = `yk_pos_${crypto.randomBytes(32).toString('base64url')}`;
  return { key, keyHash: hashPosKey(key), keyPrefix: key.slice(0, 12) };
}

export function hashPosKey(key: string): string {
  return crypto.createHash('sha256').update(key, 'utf8').digest('hex');
}
