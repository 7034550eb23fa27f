import type { Kysely } from 'kysely';
import type { Business, DB, ServiceType } from '../../platform/db/types.ts';
import { AppError, notFound } from '../../platform/errors/registry.ts';
import { normalizePhone } from '../../shared/phone.ts';
import { isValidTimeZone } from '../../platform/time.ts';
import type { Actor } from '../auth/index.ts';
import * as repo from './repository.ts';

export function presentBusiness(row: Business) {
  return {
    id: row.id,
    name: row.name,
    serviceType: row.service_type,
    timeZone: row.time_zone,
    phone: row.phone,
    departmentsEnabled: row.departments_enabled,
  };
}

export async function getBusiness(db: Kysely<DB>, actor: Actor) {
  const row = (await repo.findBusiness(db, actor.businessId)) ?? notFound('BUSINESS_NOT_FOUND');
  return presentBusiness(row);
}

export interface BusinessChanges {
  name?: string;
  /** Any common way of writing a Korean number; stored as digits. An empty string clears it. */
  phone?: string;
  serviceType?: ServiceType;
  timeZone?: string;
  departmentsEnabled?: boolean;
}

/** What the admin confirmed when a change reaches into a channel (a confirmation dialog in the UI). */
export interface BusinessChangeConfirmations {
  /** Turn the Naver connection off to change to a service type that cannot have it. */
  disconnectNaver?: boolean;
  /** Unlink the departments linked to Naver products to turn 부서기능 off. */
  unlinkNaverProducts?: boolean;
}

/**
 * A channel's rule about the business (Naver needs 병의원형/뷰티형 and
 * departments for its products) checked inside the change's transaction,
 * with the business row locked: it refuses the change, or carries out what
 * was confirmed, so the rule holds afterwards and not only when it was
 * first checked. Registered by the channel at app assembly.
 */
export type BusinessChangeCheck = (trx: Kysely<DB>, change: { businessId: string; before: Business; changes: BusinessChanges; confirm: BusinessChangeConfirmations }) => Promise<void>;

const changeChecks = new Map<string, BusinessChangeCheck>();

export function registerBusinessChangeCheck(name: string, check: BusinessChangeCheck): void {
  changeChecks.set(name, check);
}

/** CORE-1, CORE-3: the business's name, phone, service type, time zone and "부서기능 사용". */
export async function updateBusiness(db: Kysely<DB>, actor: Actor, changes: BusinessChanges, confirm: BusinessChangeConfirmations = {}) {
  const phone = changes.phone === undefined ? undefined : storedPhone(changes.phone);
  if (changes.timeZone !== undefined && !isValidTimeZone(changes.timeZone)) throw new AppError('TIME_ZONE_INVALID');
  const row = await db.transaction().execute(async (trx) => {
    await repo.lockBusiness(trx, actor.businessId);
    const before = (await repo.findBusiness(trx, actor.businessId)) ?? notFound('BUSINESS_NOT_FOUND');
    for (const check of changeChecks.values()) await check(trx, { businessId: actor.businessId, before, changes, confirm });
    return repo.updateBusiness(trx, actor.businessId, { ...changes, phone });
  });
  return presentBusiness(row ?? notFound('BUSINESS_NOT_FOUND'));
}

function storedPhone(input: string): string {
  if (input.trim() === '') return '';
  const digits = normalizePhone(input);
  if (!digits) throw new AppError('PHONE_INVALID');
  return digits;
}
