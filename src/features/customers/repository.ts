import { sql, type ExpressionBuilder, type Kysely } from 'kysely';
import { hasChanges } from '../../platform/db/changes.ts';
import type { DB } from '../../platform/db/types.ts';
import type { CustomerFilter } from './domain/search.ts';
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

export async function searchCustomers(db: Db, businessId: string, filter: CustomerFilter, page: { limit: number; offset: number }) {
  const base = db
    .selectFrom('customers')
    .where('customers.business_id', '=', businessId)
    .where((eb) => filterExpression(eb, filter));
  const ordered =
    filter.by === 'all'
      ? base.orderBy('customers.created_at', 'desc').orderBy('customers.id', 'desc')
      : base.orderBy('customers.name').orderBy('customers.created_at').orderBy('customers.id');
  const rows = await ordered.selectAll('customers').limit(page.limit).offset(page.offset).execute();
  const { total } = await base.select((eb) => eb.fn.countAll<string>().as('total')).executeTakeFirstOrThrow();
  return { rows, total: Number(total) };
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

export async function findCustomerByNameAndPhone(db: Db, businessId: string, name: string, phone: string) {
  return db
    .selectFrom('customers')
    .selectAll()
    .where('business_id', '=', businessId)
    .where('name', '=', name)
    .where('phone', '=', phone)
    .executeTakeFirst();
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
export async function insertCustomerIfAbsent(db: Db, businessId: string, values: { name: string; phone: string }) {
  return db
    .insertInto('customers')
    .values({ business_id: businessId, name: values.name, phone: values.phone })
    .onConflict((oc) => oc.columns(['business_id', 'name', 'phone']).doNothing())
    .returningAll()
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
