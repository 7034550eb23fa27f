import crypto from 'node:crypto';
import type { Kysely } from 'kysely';
import type { DB, ServiceType } from '../../db/types.ts';
import { AppError, uniqueViolation } from '../../lib/errors.ts';
import * as settingsRepo from '../settings/repository.ts';
import { hashPassword, verifyPassword, dummyPasswordHash } from './passwords.ts';
import * as repo from './repository.ts';

export const SESSION_DAYS = 30;
export const NAVER_STAFF_NAME = '네이버예약';
export const BOOKING_PAGE_STAFF_NAME = '예약페이지';
const LOGIN_WINDOW_MS = 15 * 60 * 1000;
const MAX_FAILURES_PER_EMAIL = 5;
const MAX_FAILURES_PER_IP = 30;

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

export async function login(db: Kysely<DB>, input: { email: string; password: string; ip: string }, now = new Date()) {
  const failures = await repo.countRecentFailures(db, { email: input.email, ip: input.ip }, new Date(now.getTime() - LOGIN_WINDOW_MS));
  if (failures.byEmail >= MAX_FAILURES_PER_EMAIL || failures.byIp >= MAX_FAILURES_PER_IP) {
    throw new AppError('LOGIN_RATE_LIMITED');
  }
  const user = await repo.findUserByEmail(db, input.email);
  const ok = user ? await verifyPassword(user.password_hash, input.password) : await verifyPassword(await dummyPasswordHash(), input.password);
  if (!user || !ok || !user.active) {
    await repo.recordLoginAttempt(db, { email: input.email, ip: input.ip, succeeded: false });
    throw new AppError('LOGIN_FAILED');
  }
  const token = crypto.randomBytes(32).toString('base64url');
  await db.transaction().execute(async (trx) => {
    await repo.clearFailures(trx, input.email);
    await repo.insertSession(trx, {
      tokenHash: hashToken(token),
      userId: user.id,
      businessId: user.business_id,
      expiresAt: new Date(now.getTime() + SESSION_DAYS * 86400_000),
    });
  });
  return { token, userId: user.id, businessId: user.business_id };
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
