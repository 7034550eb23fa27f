import crypto from 'node:crypto';
import type { Kysely } from 'kysely';
import type { DB, ServiceType } from '../../platform/db/types.ts';
import { AppError, uniqueViolation } from '../../platform/errors/registry.ts';
import type { RateLimitName, RateLimits } from '../../platform/http/rate-limits.ts';
import { installationSecret } from '../../platform/secrets/index.ts';
import { settingsRepository as settingsRepo } from '../settings/index.ts';
import { hashPassword, verifyPassword, dummyPasswordHash } from './passwords.ts';
import * as repo from './repository.ts';

export const SESSION_DAYS = 30;
export const NAVER_STAFF_NAME = '네이버예약';
export const BOOKING_PAGE_STAFF_NAME = '예약페이지';

export function hashToken(token: string): string {
  return crypto.createHash('sha256').update(token).digest('hex');
}

export interface RegisterBusinessInput {
  businessName: string;
  serviceType: ServiceType;
  phone?: string;
  departmentsEnabled?: boolean;
  admin: { name: string; email: string; password: string };
}

/**
 * Creates a business with everything every business has: its admin (also a
 * staff member), the virtual staff "네이버예약" (CORE-4), a default memo type
 * and a default permission group for members.
 */
export async function registerBusiness(db: Kysely<DB>, input: RegisterBusinessInput) {
  const passwordHash = await hashPassword(input.admin.password);
  try {
    return await db.transaction().execute(async (trx) => {
      const business = await repo.insertBusiness(trx, {
        name: input.businessName,
        serviceType: input.serviceType,
        phone: input.phone,
        departmentsEnabled: input.departmentsEnabled,
      });
      const user = await repo.insertUser(trx, {
        businessId: business.id,
        email: input.admin.email,
        passwordHash,
        name: input.admin.name,
        role: 'admin',
        permissionGroupId: null,
      });
      await settingsRepo.insertStaff(trx, { businessId: business.id, name: NAVER_STAFF_NAME, kind: 'naver', color: '#03c75a', sortOrder: -1 });
      await settingsRepo.insertStaff(trx, { businessId: business.id, name: BOOKING_PAGE_STAFF_NAME, kind: 'booking_page', color: '#f5c400', sortOrder: -1 });
      await settingsRepo.insertStaff(trx, { businessId: business.id, name: user.name, kind: 'user', userId: user.id, sortOrder: 0 });
      await settingsRepo.insertMemoType(trx, { businessId: business.id, name: '일반 메모', sortOrder: 0 });
      await settingsRepo.insertPermissionGroup(trx, {
        businessId: business.id,
        name: '일반 직원',
        permissions: ['customers.view', 'customers.edit', 'schedules.edit'],
      });
      return { business, user };
    });
  } catch (error) {
    if (uniqueViolation(error) === 'users_email_key') throw new AppError('EMAIL_TAKEN');
    throw error;
  }
}

/** SEC-3: the cookie a browser keeps after a successful login, naming it a device this account has used. */
export const DEVICE_COOKIE = 'yeyak_device';
export const DEVICE_COOKIE_DAYS = 180;

function deviceSignature(secret: Buffer, deviceId: string, email: string): Buffer {
  return crypto.createHmac('sha256', secret).update(`${deviceId}\n${email}`).digest();
}

function newDeviceCookie(secret: Buffer, email: string): string {
  const deviceId = crypto.randomBytes(16).toString('base64url');
  return `${deviceId}.${deviceSignature(secret, deviceId, email).toString('base64url')}`;
}

/** The device id if the cookie was issued to this browser for this email, else null. */
function trustedDevice(secret: Buffer, cookie: string | undefined, email: string): string | null {
  const [deviceId, signature, extra] = (cookie ?? '').split('.');
  if (!deviceId || !signature || extra !== undefined || !/^[A-Za-z0-9_-]{22}$/.test(deviceId)) return null;
  const expected = deviceSignature(secret, deviceId, email);
  const given = Buffer.from(signature, 'base64url');
  return given.length === expected.length && crypto.timingSafeEqual(given, expected) ? deviceId : null;
}

export interface LoginClient {
  /** The client's address as rate limits key it (platform/http/client-key.ts). */
  clientKey: string;
  deviceCookie: string | undefined;
}

/**
 * CORE-2, SEC-3. Every attempt is counted before the password is checked (so
 * a burst of parallel guesses is counted too) against:
 * - the account from this client: this address, or, on a browser that logged
 *   into this account before (device cookie), that device: 5 per 15 minutes;
 * - for clients that are not such a device, the client over all accounts
 *   (30 per 15 minutes) and the account over all such clients (50 per hour).
 * An attacker is slowed to 5 guesses per 15 minutes per address, and a
 * distributed one to 50 an hour, while the owner's own browser keeps its own
 * count and logs in during an attack; nothing locks an account globally. A
 * success clears its client's count and gives back its other counts.
 */
export async function login(db: Kysely<DB>, limits: RateLimits, input: { email: string; password: string; client: LoginClient }, now = new Date()) {
  const secret = await installationSecret(db, 'device-cookie');
  const account = crypto.createHash('sha256').update(input.email).digest('hex');
  const device = trustedDevice(secret, input.client.deviceCookie, input.email);
  const counted: [RateLimitName, string][] = [[ 'loginFailuresPerAccountAndClient', device ? `${account}:device:${device}` : `${account}:client:${input.client.clientKey}` ]];
  if (!device) counted.push(['loginFailuresPerClient', input.client.clientKey], ['loginFailuresPerAccount', account]);
  for (const [name, key] of counted) await limits.consume(name, key, 'LOGIN_RATE_LIMITED');

  const user = await repo.findUserByEmail(db, input.email);
  const ok = user ? await verifyPassword(user.password_hash, input.password) : await verifyPassword(await dummyPasswordHash(), input.password);
  if (!user || !ok || !user.active) throw new AppError('LOGIN_FAILED');

  const [own, ...others] = counted;
  await limits.reset(own![0], own![1]);
  for (const [name, key] of others) await limits.refund(name, key);
  const token = crypto.randomBytes(32).toString('base64url');
  await repo.insertSession(db, {
    tokenHash: hashToken(token),
    userId: user.id,
    businessId: user.business_id,
    expiresAt: new Date(now.getTime() + SESSION_DAYS * 86400_000),
  });
  return { token, userId: user.id, businessId: user.business_id, deviceCookie: device ? input.client.deviceCookie! : newDeviceCookie(secret, input.email) };
}

export async function logout(db: Kysely<DB>, token: string) {
  await repo.deleteSession(db, hashToken(token));
}

export async function me(db: Kysely<DB>, businessId: string, userId: string, permissions: readonly string[]) {
  const row = await repo.findMe(db, businessId, userId);
  if (!row) throw new AppError('UNAUTHENTICATED');
  return {
    user: { id: row.id, email: row.email, name: row.name, role: row.role, permissions: [...permissions], staffId: row.staffId },
    business: {
      id: row.businessId,
      name: row.businessName,
      serviceType: row.serviceType,
      timeZone: row.timeZone,
      phone: row.businessPhone,
      departmentsEnabled: row.departmentsEnabled,
    },
  };
}
