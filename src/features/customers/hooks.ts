import type { Kysely, SelectQueryBuilder } from 'kysely';
import type { Customer, DB } from '../../platform/db/types.ts';
import type { CustomerGroup } from '../../shared/labels/loyalty.ts';

/**
 * The customer JSON shows each customer's groups (MSG-2: 단골, 예비 단골,
 * 첫 적립), a rule over the customer's accruals that the loyalty feature
 * owns (it keeps the facts it needs on the customer row) and registers at
 * app assembly (src/app/hooks.ts); customers only asks.
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

/**
 * OPS-8: the customer list filters by group, so it needs the members of a
 * group as a subquery of customer ids; loyalty owns the rule and registers
 * its query at assembly, as it does for the groups above.
 */
export type CustomerGroupMembers = (
  db: Kysely<DB>,
  businessId: string,
  group: CustomerGroup,
  now: Date,
  zone: string,
) => SelectQueryBuilder<DB, 'customers', { id: string }>;

/** Without loyalty assembled no customer is in a group, so a group filter finds nobody. */
let groupMembers: CustomerGroupMembers | null = null;

export function registerCustomerGroupMembers(source: CustomerGroupMembers): void {
  groupMembers = source;
}

export function customerGroupMembersOf(): CustomerGroupMembers | null {
  return groupMembers;
}

/**
 * A merge moves the source's visits and coupon messages to the target; the
 * loyalty feature keeps facts on the customer row computed from them (the
 * audience's groups, last visit, last message) and registers how to
 * recompute a customer's at app assembly. Run in the merge's transaction.
 */
export type CustomerHistoryMoved = (trx: Kysely<DB>, businessId: string, customerIds: readonly string[]) => Promise<unknown>;

/** Without loyalty assembled there are no facts to recompute. */
let historyMoved: CustomerHistoryMoved = async () => undefined;

/** Registers (or replaces) what runs when a customer's history moved to it. */
export function registerCustomerHistoryMoved(reaction: CustomerHistoryMoved): void {
  historyMoved = reaction;
}

export function customerHistoryMoved(): CustomerHistoryMoved {
  return historyMoved;
}
