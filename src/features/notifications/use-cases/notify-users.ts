import type { Kysely } from 'kysely';
import type { DB } from '../../../platform/db/types.ts';
import { notifyChannel } from '../../../platform/db/database.ts';
import { NOTIFICATION_CHANNEL, type NotificationSignal } from '../bus.ts';
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
  const rows = await repo.insertNotifications(
    db,
    businessId,
    unique.map((userId) => ({ userId, ...n })),
  );
  for (const row of rows) {
    const signal: NotificationSignal = { businessId, userId: row.user_id, notificationId: row.id };
    await notifyChannel(db, NOTIFICATION_CHANNEL, JSON.stringify(signal));
  }
  return rows.length;
}
