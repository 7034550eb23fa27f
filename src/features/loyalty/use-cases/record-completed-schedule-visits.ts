import type { Kysely } from 'kysely';
import type { DB } from '../../../platform/db/types.ts';
import { listCompletedSchedules } from '../repository/schedules.ts';
import { recordScheduleVisit } from './record-schedule-visit.ts';

/**
 * Records the visit of every completed schedule of the business that has
 * none yet (schedules completed before loyalty saw them, as the demo's
 * are), each at its start and never later than `now`, in one transaction.
 */
export async function recordCompletedScheduleVisits(db: Kysely<DB>, businessId: string, now: Date): Promise<void> {
  const completed = await listCompletedSchedules(db, businessId);
  await db.transaction().execute(async (trx) => {
    for (const s of completed) await recordScheduleVisit(trx, businessId, { id: s.id, customerId: s.customer_id, startsAt: s.starts_at }, now);
  });
}
