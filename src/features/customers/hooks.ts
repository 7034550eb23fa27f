import type { Kysely } from 'kysely';
import type { Customer, DB } from '../../platform/db/types.ts';
import type { CustomerGroup } from '../../shared/labels/loyalty.ts';

/**
 * The customer JSON shows each customer's groups (MSG-2: 단골, 예비 단골,
 * 첫 적립), which need the accruals of the last 3 months that the customer
 * row does not hold. The loyalty feature owns them and registers how to
 * read them at app assembly (src/app/hooks.ts); customers only asks.
 */
export type CustomerGroupsOf = (
  db: Kysely<DB>,
  businessId: string,
  customers: readonly Customer[],
  now: Date,
  zone: string,
) => Promise<ReadonlyMap<string, CustomerGroup[]>>;

/** Without loyalty assembled no customer is in a group. */
let groupsOf: CustomerGroupsOf = async () => new Map();

/** Registers (or replaces) where the customer JSON gets its groups from. */
export function registerCustomerGroups(source: CustomerGroupsOf): void {
  groupsOf = source;
}

export function customerGroupsOf(): CustomerGroupsOf {
  return groupsOf;
}
