import type { Kysely } from 'kysely';
import type { DB } from '../../../platform/db/types.ts';
import { AppError } from '../../../platform/errors/registry.ts';
import type { Actor } from '../../auth/index.ts';
import * as repo from '../repository.ts';
import { presentNotification } from './present.ts';

export async function getNotification(db: Kysely<DB>, actor: Actor, id: string) {
  const row = await repo.findForUser(db, actor.businessId, actor.userId, id);
  if (!row) throw new AppError('NOTIFICATION_NOT_FOUND');
  return presentNotification(row);
}
