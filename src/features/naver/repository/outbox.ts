import { sql, type Kysely } from 'kysely';
import type { DB } from '../../../platform/db/types.ts';
import type { NaverCommandName, NaverCommandPayload } from '../domain/commands.ts';

/** NAVER-9: the commands to Naver, written with the change that makes them and sent by the outbound jobs. */

type Db = Kysely<DB>;

export async function insertCommand(db: Db, values: { businessId: string; scheduleId: string; command: NaverCommandName; payload: NaverCommandPayload }) {
  return db
    .insertInto('channel_outbox')
    .values({ business_id: values.businessId, channel: 'naver', schedule_id: values.scheduleId, command: values.command, payload: JSON.stringify(values.payload) })
    .returning(['id', 'created_at'])
    .executeTakeFirstOrThrow();
}

/**
 * The business of a command.
 * @installation A job queued before jobs carried the business id knows only its outbox row's id.
 */
export async function findCommandBusiness(db: Db, id: string): Promise<string | null> {
  const row = await db.selectFrom('channel_outbox').select('business_id').where('id', '=', id).executeTakeFirst();
  return row?.business_id ?? null;
}

/** The command with what sending it needs: the booking id and the business's connection. */
export async function findCommandForSend(db: Db, businessId: string, id: string) {
  return db
    .selectFrom('channel_outbox as o')
    .innerJoin('naver_bookings as b', (j) => j.onRef('b.business_id', '=', 'o.business_id').onRef('b.schedule_id', '=', 'o.schedule_id'))
    .leftJoin('naver_connections as c', 'c.business_id', 'o.business_id')
    .select(['o.id', 'o.business_id', 'o.schedule_id', 'o.command', 'o.payload', 'o.status', 'o.created_at', 'b.booking_id', 'c.enabled', 'c.secret', 'c.outbound_url'])
    .where('o.business_id', '=', businessId)
    .where('o.id', '=', id)
    .executeTakeFirst();
}

/** Commands of the same schedule made before this one and not yet sent: they must go first. */
export async function countEarlierUnsent(db: Db, businessId: string, command: { schedule_id: string; id: string; created_at: Date }) {
  const row = await db
    .selectFrom('channel_outbox')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('business_id', '=', businessId)
    .where('schedule_id', '=', command.schedule_id)
    .where('status', '<>', 'sent')
    .where('id', '<>', command.id)
    .where((eb) => eb.or([eb('created_at', '<', command.created_at), eb.and([eb('created_at', '=', command.created_at), eb('id', '<', command.id)])]))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function markSent(db: Db, businessId: string, id: string) {
  await db
    .updateTable('channel_outbox')
    .set({ status: 'sent', sent_at: sql<Date>`now()`, last_error: null, attempts: sql<number>`attempts + 1` })
    .where('business_id', '=', businessId)
    .where('id', '=', id)
    .execute();
}

export async function markAttemptFailed(db: Db, businessId: string, id: string, error: string, final: boolean) {
  await db
    .updateTable('channel_outbox')
    .set({ status: final ? 'failed' : 'pending', last_error: error, attempts: sql<number>`attempts + 1` })
    .where('business_id', '=', businessId)
    .where('id', '=', id)
    .where('status', '<>', 'sent')
    .execute();
}

export async function listForSchedule(db: Db, businessId: string, scheduleId: string) {
  return db
    .selectFrom('channel_outbox')
    .select(['id', 'command', 'status', 'attempts', 'last_error', 'created_at', 'sent_at'])
    .where('business_id', '=', businessId)
    .where('schedule_id', '=', scheduleId)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
}

/** Puts a failed command back in line; returns null when it is not this business's failed command. */
export async function resetFailed(db: Db, businessId: string, scheduleId: string, id: string) {
  return db
    .updateTable('channel_outbox')
    .set({ status: 'pending' })
    .where('business_id', '=', businessId)
    .where('schedule_id', '=', scheduleId)
    .where('id', '=', id)
    .where('status', '=', 'failed')
    .returning('id')
    .executeTakeFirst();
}

export async function commandExists(db: Db, businessId: string, scheduleId: string, id: string): Promise<boolean> {
  const row = await db.selectFrom('channel_outbox').select('id').where('business_id', '=', businessId).where('schedule_id', '=', scheduleId).where('id', '=', id).executeTakeFirst();
  return row !== undefined;
}
