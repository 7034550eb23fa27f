import type { Kysely } from 'kysely';
import type { ConsentKind, ConsentSource, DB } from '../../../platform/db/types.ts';

type Db = Kysely<DB>;

/** One grant or withdrawal of a customer's consent (LAW-1, LAW-2). */
export interface NewConsentEvent {
  customerId: string;
  kind: ConsentKind;
  granted: boolean;
  source: ConsentSource;
  actorUserId?: string | null;
  detail?: string | null;
  /** When it was given; the transaction's time when not said. */
  at?: Date;
}

/** Appends consent events; the table is never updated (except a merge moving a customer's rows). */
export async function insertConsentEvents(db: Db, businessId: string, events: readonly NewConsentEvent[]) {
  if (events.length === 0) return;
  await db
    .insertInto('consent_events')
    .values(
      events.map((e) => ({
        business_id: businessId,
        customer_id: e.customerId,
        kind: e.kind,
        granted: e.granted,
        source: e.source,
        actor_user_id: e.actorUserId ?? null,
        detail: e.detail ?? null,
        ...(e.at ? { created_at: e.at } : {}),
      })),
    )
    .execute();
}

/** A customer's consent history, newest first, with the name of the user who made each change. */
export async function listConsentEvents(db: Db, businessId: string, customerId: string) {
  return db
    .selectFrom('consent_events as e')
    .leftJoin('users as u', (j) => j.onRef('u.id', '=', 'e.actor_user_id').onRef('u.business_id', '=', 'e.business_id'))
    .select(['e.id', 'e.kind', 'e.granted', 'e.source', 'e.detail', 'e.created_at', 'e.actor_user_id', 'u.name as actor_name'])
    .where('e.business_id', '=', businessId)
    .where('e.customer_id', '=', customerId)
    // One transaction writes privacy and marketing at the same instant: privacy reads first.
    .orderBy('e.created_at', 'desc')
    .orderBy('e.kind', 'desc')
    .orderBy('e.id')
    .execute();
}

/** A merge: the merged customer's history becomes the kept customer's. */
export async function moveConsentEvents(db: Db, businessId: string, fromCustomerId: string, toCustomerId: string) {
  await db.updateTable('consent_events').set({ customer_id: toCustomerId }).where('business_id', '=', businessId).where('customer_id', '=', fromCustomerId).execute();
}
