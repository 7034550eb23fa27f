import type { Kysely } from 'kysely';
import type { Business, DB, ServiceType } from '../../platform/db/types.ts';

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

export async function runBusinessChangeChecks(trx: Kysely<DB>, change: Parameters<BusinessChangeCheck>[1]): Promise<void> {
  for (const check of changeChecks.values()) await check(trx, change);
}
