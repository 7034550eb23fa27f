import type { Kysely } from 'kysely';
import type { DB } from '../../../platform/db/types.ts';
import type { Actor } from '../../auth/index.ts';
import { blankToNull, normalizeName, requirePhone, uniqueTags } from '../domain/values.ts';
import * as consents from '../repository/consents.ts';
import * as repo from '../repository.ts';
import { presentOneCustomer } from './present.ts';

export interface CustomerInput {
  name: string;
  phone: string;
  memo?: string | undefined;
  grade?: string | null | undefined;
  tags?: string[] | undefined;
  marketingConsent?: boolean | undefined;
  nightAdConsent?: boolean | undefined;
}

/**
 * A (name, phone) pair the business has already answers CUSTOMER_DUPLICATE
 * (the constraint's registered code). A consent the shop records with the
 * new customer is one event of its history (LAW-2), in the same transaction.
 */
export async function createCustomer(db: Kysely<DB>, actor: Actor, input: CustomerInput) {
  const row = await db.transaction().execute(async (trx) => {
    const inserted = await repo.insertCustomer(trx, actor.businessId, {
      name: normalizeName(input.name),
      phone: requirePhone(input.phone),
      memo: input.memo ?? '',
      grade: blankToNull(input.grade ?? null),
      tags: uniqueTags(input.tags ?? []),
      marketingConsent: input.marketingConsent ?? false,
      nightAdConsent: input.nightAdConsent ?? false,
    });
    if (inserted.marketing_consent) {
      await consents.insertConsentEvents(trx, actor.businessId, [{ customerId: inserted.id, kind: 'marketing', granted: true, source: 'shop', actorUserId: actor.userId }]);
    }
    return inserted;
  });
  return presentOneCustomer(db, actor, row);
}
