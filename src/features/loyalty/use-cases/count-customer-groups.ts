import type { Kysely } from 'kysely';
import type { DB } from '../../../platform/db/types.ts';
import type { CustomerGroup } from '../domain/groups.ts';
import { countGroups } from '../repository/groups.ts';

/** How many customers each group holds as of `now`, in the business's zone (MSG-2). */
export async function countCustomerGroups(db: Kysely<DB>, businessId: string, zone: string, now = new Date()): Promise<Record<CustomerGroup, number>> {
  return countGroups(db, businessId, now, zone);
}
