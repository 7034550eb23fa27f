import { sql, type Kysely } from 'kysely';
import type { DB } from '../../../platform/db/types.ts';
import './constraints.ts';

type Db = Kysely<DB>;

export async function findDraft(db: Db, businessId: string) {
  return db.selectFrom('message_drafts').selectAll().where('business_id', '=', businessId).executeTakeFirst();
}

/** MSG-4: one draft per business; saving replaces it. */
export async function saveDraft(db: Db, businessId: string, content: string, userId: string) {
  return db
    .insertInto('message_drafts')
    .values({ business_id: businessId, content, saved_by: userId, saved_at: sql<Date>`now()` })
    .onConflict((oc) => oc.column('business_id').doUpdateSet({ content, saved_by: userId, saved_at: sql<Date>`now()` }))
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function deleteDraft(db: Db, businessId: string) {
  await db.deleteFrom('message_drafts').where('business_id', '=', businessId).execute();
}
