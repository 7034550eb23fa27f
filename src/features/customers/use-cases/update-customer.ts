import type { Kysely } from 'kysely';
import type { DB } from '../../../platform/db/types.ts';
import { AppError, notFound } from '../../../platform/errors/registry.ts';
import type { Actor } from '../../auth/index.ts';
import { blankToNull, normalizeName, requirePhone, uniqueTags } from '../domain/values.ts';
import * as consents from '../repository/consents.ts';
import * as repo from '../repository.ts';
import type { CustomerInput } from './create-customer.ts';
import { presentOneCustomer } from './present.ts';

/**
 * Changes what is given; a (name, phone) pair another customer has answers
 * CUSTOMER_DUPLICATE. A change of the marketing consent is recorded with the
 * user who made it (LAW-2), in the same transaction; an anonymised customer
 * (LAW-4) cannot be edited back into a person.
 */
export async function updateCustomer(db: Kysely<DB>, actor: Actor, id: string, input: Partial<CustomerInput>) {
  const row = await db.transaction().execute(async (trx) => {
    const [before] = await repo.lockCustomers(trx, actor.businessId, [id]);
    if (!before) return notFound('CUSTOMER_NOT_FOUND');
    if (before.anonymised_at) throw new AppError('CUSTOMER_ANONYMISED');
    const updated = await repo.updateCustomer(trx, actor.businessId, id, {
      name: input.name === undefined ? undefined : normalizeName(input.name),
      phone: input.phone === undefined ? undefined : requirePhone(input.phone),
      memo: input.memo,
      grade: input.grade === undefined ? undefined : blankToNull(input.grade),
      tags: input.tags === undefined ? undefined : uniqueTags(input.tags),
      marketingConsent: input.marketingConsent,
      nightAdConsent: input.nightAdConsent,
    });
    if (input.marketingConsent !== undefined && input.marketingConsent !== before.marketing_consent) {
      await consents.insertConsentEvents(trx, actor.businessId, [{ customerId: id, kind: 'marketing', granted: input.marketingConsent, source: 'shop', actorUserId: actor.userId }]);
    }
    return updated;
  });
  return presentOneCustomer(db, actor, row ?? notFound('CUSTOMER_NOT_FOUND'));
}
