import type { Kysely } from 'kysely';
import type { DB } from '../../../platform/db/types.ts';
import { notFound } from '../../../platform/errors/registry.ts';
import type { Actor } from '../../auth/index.ts';
import { blankToNull, normalizeName, requirePhone, uniqueTags } from '../domain/values.ts';
import * as repo from '../repository.ts';
import type { CustomerInput } from './create-customer.ts';
import { presentOneCustomer } from './present.ts';

/** Changes what is given; a (name, phone) pair another customer has answers CUSTOMER_DUPLICATE. */
export async function updateCustomer(db: Kysely<DB>, actor: Actor, id: string, input: Partial<CustomerInput>) {
  const row = await repo.updateCustomer(db, actor.businessId, id, {
    name: input.name === undefined ? undefined : normalizeName(input.name),
    phone: input.phone === undefined ? undefined : requirePhone(input.phone),
    memo: input.memo,
    grade: input.grade === undefined ? undefined : blankToNull(input.grade),
    tags: input.tags === undefined ? undefined : uniqueTags(input.tags),
    marketingConsent: input.marketingConsent,
    nightAdConsent: input.nightAdConsent,
  });
  return presentOneCustomer(db, actor, row ?? notFound('CUSTOMER_NOT_FOUND'));
}
