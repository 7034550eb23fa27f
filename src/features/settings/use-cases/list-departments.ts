import type { Kysely } from 'kysely';
import type { DB } from '../../../platform/db/types.ts';
import type { Actor } from '../../auth/index.ts';
import * as repo from '../repository.ts';
import { presentDepartment } from './present.ts';

export async function listDepartments(db: Kysely<DB>, actor: Actor) {
  const rows = await repo.listDepartments(db, actor.businessId);
  return { items: rows.map(presentDepartment) };
}
