import crypto from 'node:crypto';
import type { Kysely } from 'kysely';
import type { DB } from '../../../platform/db/types.ts';
import { AppError } from '../../../platform/errors/registry.ts';
import type { RateLimits } from '../../../platform/http/rate-limits.ts';
import { installationSecret } from '../../../platform/secrets/index.ts';
import { newDeviceCookie, trustedDevice } from '../device-cookie.ts';
import { loginCounts } from '../domain/login-limits.ts';
import { dummyPasswordHash, verifyPassword } from '../passwords.ts';
import * as repo from '../repository.ts';
import { SESSION_DAYS, hashToken, newSessionToken } from '../session-token.ts';

export interface LoginClient {
  /** The client's address as rate limits key it (platform/http/client-key.ts). */
  clientKey: string;
  deviceCookie: string | undefined;
}

/**
 * CORE-2, SEC-3: opens a session for the email and password. Every attempt
 * is counted first (domain/login-limits.ts: 5 per 15 minutes for the account
 * from this client or device, 30 per 15 minutes per client, 50 an hour per
 * account); a success clears its own count and gives back the others.
 */
export async function logIn(db: Kysely<DB>, limits: RateLimits, input: { email: string; password: string; client: LoginClient }, now = new Date()) {
  const secret = await installationSecret(db, 'device-cookie');
  const account = crypto.createHash('sha256').update(input.email).digest('hex');
  const deviceId = trustedDevice(secret, input.client.deviceCookie, input.email);
  const { own, others } = loginCounts({ account, deviceId, clientKey: input.client.clientKey });
  for (const [name, key] of [own, ...others]) await limits.consume(name, key, 'LOGIN_RATE_LIMITED');

  const user = await repo.findUserByEmail(db, input.email);
  const ok = user ? await verifyPassword(user.password_hash, input.password) : await verifyPassword(await dummyPasswordHash(), input.password);
  if (!user || !ok || !user.active) throw new AppError('LOGIN_FAILED');

  await limits.reset(own[0], own[1]);
  for (const [name, key] of others) await limits.refund(name, key);
  const token = newSessionToken();
  await repo.insertSession(db, {
    tokenHash: hashToken(token),
    userId: user.id,
    businessId: user.business_id,
    expiresAt: new Date(now.getTime() + SESSION_DAYS * 86400_000),
  });
  return { token, userId: user.id, businessId: user.business_id, deviceCookie: deviceId ? input.client.deviceCookie! : newDeviceCookie(secret, input.email) };
}
