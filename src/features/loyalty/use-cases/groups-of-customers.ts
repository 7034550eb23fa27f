import type { Kysely } from 'kysely';
import type { DB } from '../../../platform/db/types.ts';
import { groupsFromCounts, type CustomerGroup } from '../domain/groups.ts';
import { countRecentAccruals } from '../repository/groups.ts';

/**
 * The groups of the given customers as of `now` (the customer JSON, MSG-2),
 * in one grouped read of the recent accruals of those who have any.
 */
export async function groupsOfCustomers(
  db: Kysely<DB>,
  businessId: string,
  customers: readonly { id: string; accrual_count: number }[],
  now: Date,
  zone: string,
): Promise<Map<string, CustomerGroup[]>> {
  const withAccruals = customers.filter((c) => c.accrual_count > 0).map((c) => c.id);
  const recent = await countRecentAccruals(db, businessId, withAccruals, now, zone);
  return new Map(customers.map((c) => [c.id, groupsFromCounts(c.accrual_count, recent.get(c.id) ?? 0)]));
}
