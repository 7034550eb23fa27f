import type { Kysely } from 'kysely';
import type { DB } from '../../../platform/db/types.ts';
import type { Actor } from '../../auth/index.ts';
import * as repo from '../repository.ts';

export async function markAllNotificationsRead(db: Kysely<DB>, actor: Actor) {
  await repo.markAllRead(db, actor.businessId, actor.userId);
  return { unread: 0 };
}
