import type { Kysely } from 'kysely';
import type { Customer, DB } from '../../../platform/db/types.ts';
import { presentCustomer, type CustomerJson } from '../../customers/index.ts';
import type { PosCaller } from '../domain/pos-caller.ts';
import type * as grades from '../repository/grades.ts';
import type * as posKeys from '../repository/pos-keys.ts';
import type * as tags from '../repository/tags.ts';
import type { CustomerVisit } from '../repository/visits.ts';
import { groupsOfCustomers } from './groups-of-customers.ts';

// How loyalty's rows look in replies, shared by the use cases.

export function cleanName(name: string): string {
  return name.normalize('NFC').trim();
}

export function presentVisit(row: CustomerVisit) {
  return {
    id: row.id,
    customerId: row.customer_id,
    visitedAt: row.visited_at.toISOString(),
    source: row.source,
    posVisitId: row.pos_visit_id,
    scheduleId: row.schedule_id,
    amount: row.amount,
    pointsEarned: row.points_earned,
    pointsUsed: row.points_used,
    createdAt: row.created_at.toISOString(),
  };
}

type GradeRow = Awaited<ReturnType<typeof grades.listGrades>>[number];
type TagRow = Awaited<ReturnType<typeof tags.listTags>>[number];
type PosKeyRow = Awaited<ReturnType<typeof posKeys.listPosKeys>>[number];

export function presentGrade(row: Omit<GradeRow, 'customer_count'> & { customer_count?: string | number | null }) {
  return { id: row.id, name: row.name, sortOrder: row.sort_order, customerCount: Number(row.customer_count ?? 0) };
}

export function presentTag(row: Omit<TagRow, 'customer_count'> & { customer_count?: string | number | null }) {
  return { id: row.id, name: row.name, customerCount: Number(row.customer_count ?? 0) };
}

export function presentPosKey(row: PosKeyRow) {
  return {
    id: row.id,
    name: row.name,
    keyPrefix: row.key_prefix,
    createdAt: row.created_at.toISOString(),
    lastUsedAt: row.last_used_at ? row.last_used_at.toISOString() : null,
  };
}

/** The customer JSON of the customers feature as the POS caller sees it, with its groups as of `now`. */
export async function presentCustomerFor(db: Kysely<DB>, caller: PosCaller, row: Customer, now: Date): Promise<CustomerJson> {
  const groups = await groupsOfCustomers(db, caller.businessId, [row], now, caller.timeZone);
  return presentCustomer(row, caller.canSeeFullPhone, groups.get(row.id) ?? []);
}
