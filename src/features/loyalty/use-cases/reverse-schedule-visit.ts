import type { Kysely } from 'kysely';
import type { DB } from '../../../platform/db/types.ts';
import * as customers from '../repository/customers.ts';
import { refreshCustomerFacts } from '../repository/facts.ts';
import * as visits from '../repository/visits.ts';

/**
 * Undoes a schedule's visit (its 완료 reversed), in the caller's transaction
 * under the customer's row lock: the visit goes, the customer's counts and
 * audience facts follow. Nothing when the schedule has no visit; returns
 * whether one was removed.
 */
export async function reverseScheduleVisit(trx: Kysely<DB>, businessId: string, scheduleId: string): Promise<boolean> {
  const visit = await visits.findVisitBySchedule(trx, businessId, scheduleId);
  if (!visit) return false;
  await customers.lockCustomer(trx, businessId, visit.customer_id);
  const removed = await visits.deleteVisit(trx, businessId, visit.id);
  if (!removed) return false;
  await customers.unapplyVisitFromCustomer(trx, businessId, removed.customer_id, { pointsEarned: removed.points_earned, pointsUsed: removed.points_used });
  await refreshCustomerFacts(trx, businessId, [removed.customer_id]);
  return true;
}
