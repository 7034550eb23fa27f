import type { Kysely } from 'kysely';
import type { DB } from '../../../platform/db/types.ts';
import type { Actor } from '../../auth/index.ts';
import * as repo from '../repository.ts';
import { presentMemoType } from './present.ts';

/** All memo types, hidden ones included: settings show both, the schedule form offers the visible ones. */
export async function listMemoTypes(db: Kysely<DB>, actor: Actor) {
  const rows = await repo.listMemoTypes(db, actor.businessId);
  return { items: rows.map(presentMemoType) };
}
