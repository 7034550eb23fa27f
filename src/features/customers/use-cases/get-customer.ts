import type { Kysely } from 'kysely';
import type { DB } from '../../../platform/db/types.ts';
import { notFound } from '../../../platform/errors/registry.ts';
import type { Actor } from '../../auth/index.ts';
import * as repo from '../repository.ts';
import { presentOneCustomer } from './present.ts';

export async function getCustomer(db: Kysely<DB>, actor: Actor, id: string) {
  const row = (await repo.findCustomer(db, actor.businessId, id)) ?? notFound('CUSTOMER_NOT_FOUND');
  return presentOneCustomer(db, actor, row);
}
