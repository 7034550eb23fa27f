import type { Customer } from '../../../platform/db/types.ts';
import type { CustomerGroup } from '../../../shared/labels/loyalty.ts';
import { formatPhone, maskPhone } from '../../../shared/phone.ts';
import { can, type Actor } from '../../auth/index.ts';

/**
 * How customers look in replies (CORE-5). Pure, so the schedules, booking and
 * Naver features show customers' phones by the same rule.
 */

export function canSeeFullPhone(actor: Actor): boolean {
  return can(actor, 'customers.phone_full');
}

/** LAW-4: an anonymised customer's phone column holds this placeholder, which is no number. */
export function isAnonymisedPhone(stored: string): boolean {
  return stored.startsWith('anonymised:');
}

/** 010-1234-5678 for users with the full-phone permission, 010-****-5678 for the others; empty for an anonymised customer. */
export function presentCustomerPhone(digits: string, canSeeFull: boolean): { phone: string; phoneMasked: boolean } {
  // An erased number (the customer's placeholder, a booking's or a message's emptied copy) shows as nothing.
  if (digits === '' || isAnonymisedPhone(digits)) return { phone: '', phoneMasked: false };
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
  /** MSG-1: loyalty, kept on the row by the loyalty feature. */
  pointsHeld: number;
  pointsAccumulated: number;
  visitCount: number;
  /** OPS-4: schedules marked 노쇼. */
  noShowCount: number;
  lastVisitAt: string | null;
  /** MSG-10: when the customer opted out of marketing (the link or a reply); null when never. */
  marketingOptedOutAt: string | null;
  /** MSG-2: 단골 / 예비 단골 / 첫 적립, as of the request. */
  groups: CustomerGroup[];
  /** LAW-4: when the customer's data was erased on request; null when never. */
  anonymisedAt: string | null;
  createdAt: string;
  updatedAt: string;
}

/** `groups` comes from the loyalty feature (it needs the accruals of the last 3 months, which the row does not hold). */
export function presentCustomer(row: Customer, canSeeFull: boolean, groups: CustomerGroup[]): CustomerJson {
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
    pointsHeld: row.points_held,
    pointsAccumulated: row.points_accumulated,
    visitCount: row.visit_count,
    noShowCount: row.no_show_count,
    lastVisitAt: row.last_visit_at ? row.last_visit_at.toISOString() : null,
    marketingOptedOutAt: row.marketing_opted_out_at ? row.marketing_opted_out_at.toISOString() : null,
    groups,
    anonymisedAt: row.anonymised_at ? row.anonymised_at.toISOString() : null,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}
