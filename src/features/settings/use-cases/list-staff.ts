import type { Kysely } from 'kysely';
import type { DB } from '../../../platform/db/types.ts';
import type { Actor } from '../../auth/index.ts';
import * as repo from '../repository.ts';
import { presentStaff } from './present.ts';

export async function listStaff(db: Kysely<DB>, actor: Actor) {
  const rows = await repo.listStaff(db, actor.businessId);
  return { items: rows.map(presentStaff) };
}
