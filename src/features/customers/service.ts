import type { Kysely } from 'kysely';
import type { Customer, DB } from '../../platform/db/types.ts';
import { AppError, uniqueViolation } from '../../platform/errors/registry.ts';
import { classifyPhoneQuery, normalizePhone } from '../../shared/phone.ts';
import { requirePermission, type Actor } from '../auth/index.ts';
import { groupsOfCustomers } from '../loyalty/index.ts';
import { canSeeFullPhone, presentCustomer, type CustomerJson } from './present.ts';
import * as repo from './repository.ts';

export interface CustomerInput {
  name: string;
  phone: string;
  memo?: string;
  grade?: string | null;
  tags?: string[];
  marketingConsent?: boolean;
  nightAdConsent?: boolean;
}

/**
 * Names are compared as stored, so one person typed on a Mac (decomposed
 * Hangul) and on Windows (composed) must end up with the same code points.
 */
function normalizeName(name: string): string {
  return name.normalize('NFC').trim();
}

function requirePhone(input: string): string {
  const digits = normalizePhone(input);
  if (!digits) throw new AppError('PHONE_INVALID');
  return digits;
}

function uniqueTags(tags: string[]): string[] {
  return [...new Set(tags.map((t) => t.normalize('NFC').trim()).filter((t) => t !== ''))];
}

function blankToNull(text: string | null): string | null {
  const trimmed = text?.trim() ?? '';
  return trimmed === '' ? null : trimmed;
}

/** Customers as the API shows them: phone by the actor's permission, groups (MSG-2) as of now in the business's zone. */
async function presentAll(db: Kysely<DB>, actor: Actor, rows: readonly Customer[]): Promise<CustomerJson[]> {
  const groups = await groupsOfCustomers(db, actor.businessId, rows, new Date(), actor.timeZone);
  const canSeeFull = canSeeFullPhone(actor);
  return rows.map((row) => presentCustomer(row, canSeeFull, groups.get(row.id) ?? []));
}

async function presentOne(db: Kysely<DB>, actor: Actor, row: Customer): Promise<CustomerJson> {
  return (await presentAll(db, actor, [row]))[0]!;
}

function duplicateAsAppError(error: unknown): never {
  if (uniqueViolation(error) === 'customers_name_phone_key') throw new AppError('CUSTOMER_DUPLICATE');
  throw error;
}

/**
 * Which customers a search text finds (CORE-5): 4 digits are the last 4 of the
 * phone, a whole number is that number, other digits are part of a number, and
 * anything else is part of the name. Without the full-phone permission part of
 * a number finds nothing: matching hidden middle digits would reveal them.
 */
export function customerFilterFor(q: string, canSeeFull: boolean): repo.CustomerFilter | null {
  const text = q.normalize('NFC').trim();
  if (text === '') return { by: 'all' };
  const phone = classifyPhoneQuery(text);
  if (!phone) return { by: 'nameContains', text };
  if (phone.kind === 'last4') return { by: 'phoneLast4', digits: phone.digits };
  if (phone.kind === 'full') return { by: 'phone', digits: phone.digits };
  return canSeeFull ? { by: 'phoneContains', digits: phone.digits } : null;
}

export async function listCustomers(db: Kysely<DB>, actor: Actor, query: { q: string; limit: number; offset: number }) {
  requirePermission(actor, 'customers.view');
  const canSeeFull = canSeeFullPhone(actor);
  const filter = customerFilterFor(query.q, canSeeFull);
  if (!filter) return { items: [], total: 0 };
  const { rows, total } = await repo.searchCustomers(db, actor.businessId, filter, { limit: query.limit, offset: query.offset });
  return { items: await presentAll(db, actor, rows), total };
}

async function loadCustomer(db: Kysely<DB>, actor: Actor, id: string): Promise<Customer> {
  const row = await repo.findCustomer(db, actor.businessId, id);
  if (!row) throw new AppError('CUSTOMER_NOT_FOUND');
  return row;
}

export async function getCustomer(db: Kysely<DB>, actor: Actor, id: string) {
  requirePermission(actor, 'customers.view');
  return presentOne(db, actor, await loadCustomer(db, actor, id));
}

export async function createCustomer(db: Kysely<DB>, actor: Actor, input: CustomerInput) {
  requirePermission(actor, 'customers.edit');
  const values: repo.CustomerValues = {
    name: normalizeName(input.name),
    phone: requirePhone(input.phone),
    memo: input.memo ?? '',
    grade: blankToNull(input.grade ?? null),
    tags: uniqueTags(input.tags ?? []),
    marketingConsent: input.marketingConsent ?? false,
    nightAdConsent: input.nightAdConsent ?? false,
  };
  const row = await repo.insertCustomer(db, actor.businessId, values).catch(duplicateAsAppError);
  return presentOne(db, actor, row);
}

export async function updateCustomer(db: Kysely<DB>, actor: Actor, id: string, input: Partial<CustomerInput>) {
  requirePermission(actor, 'customers.edit');
  const changes: Partial<repo.CustomerValues> = {
    name: input.name === undefined ? undefined : normalizeName(input.name),
    phone: input.phone === undefined ? undefined : requirePhone(input.phone),
    memo: input.memo,
    grade: input.grade === undefined ? undefined : blankToNull(input.grade),
    tags: input.tags === undefined ? undefined : uniqueTags(input.tags),
    marketingConsent: input.marketingConsent,
    nightAdConsent: input.nightAdConsent,
  };
  const row = await repo.updateCustomer(db, actor.businessId, id, changes).catch(duplicateAsAppError);
  if (!row) throw new AppError('CUSTOMER_NOT_FOUND');
  return presentOne(db, actor, row);
}

export async function listCustomerSchedules(db: Kysely<DB>, actor: Actor, id: string) {
  requirePermission(actor, 'customers.view');
  await loadCustomer(db, actor, id);
  const rows = await repo.listSchedulesOfCustomer(db, actor.businessId, id);
  return {
    items: rows.map((r) => ({
      id: r.id,
      startsAt: r.starts_at.toISOString(),
      endsAt: r.ends_at.toISOString(),
      status: r.status,
      source: r.source,
      title: r.title,
      staffId: r.staff_id,
      staffName: r.staff_name,
      departmentId: r.department_id,
      departmentName: r.department_name,
    })),
  };
}

/** Customers with the same phone under another name, the candidates for merging (NAVER-5). */
export async function listSamePhoneOtherName(db: Kysely<DB>, actor: Actor, id: string) {
  requirePermission(actor, 'customers.view');
  const customer = await loadCustomer(db, actor, id);
  const rows = await repo.listSamePhoneOtherName(db, actor.businessId, customer);
  return { items: await presentAll(db, actor, rows) };
}

/**
 * The customer a channel booking is for (NAVER-5, BOOK-9): the one with this
 * (name, phone) pair, created when there is none. Pass the caller's
 * transaction to make it part of the booking. Concurrent calls with the same
 * pair end with one customer: the insert yields to the unique key instead of
 * failing, and the row it yielded to is then read.
 */
export async function findOrCreateCustomerByNameAndPhone(
  db: Kysely<DB>,
  businessId: string,
  input: { name: string; phone: string },
): Promise<{ customer: Customer; created: boolean }> {
  const name = normalizeName(input.name);
  if (name === '') throw new AppError('VALIDATION_FAILED', { message: '고객 이름을 입력해 주세요.' });
  const phone = requirePhone(input.phone);
  // A row that blocked the insert can be deleted before it is read; then the insert is retried.
  for (let attempt = 0; attempt < 3; attempt++) {
    const inserted = await repo.insertCustomerIfAbsent(db, businessId, { name, phone });
    if (inserted) return { customer: inserted, created: true };
    const existing = await repo.findCustomerByNameAndPhone(db, businessId, name, phone);
    if (existing) return { customer: existing, created: false };
  }
  throw new Error(`customer (${name}, ${phone}) of business ${businessId} could neither be inserted nor found`);
}

/**
 * Merges `sourceId` into `targetId` (NAVER-5: a renamed customer comes back
 * from Naver as a new one with the same phone). Only customers with the same
 * phone merge. The source's schedules move to the target with a history row
 * each, tags join, memos join, marketing consent stays the target's; then the
 * source is deleted. All in one transaction.
 */
export async function mergeCustomers(db: Kysely<DB>, actor: Actor, targetId: string, sourceId: string) {
  requirePermission(actor, 'customers.edit');
  if (targetId === sourceId) throw new AppError('CUSTOMER_MERGE_SAME');
  const moved = await db.transaction().execute(async (trx) => {
    const rows = await repo.lockCustomers(trx, actor.businessId, [targetId, sourceId]);
    const target = rows.find((r) => r.id === targetId);
    const source = rows.find((r) => r.id === sourceId);
    if (!target || !source) throw new AppError('CUSTOMER_NOT_FOUND');
    if (target.phone !== source.phone) throw new AppError('CUSTOMER_MERGE_PHONE_MISMATCH');
    const schedules = await repo.moveSchedules(trx, actor.businessId, source.id, target.id);
    await repo.insertMergeHistory(trx, {
      businessId: actor.businessId,
      scheduleIds: schedules.map((s) => s.id),
      userId: actor.userId,
      changes: { customer: { from: source.name, to: target.name, fromId: source.id, toId: target.id } },
    });
    await repo.mergeLoyalty(trx, actor.businessId, source.id, target.id);
    const memo = [target.memo, source.memo].filter((m) => m.trim() !== '').join('\n');
    await repo.updateCustomer(trx, actor.businessId, target.id, { tags: uniqueTags([...target.tags, ...source.tags]), memo });
    await repo.deleteCustomer(trx, actor.businessId, source.id);
    return schedules.length;
  });
  return { customer: await getCustomer(db, actor, targetId), movedSchedules: moved };
}
