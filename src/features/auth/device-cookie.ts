import crypto from 'node:crypto';

/** SEC-3: the cookie a browser keeps after a successful login, naming it a device this account has used. */
export const DEVICE_COOKIE = 'yeyak_device';
export const DEVICE_COOKIE_DAYS = 180;

function deviceSignature(secret: Buffer, deviceId: string, email: string): Buffer {
  return crypto.createHmac('sha256', secret).update(`${deviceId}\n${email}`).digest();
}

export function newDeviceCookie(secret: Buffer, email: string): string {
  const deviceId = crypto.randomBytes(16).toString('base64url');
  return `${deviceId}.${deviceSignature(secret, deviceId, email).toString('base64url')}`;
}

/** The device id if the cookie was issued to this browser for this email, else null. */
export function trustedDevice(secret: Buffer, cookie: string | undefined, email: string): string | null {
  const [deviceId, signature, extra] = (cookie ?? '').split('.');
  if (!deviceId || !signature || extra !== undefined || !/^[A-Za-z0-9_-]{22}$/.test(deviceId)) return null;
  const expected = deviceSignature(secret, deviceId, email);
  const given = Buffer.from(signature, 'base64url');
  // Only the spelling we issued counts: base64 ignores the last character's low bits, so another spelling can carry the same bytes.
  if (given.toString('base64url') !== signature) return null;
  return given.length === expected.length && crypto.timingSafeEqual(given, expected) ? deviceId : null;
}
