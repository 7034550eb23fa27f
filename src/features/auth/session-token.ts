import crypto from 'node:crypto';

export const SESSION_DAYS = 30;

export function newSessionToken(): string {
  return crypto.randomBytes(32).toString('base64url');
}

/** The database keeps only this hash of a session token, so a leaked table opens no session. */
export function hashToken(token: string): string {
  return crypto.createHash('sha256').update(token).digest('hex');
}
