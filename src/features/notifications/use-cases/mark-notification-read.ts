import type { Kysely } from 'kysely';
import type { DB } from '../../../platform/db/types.ts';
import { AppError } from '../../../platform/errors/registry.ts';
import type { Actor } from '../../auth/index.ts';
import * as repo from '../repository.ts';

/** Marks one of the user's notifications read (again: no change) and answers the unread count left. */
export async function markNotificationRead(db: Kysely<DB>, actor: Actor, id: string) {
  const row = await repo.markRead(db, actor.businessId, actor.userId, id);
  if (!row) throw new AppError('NOTIFICATION_NOT_FOUND');
  return { unread: await repo.countUnread(db, actor.businessId, actor.userId) };
}
