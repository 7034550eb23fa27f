import type { Kysely } from 'kysely';
import type { DB } from '../../../platform/db/types.ts';
import { NOTIFICATION_CHANNEL } from '../bus.ts';
import * as repo from '../repository.ts';

export interface NewNotification {
  kind: string;
  title: string;
  body: string;
  scheduleId: string | null;
}

/**
 * Stores one notification per user and signals the open browsers. Call it
 * inside the transaction of the change it reports: the rows and the signal
 * then appear together, or not at all.
 */
export async function notifyUsers(db: Kysely<DB>, businessId: string, userIds: readonly string[], n: NewNotification) {
  const unique = [...new Set(userIds)];
  const rows = await repo.insertNotificationsAndSignal(
    db,
    businessId,
    unique.map((userId) => ({ userId, ...n })),
    NOTIFICATION_CHANNEL,
  );
  return rows.length;
}
