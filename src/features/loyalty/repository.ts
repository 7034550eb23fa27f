import { sql, type Kysely, type Selectable } from 'kysely';
import { hasChanges } from '../../platform/db/changes.ts';
import type { Customer, CustomerImportsTable, CustomerVisitsTable, DB, VisitSource } from '../../platform/db/types.ts';

type Db = Kysely<DB>;

export type CustomerVisit = Selectable<CustomerVisitsTable>;

// ------------------------------------------------------------ customers

/** Locks the customer row for the visit: every change of points and counts of one customer runs one after another. */
export async function lockCustomer(db: Db, businessId: string, id: string) {
  return db.selectFrom('customers').selectAll().where('business_id', '=', businessId).where('id', '=', id).forUpdate().executeTakeFirst();
}

/** The customers with this phone; the POS sends a phone, and the one it means is the most recent visitor. */
export async function findCustomersByPhone(db: Db, businessId: string, phone: string) {
  return db
    .selectFrom('customers')
    .selectAll()
    .where('business_id', '=', businessId)
    .where('phone', '=', phone)
    .orderBy(sql`last_visit_at desc nulls last`)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
}

/** Applies one visit to the customer's counters (the row is locked by the caller). */
export async function applyVisitToCustomer(
  db: Db,
  businessId: string,
  customerId: string,
  visit: { visitedAt: Date; pointsEarned: number; pointsUsed: number },
) {
  const accrual = visit.pointsEarned > 0;
  return db
    .updateTable('customers')
    .set((eb) => ({
      points_held: sql<number>`points_held + ${visit.pointsEarned} - ${visit.pointsUsed}`,
      points_accumulated: sql<number>`points_accumulated + ${visit.pointsEarned}`,
      visit_count: sql<number>`visit_count + 1`,
      accrual_count: accrual ? sql<number>`accrual_count + 1` : undefined,
      first_accrual_at: accrual ? sql<Date>`least(first_accrual_at, ${visit.visitedAt}::timestamptz)` : undefined,
      last_visit_at: sql<Date>`greatest(last_visit_at, ${visit.visitedAt}::timestamptz)`,
      updated_at: eb.val(sql<Date>`now()`),
    }))
    .where('business_id', '=', businessId)
    .where('id', '=', customerId)
    .returningAll()
    .executeTakeFirstOrThrow();
}

// ------------------------------------------------------------ visits

export async function findVisitByPosId(db: Db, businessId: string, posVisitId: string) {
  return db.selectFrom('customer_visits').selectAll().where('business_id', '=', businessId).where('pos_visit_id', '=', posVisitId).executeTakeFirst();
}

export async function findVisitBySchedule(db: Db, businessId: string, scheduleId: string) {
  return db.selectFrom('customer_visits').selectAll().where('business_id', '=', businessId).where('schedule_id', '=', scheduleId).executeTakeFirst();
}

export async function insertVisit(
  db: Db,
  values: {
    businessId: string;
    customerId: string;
    visitedAt: Date;
    source: VisitSource;
    posVisitId?: string | null;
    scheduleId?: string | null;
    amount?: number;
    pointsEarned?: number;
    pointsUsed?: number;
  },
) {
  return db
    .insertInto('customer_visits')
    .values({
      business_id: values.businessId,
      customer_id: values.customerId,
      visited_at: values.visitedAt,
      source: values.source,
      pos_visit_id: values.posVisitId ?? null,
      schedule_id: values.scheduleId ?? null,
      amount: values.amount ?? 0,
      points_earned: values.pointsEarned ?? 0,
      points_used: values.pointsUsed ?? 0,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function listVisitsOfCustomer(db: Db, businessId: string, customerId: string, page: { limit: number; offset: number }) {
  const base = db.selectFrom('customer_visits').where('business_id', '=', businessId).where('customer_id', '=', customerId);
  const rows = await base.selectAll().orderBy('visited_at', 'desc').orderBy('id', 'desc').limit(page.limit).offset(page.offset).execute();
  const { total } = await base.select((eb) => eb.fn.countAll<string>().as('total')).executeTakeFirstOrThrow();
  return { rows, total: Number(total) };
}

// ------------------------------------------------------------ coupons (rows of message_recipients)

const couponColumns = [
  'message_recipients.id',
  'message_recipients.message_id',
  'message_recipients.customer_id',
  'message_recipients.name',
  'message_recipients.coupon_code',
  'message_recipients.coupon_expires_at',
  'message_recipients.coupon_redeemed_at',
  'messages.title',
  'messages.coupon',
] as const;

export type CouponRow = Awaited<ReturnType<typeof findCoupon>> & object;

export async function findCoupon(db: Db, businessId: string, code: string) {
  return db
    .selectFrom('message_recipients')
    .innerJoin('messages', (j) => j.onRef('messages.id', '=', 'message_recipients.message_id').onRef('messages.business_id', '=', 'message_recipients.business_id'))
    .select(couponColumns)
    .where('message_recipients.business_id', '=', businessId)
    .where('message_recipients.coupon_code', '=', code)
    .executeTakeFirst();
}

/**
 * Marks the coupon used if it is unused and unexpired, in one statement: of
 * concurrent redemptions the row lock lets exactly one see
 * `coupon_redeemed_at is null`. Undefined when nothing was redeemed (the
 * caller then reads the coupon to say why).
 */
export async function redeemCoupon(db: Db, businessId: string, code: string, at: Date) {
  const updated = await db
    .updateTable('message_recipients')
    .set({ coupon_redeemed_at: at })
    .where('business_id', '=', businessId)
    .where('coupon_code', '=', code)
    .where('coupon_redeemed_at', 'is', null)
    .where('coupon_expires_at', '>', at)
    .returning('id')
    .executeTakeFirst();
  if (!updated) return undefined;
  return findCoupon(db, businessId, code);
}

// ------------------------------------------------------------ grades and tags

export async function listGrades(db: Db, businessId: string, onlyId?: string) {
  let q = db
    .selectFrom('customer_grades')
    .selectAll('customer_grades')
    .select((eb) =>
      eb
        .selectFrom('customers')
        .select(eb.fn.countAll<string>().as('n'))
        .whereRef('customers.business_id', '=', 'customer_grades.business_id')
        .whereRef('customers.grade', '=', 'customer_grades.name')
        .as('customer_count'),
    )
    .where('customer_grades.business_id', '=', businessId);
  if (onlyId) q = q.where('customer_grades.id', '=', onlyId);
  return q.orderBy('customer_grades.sort_order').orderBy('customer_grades.name').execute();
}

export async function findGrade(db: Db, businessId: string, id: string, lock = false) {
  const q = db.selectFrom('customer_grades').selectAll().where('business_id', '=', businessId).where('id', '=', id);
  return (lock ? q.forUpdate() : q).executeTakeFirst();
}

export async function insertGrade(db: Db, values: { businessId: string; name: string; sortOrder?: number }) {
  return db
    .insertInto('customer_grades')
    .values({ business_id: values.businessId, name: values.name, sort_order: values.sortOrder ?? sql<number>`(select coalesce(max(sort_order), -1) + 1 from customer_grades where business_id = ${values.businessId})` })
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** Adds grades the business does not have yet (the CSV import names them). */
export async function ensureGrades(db: Db, businessId: string, names: string[]) {
  if (names.length === 0) return;
  await db
    .insertInto('customer_grades')
    .values(names.map((name, i) => ({ business_id: businessId, name, sort_order: 1000 + i })))
    .onConflict((oc) => oc.constraint('customer_grades_name_key').doNothing())
    .execute();
}

export async function ensureTags(db: Db, businessId: string, names: string[]) {
  if (names.length === 0) return;
  await db
    .insertInto('customer_tags')
    .values(names.map((name) => ({ business_id: businessId, name })))
    .onConflict((oc) => oc.constraint('customer_tags_name_key').doNothing())
    .execute();
}

export async function updateGrade(db: Db, businessId: string, id: string, changes: { name?: string | undefined; sortOrder?: number | undefined }) {
  if (!hasChanges(changes)) return findGrade(db, businessId, id);
  return db
    .updateTable('customer_grades')
    .set({ name: changes.name, sort_order: changes.sortOrder })
    .where('business_id', '=', businessId)
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirst();
}

export async function renameGradeOnCustomers(db: Db, businessId: string, from: string, to: string) {
  await db
    .updateTable('customers')
    .set({ grade: to, updated_at: sql<Date>`now()` })
    .where('business_id', '=', businessId)
    .where('grade', '=', from)
    .execute();
}

export async function gradeInUse(db: Db, businessId: string, name: string): Promise<boolean> {
  const row = await db.selectFrom('customers').select('id').where('business_id', '=', businessId).where('grade', '=', name).limit(1).executeTakeFirst();
  return row !== undefined;
}

export async function deleteGrade(db: Db, businessId: string, id: string) {
  await db.deleteFrom('customer_grades').where('business_id', '=', businessId).where('id', '=', id).execute();
}

export async function listTags(db: Db, businessId: string, onlyId?: string) {
  let q = db
    .selectFrom('customer_tags')
    .selectAll('customer_tags')
    .select((eb) =>
      eb
        .selectFrom('customers')
        .select(eb.fn.countAll<string>().as('n'))
        .whereRef('customers.business_id', '=', 'customer_tags.business_id')
        .where(sql<boolean>`customers.tags @> array[customer_tags.name]`)
        .as('customer_count'),
    )
    .where('customer_tags.business_id', '=', businessId);
  if (onlyId) q = q.where('customer_tags.id', '=', onlyId);
  return q.orderBy('customer_tags.name').execute();
}

export async function findTag(db: Db, businessId: string, id: string, lock = false) {
  const q = db.selectFrom('customer_tags').selectAll().where('business_id', '=', businessId).where('id', '=', id);
  return (lock ? q.forUpdate() : q).executeTakeFirst();
}

export async function insertTag(db: Db, values: { businessId: string; name: string }) {
  return db.insertInto('customer_tags').values({ business_id: values.businessId, name: values.name }).returningAll().executeTakeFirstOrThrow();
}

export async function renameTag(db: Db, businessId: string, id: string, name: string) {
  return db.updateTable('customer_tags').set({ name }).where('business_id', '=', businessId).where('id', '=', id).returningAll().executeTakeFirst();
}

/**
 * Renames a tag in every customer's tags; a customer who already carries the
 * new name keeps it once (array_remove, then append only when missing).
 */
export async function renameTagOnCustomers(db: Db, businessId: string, from: string, to: string) {
  await db
    .updateTable('customers')
    .set({
      tags: sql<string[]>`case when tags @> array[${to}]::text[] then array_remove(tags, ${from}) else array_replace(tags, ${from}, ${to}) end`,
      updated_at: sql<Date>`now()`,
    })
    .where('business_id', '=', businessId)
    .where(sql<boolean>`tags @> array[${from}]::text[]`)
    .execute();
}

export async function removeTagFromCustomers(db: Db, businessId: string, name: string) {
  await db
    .updateTable('customers')
    .set({ tags: sql<string[]>`array_remove(tags, ${name})`, updated_at: sql<Date>`now()` })
    .where('business_id', '=', businessId)
    .where(sql<boolean>`tags @> array[${name}]::text[]`)
    .execute();
}

export async function deleteTag(db: Db, businessId: string, id: string) {
  await db.deleteFrom('customer_tags').where('business_id', '=', businessId).where('id', '=', id).execute();
}

// ------------------------------------------------------------ POS keys

export async function listPosKeys(db: Db, businessId: string) {
  return db.selectFrom('pos_api_keys').selectAll().where('business_id', '=', businessId).where('revoked_at', 'is', null).orderBy('created_at').orderBy('id').execute();
}

export async function insertPosKey(db: Db, values: { businessId: string; name: string; keyHash: string; keyPrefix: string }) {
  return db
    .insertInto('pos_api_keys')
    .values({ business_id: values.businessId, name: values.name, key_hash: values.keyHash, key_prefix: values.keyPrefix })
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** A revoked key stays as a row (its name explains old visits) but never authenticates again. */
export async function revokePosKey(db: Db, businessId: string, id: string) {
  return db
    .updateTable('pos_api_keys')
    .set({ revoked_at: sql<Date>`now()` })
    .where('business_id', '=', businessId)
    .where('id', '=', id)
    .where('revoked_at', 'is', null)
    .returning('id')
    .executeTakeFirst();
}

/** The business a live key belongs to, with its time zone. */
export async function findPosKeyByHash(db: Db, keyHash: string) {
  return db
    .selectFrom('pos_api_keys')
    .innerJoin('businesses', 'businesses.id', 'pos_api_keys.business_id')
    .select(['pos_api_keys.id', 'pos_api_keys.business_id', 'pos_api_keys.last_used_at', 'businesses.time_zone'])
    .where('pos_api_keys.key_hash', '=', keyHash)
    .where('pos_api_keys.revoked_at', 'is', null)
    .executeTakeFirst();
}

/** At most one write a minute per key, so a busy POS does not queue on its own key row. */
export async function touchPosKey(db: Db, id: string) {
  await db
    .updateTable('pos_api_keys')
    .set({ last_used_at: sql<Date>`now()` })
    .where('id', '=', id)
    .where((eb) => eb.or([eb('last_used_at', 'is', null), eb('last_used_at', '<', sql<Date>`now() - interval '1 minute'`)]))
    .execute();
}

export async function findBusinessZone(db: Db, businessId: string): Promise<string | undefined> {
  const row = await db.selectFrom('businesses').select('time_zone').where('id', '=', businessId).executeTakeFirst();
  return row?.time_zone;
}

// ------------------------------------------------------------ CSV import (MSG-1)

/** An import as the poll shows it: everything but the uploaded file. */
export type CustomerImport = Omit<Selectable<CustomerImportsTable>, 'file'>;

const importColumns = [
  'id', 'business_id', 'status', 'encoding', 'total', 'processed', 'inserted', 'updated', 'rejected', 'duplicates', 'error',
  'lease_token', 'lease_until', 'created_at', 'started_at', 'finished_at',
] as const;

const leaseEnd = (seconds: number) => sql<Date>`now() + ${seconds}::int * interval '1 second'`;

export async function insertCustomerImport(db: Db, values: { businessId: string; encoding: CustomerImport['encoding']; total: number; file: Uint8Array }) {
  const row = await db
    .insertInto('customer_imports')
    .values({ business_id: values.businessId, encoding: values.encoding, total: values.total, file: values.file })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** Finished imports are kept for a while so a reopened page can still show the report. */
export async function deleteFinishedCustomerImports(db: Db, businessId: string, finishedBefore: Date) {
  await db.deleteFrom('customer_imports').where('business_id', '=', businessId).where('finished_at', '<', finishedBefore).execute();
}

export async function findCustomerImport(db: Db, businessId: string, id: string): Promise<CustomerImport | undefined> {
  return db.selectFrom('customer_imports').select(importColumns).where('business_id', '=', businessId).where('id', '=', id).executeTakeFirst();
}

/** Takes a queued import for one run (an atomic conditional update), with its file. */
export async function claimCustomerImport(db: Db, businessId: string, id: string, token: string, leaseSeconds: number) {
  return db
    .updateTable('customer_imports')
    .set({ status: 'running', lease_token: token, lease_until: leaseEnd(leaseSeconds), started_at: sql<Date>`now()` })
    .where('business_id', '=', businessId)
    .where('id', '=', id)
    .where('status', '=', 'queued')
    .returning(['file', 'encoding'])
    .executeTakeFirst();
}

/** The holder's heartbeat, carrying how far it got; false once the import is no longer its own. */
export async function renewCustomerImportLease(db: Db, businessId: string, id: string, token: string, leaseSeconds: number, processed?: number) {
  const row = await db
    .updateTable('customer_imports')
    .set({ lease_until: leaseEnd(leaseSeconds), ...(processed === undefined ? {} : { processed }) })
    .where('business_id', '=', businessId)
    .where('id', '=', id)
    .where('status', '=', 'running')
    .where('lease_token', '=', token)
    .returning('id')
    .executeTakeFirst();
  return row !== undefined;
}

/** The validation's report, shown while the rows are written. */
export async function saveCustomerImportReport(
  db: Db,
  businessId: string,
  id: string,
  token: string,
  report: { total: number; processed: number; rejected: unknown[]; duplicates: unknown[] },
) {
  await db
    .updateTable('customer_imports')
    .set({ total: report.total, processed: report.processed, rejected: JSON.stringify(report.rejected), duplicates: JSON.stringify(report.duplicates) })
    .where('business_id', '=', businessId)
    .where('id', '=', id)
    .where('status', '=', 'running')
    .where('lease_token', '=', token)
    .execute();
}

/** Marks the import done; run in the transaction that writes its customers. False when the run no longer holds it. */
export async function finishCustomerImport(db: Db, businessId: string, id: string, token: string, counts: { processed: number; inserted: number; updated: number }) {
  const row = await db
    .updateTable('customer_imports')
    .set({ processed: counts.processed, inserted: counts.inserted, updated: counts.updated, status: 'done', file: null, lease_token: null, lease_until: null, finished_at: sql<Date>`now()` })
    .where('business_id', '=', businessId)
    .where('id', '=', id)
    .where('status', '=', 'running')
    .where('lease_token', '=', token)
    .returning('id')
    .executeTakeFirst();
  return row !== undefined;
}

export async function failCustomerImport(db: Db, businessId: string, id: string, token: string, failure: { error: string; processed: number }) {
  await db
    .updateTable('customer_imports')
    .set({ error: failure.error, processed: failure.processed, inserted: 0, updated: 0, status: 'failed', file: null, lease_token: null, lease_until: null, finished_at: sql<Date>`now()` })
    .where('business_id', '=', businessId)
    .where('id', '=', id)
    .where('status', '=', 'running')
    .where('lease_token', '=', token)
    .execute();
}

/** Fails a running import whose lease ran out (its run died); false when it is not one. */
export async function failAbandonedCustomerImport(db: Db, businessId: string, id: string, error: string) {
  const row = await db
    .updateTable('customer_imports')
    .set({
      error,
      processed: sql<number>`jsonb_array_length(rejected) + jsonb_array_length(duplicates)`,
      inserted: 0,
      updated: 0,
      status: 'failed',
      file: null,
      lease_token: null,
      lease_until: null,
      finished_at: sql<Date>`now()`,
    })
    .where('business_id', '=', businessId)
    .where('id', '=', id)
    .where('status', '=', 'running')
    .where('lease_until', '<', sql<Date>`now()`)
    .returning('id')
    .executeTakeFirst();
  return row !== undefined;
}

/**
 * The customers of these (name, phone) pairs, locked. One index probe per
 * pair: a lateral subquery with a limit is never turned into a join, so the
 * planner cannot pick a scan of all the business's customers on stale
 * statistics (measured: that made each batch read every customer written
 * before it).
 */
export async function lockCustomersByNameAndPhone(db: Db, businessId: string, keys: { name: string; phone: string }[]): Promise<Customer[]> {
  const { rows } = await sql<Customer>`
    select c.* from unnest(${sql.val(keys.map((k) => k.name))}::text[], ${sql.val(keys.map((k) => k.phone))}::text[]) as k(name, phone)
    cross join lateral (
      select * from customers c where c.business_id = ${businessId} and c.name = k.name and c.phone = k.phone limit 1 for update
    ) c`.execute(db);
  return rows;
}

export interface ImportedCustomer {
  name: string;
  phone: string;
  memo: string;
  grade: string | null;
  tags: string[];
  consent: boolean;
  consentAt: Date | null;
  pointsHeld: number;
  pointsAccumulated: number;
  visitCount: number;
}

/**
 * Writes customers' final values in one statement through the (business_id,
 * name, phone) key: per-row index arbitration, no join to plan. Column arrays
 * unnested side by side keep the parameters few whatever the batch size.
 */
export async function upsertImportedCustomers(db: Db, businessId: string, rows: ImportedCustomer[]) {
  const col = <K extends keyof ImportedCustomer>(key: K) => sql.val(rows.map((m) => m[key]));
  await sql`
    insert into customers (business_id, name, phone, memo, grade, tags, marketing_consent, marketing_consent_at, points_held, points_accumulated, visit_count)
    select ${businessId}, v.name, v.phone, v.memo, v.grade, array(select jsonb_array_elements_text(v.tags::jsonb)), v.consent, v.consent_at, v.points_held, v.points_accumulated, v.visit_count
    from unnest(
      ${col('name')}::text[], ${col('phone')}::text[], ${col('memo')}::text[], ${col('grade')}::text[],
      ${sql.val(rows.map((m) => JSON.stringify(m.tags)))}::text[], -- each row's tags as JSON text: unnest would flatten a 2-D array
      ${col('consent')}::boolean[], ${col('consentAt')}::timestamptz[],
      ${col('pointsHeld')}::integer[], ${col('pointsAccumulated')}::integer[], ${col('visitCount')}::integer[]
    ) as v(name, phone, memo, grade, tags, consent, consent_at, points_held, points_accumulated, visit_count)
    on conflict (business_id, name, phone) do update set
      memo = excluded.memo, grade = excluded.grade, tags = excluded.tags,
      marketing_consent = excluded.marketing_consent, marketing_consent_at = excluded.marketing_consent_at,
      points_held = excluded.points_held, points_accumulated = excluded.points_accumulated, visit_count = excluded.visit_count,
      updated_at = now()`.execute(db);
}
