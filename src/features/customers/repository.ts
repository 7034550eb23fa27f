import { sql, type ExpressionBuilder, type Kysely, type SelectQueryBuilder, type SqlBool } from 'kysely';
import { hasChanges } from '../../platform/db/changes.ts';
import type { DB } from '../../platform/db/types.ts';
import type { CustomerSort } from '../../shared/labels/customers.ts';
import type { CustomerFilter, CustomerOrder, CustomerSegment } from './domain/search.ts';
import './constraints.ts';

type Db = Kysely<DB>;

/** LIKE treats % _ and \ specially; a search for "50%" means those characters. */
function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, '\\$&');
}

function filterExpression(eb: ExpressionBuilder<DB, 'customers'>, filter: CustomerFilter) {
  switch (filter.by) {
    case 'all':
      return eb.and([]);
    case 'nameContains':
      return eb('customers.name', 'ilike', `%${escapeLike(filter.text)}%`);
    case 'phoneLast4':
      return eb('customers.phone_last4', '=', filter.digits);
    case 'phone':
      return eb('customers.phone', '=', filter.digits);
    case 'phoneContains':
      return eb('customers.phone', 'like', `%${escapeLike(filter.digits)}%`);
  }
}

/** OPS-8: what a list or an export selects: the search, the filters, and a group's members (loyalty's subquery) when one is asked. */
export interface CustomerSelection {
  filter: CustomerFilter;
  segment: CustomerSegment;
  groupMembers: SelectQueryBuilder<DB, 'customers', { id: string }> | null;
}

function selectionQuery(db: Db, businessId: string, selection: CustomerSelection) {
  const { segment } = selection;
  let query = db
    .selectFrom('customers')
    .where('customers.business_id', '=', businessId)
    .where((eb) => filterExpression(eb, selection.filter));
  if (segment.group) query = selection.groupMembers ? query.where('customers.id', 'in', selection.groupMembers) : query.where(sql<SqlBool>`false`);
  if (segment.grade !== undefined) query = query.where('customers.grade', '=', segment.grade);
  if (segment.tag !== undefined) query = query.where(sql<SqlBool>`customers.tags @> array[${segment.tag}]::text[]`);
  if (segment.minNoShows !== undefined) query = query.where('customers.no_show_count', '>=', segment.minNoShows);
  return query;
}

/**
 * The value a list sorts by, with its SQL type: names by code point with
 * collate "C", which puts Hangul syllables in 가나다 order on every engine; a
 * customer who never visited sorts as the oldest visit. The indexes of
 * 0021_customer_list.sql are on these expressions.
 */
function sortKey(sort: CustomerSort) {
  switch (sort) {
    case 'created':
      return { expr: sql<unknown>`customers.created_at`, type: sql.raw('timestamptz') };
    case 'name':
      return { expr: sql<unknown>`customers.name collate "C"`, type: sql.raw('text') };
    case 'lastVisit':
      return { expr: sql<unknown>`coalesce(customers.last_visit_at, '1970-01-01 00:00:00+00'::timestamptz)`, type: sql.raw('timestamptz') };
    case 'points':
      return { expr: sql<unknown>`customers.points_held`, type: sql.raw('integer') };
    case 'visits':
      return { expr: sql<unknown>`customers.visit_count`, type: sql.raw('integer') };
  }
}

/** A page of the list by offset (the screen's pages), with the total the selection holds. */
export async function searchCustomers(db: Db, businessId: string, selection: CustomerSelection, order: CustomerOrder, page: { limit: number; offset: number }) {
  const base = selectionQuery(db, businessId, selection);
  const key = sortKey(order.sort).expr;
  const rows = await base
    .selectAll('customers')
    .orderBy(key, order.direction)
    .orderBy('customers.id', order.direction)
    .limit(page.limit)
    .offset(page.offset)
    .execute();
  const { total } = await base.select((eb) => eb.fn.countAll<string>().as('total')).executeTakeFirstOrThrow();
  return { rows, total: Number(total) };
}

/** Where the last page ended: its last row's sort value (as the database writes it, microseconds and all) and id. */
export interface CustomerCursor {
  key: string;
  id: string;
}

/**
 * The next page after `after` in the list's order, by keyset (sort value,
 * id), so an export of 100,000 customers reads short pages that each start
 * where the last ended, whatever was inserted or deleted meanwhile.
 */
export async function customersAfter(db: Db, businessId: string, selection: CustomerSelection, order: CustomerOrder, after: CustomerCursor | null, limit: number) {
  const { expr: key, type } = sortKey(order.sort);
  let query = selectionQuery(db, businessId, selection);
  if (after) query = query.where(sql<SqlBool>`(${key}, customers.id) ${order.direction === 'asc' ? sql`>` : sql`<`} (cast(${after.key} as ${type}), ${after.id}::uuid)`);
  const rows = await query
    .selectAll('customers')
    .select(sql<string>`(${key})::text`.as('sort_key'))
    .orderBy(key, order.direction)
    .orderBy('customers.id', order.direction)
    .limit(limit)
    .execute();
  const last = rows.at(-1);
  return { rows, next: rows.length === limit && last ? { key: last.sort_key, id: last.id } : null };
}

/** Many customers at once, in the given order (the demo seed). */
export async function insertCustomers(
  db: Db,
  businessId: string,
  rows: { name: string; phone: string; memo: string; marketingConsent: boolean; marketingConsentAt: Date | null }[],
) {
  return db
    .insertInto('customers')
    .values(rows.map((r) => ({ business_id: businessId, name: r.name, phone: r.phone, memo: r.memo, marketing_consent: r.marketingConsent, marketing_consent_at: r.marketingConsentAt })))
    .returning('id')
    .execute();
}

/** The business's first customers by creation (the demo seed gives them loyalty). */
export async function listFirstCustomers(db: Db, businessId: string, limit: number) {
  return db.selectFrom('customers').select(['id', 'name', 'phone']).where('business_id', '=', businessId).orderBy('created_at').orderBy('id').limit(limit).execute();
}

/** Sets a customer's grade, tags and marketing consent as given, the consent's date included (the demo seed). */
export async function setCustomerSegment(
  db: Db,
  businessId: string,
  id: string,
  values: { grade: string | null; tags: string[]; marketingConsent: boolean; marketingConsentAt: Date | null },
) {
  await db
    .updateTable('customers')
    .set({ grade: values.grade, tags: values.tags, marketing_consent: values.marketingConsent, marketing_consent_at: values.marketingConsentAt })
    .where('business_id', '=', businessId)
    .where('id', '=', id)
    .execute();
}

export async function findCustomer(db: Db, businessId: string, id: string) {
  return db.selectFrom('customers').selectAll().where('business_id', '=', businessId).where('id', '=', id).executeTakeFirst();
}

export interface CustomerValues {
  name: string;
  phone: string;
  memo: string;
  grade: string | null;
  tags: string[];
  marketingConsent: boolean;
  nightAdConsent: boolean;
}

export async function insertCustomer(db: Db, businessId: string, values: CustomerValues) {
  return db
    .insertInto('customers')
    .values({
      business_id: businessId,
      name: values.name,
      phone: values.phone,
      memo: values.memo,
      grade: values.grade,
      tags: values.tags,
      marketing_consent: values.marketingConsent,
      marketing_consent_at: values.marketingConsent ? sql<Date>`now()` : null,
      night_ad_consent: values.nightAdConsent,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** Inserts the (name, phone) pair unless the business has it already; undefined when it did. */
/**
 * The customer with this (name, phone): inserted if absent, else the existing
 * row, in one statement. Nothing when the row it yielded to is not yet visible
 * (committed by a concurrent writer after this statement began): ask again.
 */
export async function insertOrFindCustomer(db: Db, businessId: string, values: { name: string; phone: string }) {
  return db
    .with('inserted', (w) =>
      w
        .insertInto('customers')
        .values({ business_id: businessId, name: values.name, phone: values.phone })
        .onConflict((oc) => oc.columns(['business_id', 'name', 'phone']).doNothing())
        .returningAll(),
    )
    .selectFrom('inserted')
    .selectAll('inserted')
    .select(sql<boolean>`true`.as('created'))
    .unionAll((eb) =>
      eb
        .selectFrom('customers as c')
        .selectAll('c')
        .select(sql<boolean>`false`.as('created'))
        .where('c.business_id', '=', businessId)
        .where('c.name', '=', values.name)
        .where('c.phone', '=', values.phone)
        .where((w) => w.not(w.exists(w.selectFrom('inserted').select('inserted.id')))),
    )
    .executeTakeFirst();
}

export async function updateCustomer(db: Db, businessId: string, id: string, changes: Partial<CustomerValues>) {
  if (!hasChanges(changes)) return findCustomer(db, businessId, id);
  return db
    .updateTable('customers')
    .set((eb) => ({
      name: changes.name,
      phone: changes.phone,
      memo: changes.memo,
      grade: changes.grade,
      tags: changes.tags,
      marketing_consent: changes.marketingConsent,
      // The consent date is when consent was given: kept while it stands, cleared on withdrawal.
      marketing_consent_at:
        changes.marketingConsent === undefined
          ? undefined
          : changes.marketingConsent
            ? eb.fn.coalesce('marketing_consent_at', sql<Date>`now()`)
            : null,
      night_ad_consent: changes.nightAdConsent,
      updated_at: sql<Date>`now()`,
    }))
    .where('business_id', '=', businessId)
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirst();
}

/** The customer's schedules, newest first, with the names the list shows. */
export async function listSchedulesOfCustomer(db: Db, businessId: string, customerId: string) {
  return db
    .selectFrom('schedules')
    .innerJoin('staff', (j) => j.onRef('staff.id', '=', 'schedules.staff_id').onRef('staff.business_id', '=', 'schedules.business_id'))
    .leftJoin('departments', (j) =>
      j.onRef('departments.id', '=', 'schedules.department_id').onRef('departments.business_id', '=', 'schedules.business_id'),
    )
    .select([
      'schedules.id',
      'schedules.starts_at',
      'schedules.ends_at',
      'schedules.status',
      'schedules.rejected',
      'schedules.source',
      'schedules.title',
      'schedules.staff_id',
      'staff.name as staff_name',
      'schedules.department_id',
      'departments.name as department_name',
    ])
    .where('schedules.business_id', '=', businessId)
    .where('schedules.customer_id', '=', customerId)
    .orderBy('schedules.starts_at', 'desc')
    .orderBy('schedules.id', 'desc')
    .execute();
}

/** Customers with this phone under another name: after a rename, a channel booking creates a second customer (NAVER-5). */
export async function listSamePhoneOtherName(db: Db, businessId: string, customer: { name: string; phone: string }) {
  return db
    .selectFrom('customers')
    .selectAll()
    .where('business_id', '=', businessId)
    .where('phone', '=', customer.phone)
    .where('name', '<>', customer.name)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
}

/** Both customers of a merge, locked in id order so two merges of the same pair cannot deadlock. */
export async function lockCustomers(db: Db, businessId: string, ids: string[]) {
  return db.selectFrom('customers').selectAll().where('business_id', '=', businessId).where('id', 'in', ids).orderBy('id').forUpdate().execute();
}

export async function moveSchedules(db: Db, businessId: string, fromCustomerId: string, toCustomerId: string) {
  return db
    .updateTable('schedules')
    .set({ customer_id: toCustomerId, version: sql<number>`version + 1`, updated_at: sql<Date>`now()` })
    .where('business_id', '=', businessId)
    .where('customer_id', '=', fromCustomerId)
    .returning('id')
    .execute();
}

/**
 * A merge: the source's booking-page bookings and its notices follow its
 * schedules (a booking keeps the name and phone it was made with). Without
 * this the source, which a booking points at, could not be deleted.
 */
export async function moveBookingsAndNotices(db: Db, businessId: string, fromCustomerId: string, toCustomerId: string) {
  await db.updateTable('bookings').set({ customer_id: toCustomerId }).where('business_id', '=', businessId).where('customer_id', '=', fromCustomerId).execute();
  await db.updateTable('customer_notices').set({ customer_id: toCustomerId }).where('business_id', '=', businessId).where('customer_id', '=', fromCustomerId).execute();
}

export async function insertMergeHistory(
  db: Db,
  values: { businessId: string; scheduleIds: string[]; userId: string; changes: object },
) {
  if (values.scheduleIds.length === 0) return;
  await db
    .insertInto('schedule_history')
    .values(values.scheduleIds.map((scheduleId) => ({ business_id: values.businessId, schedule_id: scheduleId, user_id: values.userId, actor_label: null, action: 'updated', changes: JSON.stringify(values.changes) })))
    .execute();
}

/**
 * MSG-1 on a merge: the source's visits and coupons move to the target and
 * its points and counts add up (the history stays the truth of the sums).
 * A message both received keeps the target's recipient row; the source's
 * loses its customer when the source is deleted.
 */
export async function mergeLoyalty(db: Db, businessId: string, fromCustomerId: string, toCustomerId: string) {
  await db
    .updateTable('customer_visits')
    .set({ customer_id: toCustomerId })
    .where('business_id', '=', businessId)
    .where('customer_id', '=', fromCustomerId)
    .execute();
  await db
    .updateTable('message_recipients')
    .set({ customer_id: toCustomerId })
    .where('business_id', '=', businessId)
    .where('customer_id', '=', fromCustomerId)
    .where((eb) =>
      eb(
        'message_id',
        'not in',
        eb.selectFrom('message_recipients as mine').select('mine.message_id').where('mine.business_id', '=', businessId).where('mine.customer_id', '=', toCustomerId),
      ),
    )
    .execute();
  await sql`
    update customers t set
      points_held = t.points_held + s.points_held,
      points_accumulated = t.points_accumulated + s.points_accumulated,
      visit_count = t.visit_count + s.visit_count,
      accrual_count = t.accrual_count + s.accrual_count,
      first_accrual_at = least(t.first_accrual_at, s.first_accrual_at),
      last_visit_at = greatest(t.last_visit_at, s.last_visit_at),
      marketing_opted_out_at = coalesce(t.marketing_opted_out_at, s.marketing_opted_out_at),
      updated_at = now()
    from customers s
    where t.business_id = ${businessId} and t.id = ${toCustomerId}
      and s.business_id = ${businessId} and s.id = ${fromCustomerId}`.execute(db);
}

export async function deleteCustomer(db: Db, businessId: string, id: string) {
  await db.deleteFrom('customers').where('business_id', '=', businessId).where('id', '=', id).execute();
}
