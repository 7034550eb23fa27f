import type { Kysely } from 'kysely';
import type { DB } from '../../../platform/db/types.ts';
import { AppError } from '../../../platform/errors/registry.ts';
import * as customers from '../repository/customers.ts';
import { refreshCustomerFacts } from '../repository/facts.ts';
import * as visits from '../repository/visits.ts';
import type { CustomerVisit } from '../repository/visits.ts';

/** The schedule a visit comes from: a completed schedule, or the calendar entry of a used booking. */
export interface VisitedSchedule {
  id: string;
  customerId: string;
  startsAt: Date;
}

/**
 * A completed schedule is one visit (source `schedule`, no points), recorded
 * in the caller's transaction at the schedule's start, never later than now,
 * with the customer's counts and audience facts.
 * Once per schedule: a second call returns the first visit.
 */
export async function recordScheduleVisit(trx: Kysely<DB>, businessId: string, schedule: VisitedSchedule, now: Date): Promise<CustomerVisit> {
  const { id: scheduleId, customerId } = schedule;
  const at = new Date(Math.min(schedule.startsAt.getTime(), now.getTime()));
  const customer = await customers.lockCustomer(trx, businessId, customerId);
  if (!customer) throw new AppError('CUSTOMER_NOT_FOUND');
  const existing = await visits.findVisitBySchedule(trx, businessId, scheduleId);
  if (existing) return existing;
  const visit = await visits.insertScheduleVisit(trx, { businessId, customerId, visitedAt: at, scheduleId });
  await refreshCustomerFacts(trx, businessId, [customerId]);
  await customers.applyVisitToCustomer(trx, businessId, customerId, { pointsEarned: 0, pointsUsed: 0 });
  return visit;
}

