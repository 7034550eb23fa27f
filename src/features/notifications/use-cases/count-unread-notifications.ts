import type { Kysely } from 'kysely';
import type { DB } from '../../../platform/db/types.ts';
import type { Actor } from '../../auth/index.ts';
import * as repo from '../repository.ts';

export function countUnreadNotifications(db: Kysely<DB>, actor: Actor) {
  return repo.countUnread(db, actor.businessId, actor.userId);
}
