import type { Customer } from '../../db/types.ts';
import { formatPhone, maskPhone } from '../../lib/phone.ts';
import { can, type Actor } from '../auth/context.ts';

/**
 * How customers look in replies (CORE-5). Pure, so the schedules, booking and
 * Naver features show customers' phones by the same rule.
 */

export function canSeeFullPhone(actor: Actor): boolean {
  return can(actor, 'customers.phone_full');
}

/** 010-1234-5678 for users with the full-phone permission, 010-****-5678 for the others. */
export function presentCustomerPhone(digits: string, canSeeFull: boolean): { phone: string; phoneMasked: boolean } {
  return canSeeFull ? { phone: formatPhone(digits), phoneMasked: false } : { phone: maskPhone(digits), phoneMasked: true };
}

export interface CustomerJson {
  id: string;
  name: string;
  phone: string;
  phoneMasked: boolean;
  memo: string;
  grade: string | null;
  tags: string[];
  marketingConsent: boolean;
  marketingConsentAt: string | null;
  nightAdConsent: boolean;
  createdAt: string;
  updatedAt: string;
}

export function presentCustomer(row: Customer, canSeeFull: boolean): CustomerJson {
  return {
    id: row.id,
    name: row.name,
    ...presentCustomerPhone(row.phone, canSeeFull),
    memo: row.memo,
    grade: row.grade,
    tags: row.tags,
    marketingConsent: row.marketing_consent,
    marketingConsentAt: row.marketing_consent_at ? row.marketing_consent_at.toISOString() : null,
    nightAdConsent: row.night_ad_consent,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}
