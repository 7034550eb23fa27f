import { sql, type Kysely } from 'kysely';
import type { DB } from '../../../platform/db/types.ts';
import './constraints.ts';

type Db = Kysely<DB>;

/** MSG-11: the provider a business sends through (Solapi's API URL, key and secret) and its sender numbers. */
export async function findProviderSettings(db: Db, businessId: string) {
  return db.selectFrom('message_provider_settings').selectAll().where('business_id', '=', businessId).executeTakeFirst();
}

export type ProviderSettingsRow = NonNullable<Awaited<ReturnType<typeof findProviderSettings>>>;

/** `apiSecretStored` is the secret as stored: encrypted (platform/secrets/encryption.ts). */
export async function writeProviderSettings(db: Db, values: { businessId: string; apiUrl: string; apiKey: string; apiSecretStored: string; apiSecretLast4: string; senderPhone: string; optOutPhone: string; kakaoPfId: string | null }) {
  const row = {
    api_url: values.apiUrl,
    api_key: values.apiKey,
    api_secret: values.apiSecretStored,
    api_secret_last4: values.apiSecretLast4,
    checked_at: null,
    check_error: null,
    balance: null,
    sender_phone: values.senderPhone,
    opt_out_phone: values.optOutPhone,
    kakao_pf_id: values.kakaoPfId,
    updated_at: sql<Date>`now()`,
  };
  await db
    .insertInto('message_provider_settings')
    .values({ business_id: values.businessId, ...row })
    .onConflict((oc) => oc.column('business_id').doUpdateSet(row))
    .execute();
}

/** Changes without a new secret (it is write-only: not sent means unchanged). */
export async function updateProviderSettingsKeepingSecret(db: Db, values: { businessId: string; apiUrl: string; apiKey: string; senderPhone: string; optOutPhone: string; kakaoPfId: string | null }) {
  await db
    .updateTable('message_provider_settings')
    .set({ api_url: values.apiUrl, api_key: values.apiKey, sender_phone: values.senderPhone, opt_out_phone: values.optOutPhone, kakao_pf_id: values.kakaoPfId, checked_at: null, check_error: null, balance: null, updated_at: sql<Date>`now()` })
    .where('business_id', '=', values.businessId)
    .execute();
}

/** The outcome of a 연결 확인: when, the balance seen, or why it failed. */
export async function recordProviderCheck(db: Db, businessId: string, check: { at: Date; error: string | null; balance: number | null }) {
  await db.updateTable('message_provider_settings').set({ checked_at: check.at, check_error: check.error, balance: check.balance }).where('business_id', '=', businessId).execute();
}

export async function deleteProviderSettings(db: Db, businessId: string) {
  await db.deleteFrom('message_provider_settings').where('business_id', '=', businessId).execute();
}

/** The shop's unit prices (원 per message type) for the cost estimate; null: Solapi's list prices. */
export async function writeUnitPrices(db: Db, businessId: string, prices: Record<string, number> | null) {
  await db.updateTable('message_provider_settings').set({ unit_prices: prices ? JSON.stringify(prices) : null }).where('business_id', '=', businessId).execute();
}
