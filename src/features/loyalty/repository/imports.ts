import { sql, type Kysely, type Selectable } from 'kysely';
import type { Customer, CustomerImportsTable, DB } from '../../../platform/db/types.ts';
import type { ImportedCustomer } from '../domain/import-file.ts';

type Db = Kysely<DB>;

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

/**
 * Writes customers' final values in one statement through the (business_id,
 * name, phone) key: per-row index arbitration, no join to plan. Column arrays
 * unnested side by side keep the parameters few whatever the batch size.
 * Returns each written customer's id with its (name, phone).
 */
export async function upsertImportedCustomers(db: Db, businessId: string, rows: ImportedCustomer[]): Promise<{ id: string; name: string; phone: string }[]> {
  const col = <K extends keyof ImportedCustomer>(key: K) => sql.val(rows.map((m) => m[key]));
  const { rows: written } = await sql<{ id: string; name: string; phone: string }>`
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
      updated_at = now()
    returning id, name, phone`.execute(db);
  return written;
}
