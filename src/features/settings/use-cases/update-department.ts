import type { Kysely } from 'kysely';
import type { DB } from '../../../platform/db/types.ts';
import { notFound } from '../../../platform/errors/registry.ts';
import type { Actor } from '../../auth/index.ts';
import * as repo from '../repository.ts';
import { presentDepartment } from './present.ts';

export async function updateDepartment(db: Kysely<DB>, actor: Actor, id: string, changes: { name?: string; color?: string; sortOrder?: number }) {
  const row = await repo.updateDepartment(db, actor.businessId, id, changes);
  return presentDepartment(row ?? notFound('DEPARTMENT_NOT_FOUND'));
}
