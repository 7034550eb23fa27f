import type { Kysely } from 'kysely';
import type { DB } from '../../../platform/db/types.ts';
import type { Actor } from '../../auth/index.ts';
import { canSeeFullPhone } from '../domain/present.ts';
import { customerFilterFor } from '../domain/search.ts';
import * as repo from '../repository.ts';
import { presentCustomers } from './present.ts';

/** GET /api/customers: a page of the customers the search text finds (CORE-5). */
export async function listCustomers(db: Kysely<DB>, actor: Actor, query: { q: string; limit: number; offset: number }) {
  const filter = customerFilterFor(query.q, canSeeFullPhone(actor));
  if (!filter) return { items: [], total: 0 };
  const { rows, total } = await repo.searchCustomers(db, actor.businessId, filter, { limit: query.limit, offset: query.offset });
  return { items: await presentCustomers(db, actor, rows), total };
}
