import { sql, type Kysely } from 'kysely';
import type { DB } from '../../../platform/db/types.ts';

type Db = Kysely<DB>;

/** PAY-1: the business's Toss keys; the secret key as stored (encrypted). */
export async function findPaymentSettings(db: Db, businessId: string) {
  return db.selectFrom('payment_settings').selectAll().where('business_id', '=', businessId).executeTakeFirst();
}

export async function upsertPaymentSettings(db: Db, businessId: string, values: { apiUrl: string; clientKey: string; secretKeyEnc: string; secretKeyLast4: string }) {
  await db
    .insertInto('payment_settings')
    .values({ business_id: businessId, api_url: values.apiUrl, client_key: values.clientKey, secret_key_enc: values.secretKeyEnc, secret_key_last4: values.secretKeyLast4 })
    .onConflict((oc) =>
      oc.column('business_id').doUpdateSet({ api_url: values.apiUrl, client_key: values.clientKey, secret_key_enc: values.secretKeyEnc, secret_key_last4: values.secretKeyLast4, updated_at: sql<Date>`now()` }),
    )
    .execute();
}

/** Keys kept, URL or client key changed (the secret is write-only: not sent means unchanged). */
export async function updatePaymentSettingsPublic(db: Db, businessId: string, values: { apiUrl: string; clientKey: string }) {
  await db.updateTable('payment_settings').set({ api_url: values.apiUrl, client_key: values.clientKey, updated_at: sql<Date>`now()` }).where('business_id', '=', businessId).execute();
}

export async function deletePaymentSettings(db: Db, businessId: string) {
  await db.deleteFrom('payment_settings').where('business_id', '=', businessId).execute();
}

/** The business's time zone and name (the statement's days, the order name). */
export async function findBusinessBasics(db: Db, businessId: string) {
  return db.selectFrom('businesses').select(['id', 'name', 'time_zone']).where('id', '=', businessId).executeTakeFirst();
}
