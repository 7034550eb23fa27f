import type { Kysely } from 'kysely';
import type { DB } from '../../../platform/db/types.ts';
import { notFound } from '../../../platform/errors/registry.ts';
import { CONSENT_KIND_LABELS, CONSENT_SOURCE_LABELS, consentGrantedLabel } from '../../../shared/labels/consents.ts';
import * as consents from '../repository/consents.ts';
import * as repo from '../repository.ts';

/** One row of a customer's consent history as the API shows it (LAW-2). */
export function presentConsentEvent(row: Awaited<ReturnType<typeof consents.listConsentEvents>>[number]) {
  return {
    id: row.id,
    kind: row.kind,
    kindLabel: CONSENT_KIND_LABELS[row.kind],
    granted: row.granted,
    grantedLabel: consentGrantedLabel(row.granted),
    source: row.source,
    sourceLabel: CONSENT_SOURCE_LABELS[row.source],
    actorName: row.actor_name ?? null,
    detail: row.detail,
    createdAt: row.created_at.toISOString(),
  };
}

/** GET /api/customers/:id/consents: every grant and withdrawal, newest first. */
export async function listConsents(db: Kysely<DB>, businessId: string, customerId: string) {
  if (!(await repo.findCustomer(db, businessId, customerId))) notFound('CUSTOMER_NOT_FOUND');
  const rows = await consents.listConsentEvents(db, businessId, customerId);
  return { items: rows.map(presentConsentEvent) };
}
