import { sql, type Kysely } from 'kysely';
import type { DB } from '../../platform/db/types.ts';

type Db = Kysely<DB>;

/**
 * Stores the notifications and sends each one's signal (`pg_notify` on
 * `channel`, payload `{businessId, userId, notificationId}`) in one statement:
 * a burst of alerts costs one round trip, and the signals still reach
 * listeners only after commit.
 */
export async function insertNotificationsAndSignal(
  db: Db,
  businessId: string,
  rows: { userId: string; kind: string; title: string; body: string; scheduleId: string | null }[],
  channel: string,
) {
  if (rows.length === 0) return [];
  return db
    .with('inserted', (w) =>
      w
        .insertInto('notifications')
        .values(rows.map((r) => ({ business_id: businessId, user_id: r.userId, kind: r.kind, title: r.title, body: r.body, schedule_id: r.scheduleId })))
        .returning(['id', 'user_id']),
    )
    .selectFrom('inserted')
    .select([
      'inserted.id',
      'inserted.user_id',
      sql<string>`pg_notify(${channel}::text, json_build_object('businessId', ${businessId}::text, 'userId', inserted.user_id, 'notificationId', inserted.id)::text)`.as('signalled'),
    ])
    .execute();
}

export async function listForUser(db: Db, businessId: string, userId: string, limit: number) {
  return db
    .selectFrom('notifications')
    .select(['id', 'kind', 'title', 'body', 'schedule_id', 'read_at', 'created_at'])
    .where('business_id', '=', businessId)
    .where('user_id', '=', userId)
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
}

export async function countUnread(db: Db, businessId: string, userId: string): Promise<number> {
  const row = await db
    .selectFrom('notifications')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('business_id', '=', businessId)
    .where('user_id', '=', userId)
    .where('read_at', 'is', null)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function findForUser(db: Db, businessId: string, userId: string, id: string) {
  return db
    .selectFrom('notifications')
    .select(['id', 'kind', 'title', 'body', 'schedule_id', 'read_at', 'created_at'])
    .where('business_id', '=', businessId)
    .where('user_id', '=', userId)
    .where('id', '=', id)
    .executeTakeFirst();
}

export async function markRead(db: Db, businessId: string, userId: string, id: string) {
  return db
    .updateTable('notifications')
    .set({ read_at: sql<Date>`coalesce(read_at, now())` })
    .where('business_id', '=', businessId)
    .where('user_id', '=', userId)
    .where('id', '=', id)
    .returning('id')
    .executeTakeFirst();
}

export async function markAllRead(db: Db, businessId: string, userId: string) {
  await db
    .updateTable('notifications')
    .set({ read_at: sql<Date>`now()` })
    .where('business_id', '=', businessId)
    .where('user_id', '=', userId)
    .where('read_at', 'is', null)
    .execute();
}
