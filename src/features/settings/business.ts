import type { Kysely } from 'kysely';
import type { Business, DB, ServiceType } from '../../db/types.ts';
import { AppError, notFound } from '../../lib/errors.ts';
import { normalizePhone } from '../../lib/phone.ts';
import { isValidTimeZone } from '../../lib/time.ts';
import type { Actor } from '../auth/context.ts';
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

/** CORE-1, CORE-3: the business's name, phone, service type, time zone and "부서기능 사용". */
export async function updateBusiness(db: Kysely<DB>, actor: Actor, changes: BusinessChanges) {
  const phone = changes.phone === undefined ? undefined : storedPhone(changes.phone);
  if (changes.timeZone !== undefined && !isValidTimeZone(changes.timeZone)) throw new AppError('TIME_ZONE_INVALID');
  const row = await repo.updateBusiness(db, actor.businessId, { ...changes, phone });
  return presentBusiness(row ?? notFound('BUSINESS_NOT_FOUND'));
}

function storedPhone(input: string): string {
  if (input.trim() === '') return '';
  const digits = normalizePhone(input);
  if (!digits) throw new AppError('PHONE_INVALID');
  return digits;
}
