import type { Kysely } from 'kysely';
import type { DB } from '../../../platform/db/types.ts';
import type { CustomerSort, SortDirection } from '../../../shared/labels/customers.ts';
import type { Actor } from '../../auth/index.ts';
import { canSeeFullPhone } from '../domain/present.ts';
import { customerFilterFor, customerOrderFor, customerSegmentOf, type CustomerOrder, type CustomerSegment } from '../domain/search.ts';
import { customerGroupMembersOf } from '../hooks.ts';
import * as repo from '../repository.ts';
import { presentCustomers } from './present.ts';

/** What the list and its export are asked (OPS-8): the search text, the filters and the order. */
export interface CustomerListQuery extends CustomerSegment {
  q: string;
  sort?: CustomerSort | undefined;
  order?: SortDirection | undefined;
}

/**
 * The selection and order a query means, or null when it can find nobody
 * (part of a number without the full-phone permission). Shared by the list
 * and the export, so the file holds exactly the customers the screen lists.
 */
export function customerSelectionFor(db: Kysely<DB>, actor: Actor, query: CustomerListQuery, now: Date): { selection: repo.CustomerSelection; order: CustomerOrder } | null {
  const filter = customerFilterFor(query.q, canSeeFullPhone(actor));
  if (!filter) return null;
  const segment = customerSegmentOf(query);
  const members = customerGroupMembersOf();
  const groupMembers = segment.group && members ? members(db, actor.businessId, segment.group, now, actor.timeZone) : null;
  return { selection: { filter, segment, groupMembers }, order: customerOrderFor(filter, query.sort, query.order) };
}

/** GET /api/customers: a page of the customers the search and the filters find, in the order asked (CORE-5, OPS-8). */
export async function listCustomers(db: Kysely<DB>, actor: Actor, query: CustomerListQuery & { limit: number; offset: number }, now = new Date()) {
  const resolved = customerSelectionFor(db, actor, query, now);
  if (!resolved) return { items: [], total: 0 };
  const { rows, total } = await repo.searchCustomers(db, actor.businessId, resolved.selection, resolved.order, { limit: query.limit, offset: query.offset });
  return { items: await presentCustomers(db, actor, rows), total };
}
