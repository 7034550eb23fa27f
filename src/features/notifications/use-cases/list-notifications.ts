import type { Kysely } from 'kysely';
import type { DB } from '../../../platform/db/types.ts';
import type { Actor } from '../../auth/index.ts';
import * as repo from '../repository.ts';
import { presentNotification } from './present.ts';

/** The user's newest notifications and how many of all are unread. */
export async function listNotifications(db: Kysely<DB>, actor: Actor, limit = 50) {
  const [items, unread] = await Promise.all([
    repo.listForUser(db, actor.businessId, actor.userId, limit),
    repo.countUnread(db, actor.businessId, actor.userId),
  ]);
  return { items: items.map(presentNotification), unread };
}
