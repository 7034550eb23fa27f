import type { Kysely } from 'kysely';
import type { DB } from '../../../platform/db/types.ts';

/** The business's completed schedules, oldest first: each is one visit of its customer. */
export async function listCompletedSchedules(db: Kysely<DB>, businessId: string) {
  return db
    .selectFrom('schedules')
    .select(['id', 'customer_id', 'starts_at'])
    .where('business_id', '=', businessId)
    .where('status', '=', 'completed')
    .orderBy('starts_at')
    .execute();
}
