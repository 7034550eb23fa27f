import type { Kysely } from 'kysely';
import type { DB } from '../../../platform/db/types.ts';
import { notFound } from '../../../platform/errors/registry.ts';
import type { Actor } from '../../auth/index.ts';
import * as repo from '../repository.ts';
import { presentBusiness } from './present.ts';

export async function getBusiness(db: Kysely<DB>, actor: Actor) {
  const row = (await repo.findBusiness(db, actor.businessId)) ?? notFound('BUSINESS_NOT_FOUND');
  return presentBusiness(row);
}
