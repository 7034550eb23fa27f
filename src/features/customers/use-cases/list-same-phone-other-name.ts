import type { Kysely } from 'kysely';
import type { DB } from '../../../platform/db/types.ts';
import { notFound } from '../../../platform/errors/registry.ts';
import type { Actor } from '../../auth/index.ts';
import * as repo from '../repository.ts';
import { presentCustomers } from './present.ts';

/** Customers with the same phone under another name, the candidates for merging (NAVER-5). */
export async function listSamePhoneOtherName(db: Kysely<DB>, actor: Actor, id: string) {
  const customer = (await repo.findCustomer(db, actor.businessId, id)) ?? notFound('CUSTOMER_NOT_FOUND');
  const rows = await repo.listSamePhoneOtherName(db, actor.businessId, customer);
  return { items: await presentCustomers(db, actor, rows) };
}
