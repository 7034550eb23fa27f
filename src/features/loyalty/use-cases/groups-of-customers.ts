import type { Kysely } from 'kysely';
import type { Customer, DB } from '../../../platform/db/types.ts';
import { groupsFromFacts, groupsOf, type CustomerGroup } from '../domain/groups.ts';
import { accrualInstantsOf } from '../repository/groups.ts';

/**
 * The groups of the given customers as of `now` (the customer JSON, MSG-2),
 * from the accrual facts on their rows; a customer with an accrual after
 * `now` (a past `now`) is answered from its visits, in one read for all such.
 */
export async function groupsOfCustomers(
  db: Kysely<DB>,
  businessId: string,
  customers: readonly Pick<Customer, 'id' | 'accrual_count' | 'last_accrual_at' | 'third_recent_accrual_at'>[],
  now: Date,
  zone: string,
): Promise<Map<string, CustomerGroup[]>> {
  const groups = new Map<string, CustomerGroup[]>();
  const unanswered: string[] = [];
  for (const c of customers) {
    const answer = groupsFromFacts({ accrualCount: c.accrual_count, lastAccrualAt: c.last_accrual_at, thirdRecentAccrualAt: c.third_recent_accrual_at }, now, zone);
    if (answer) groups.set(c.id, answer);
    else unanswered.push(c.id);
  }
  const instants = await accrualInstantsOf(db, businessId, unanswered);
  for (const id of unanswered) groups.set(id, groupsOf(instants.get(id) ?? [], now, zone));
  return groups;
}
