import type { Kysely } from 'kysely';
import { notifyChannel } from '../../platform/db/database.ts';
import type { DB } from '../../platform/db/types.ts';
import { AppError } from '../../platform/errors/registry.ts';
import type { Actor } from '../auth/index.ts';
import { NOTIFICATION_CHANNEL, type NotificationSignal } from './bus.ts';
import * as repo from './repository.ts';

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
    unique.map((userId) => ({ businessId, userId, ...n })),
  );
  for (const row of rows) {
    const signal: NotificationSignal = { businessId, userId: row.user_id, notificationId: row.id };
    await notifyChannel(db, NOTIFICATION_CHANNEL, JSON.stringify(signal));
  }
  return rows.length;
}

export function present(row: Awaited<ReturnType<typeof repo.listForUser>>[number]) {
  return {
    id: row.id,
    kind: row.kind,
    title: row.title,
    body: row.body,
    scheduleId: row.schedule_id,
    readAt: row.read_at ? row.read_at.toISOString() : null,
    createdAt: row.created_at.toISOString(),
  };
}

export async function listNotifications(db: Kysely<DB>, actor: Actor, limit = 50) {
  const [items, unread] = await Promise.all([
    repo.listForUser(db, actor.businessId, actor.userId, limit),
    repo.countUnread(db, actor.businessId, actor.userId),
  ]);
  return { items: items.map(present), unread };
}

export async function getNotification(db: Kysely<DB>, actor: Actor, id: string) {
  const row = await repo.findForUser(db, actor.businessId, actor.userId, id);
  if (!row) throw new AppError('NOTIFICATION_NOT_FOUND');
  return present(row);
}

export async function markNotificationRead(db: Kysely<DB>, actor: Actor, id: string) {
  const row = await repo.markRead(db, actor.businessId, actor.userId, id);
  if (!row) throw new AppError('NOTIFICATION_NOT_FOUND');
  return { unread: await repo.countUnread(db, actor.businessId, actor.userId) };
}

export async function markAllNotificationsRead(db: Kysely<DB>, actor: Actor) {
  await repo.markAllRead(db, actor.businessId, actor.userId);
  return { unread: 0 };
}

export function unreadCount(db: Kysely<DB>, actor: Actor) {
  return repo.countUnread(db, actor.businessId, actor.userId);
}
