import { sql, type Kysely } from 'kysely';
import type { DB } from '../../../platform/db/types.ts';
import './constraints.ts';

type Db = Kysely<DB>;

/** MSG-11: the provider a business sends through (Solapi's API URL, key and secret) and its sender numbers. */
export async function findProviderSettings(db: Db, businessId: string) {
  return db.selectFrom('message_provider_settings').selectAll().where('business_id', '=', businessId).executeTakeFirst();
}

export type ProviderSettingsRow = NonNullable<Awaited<ReturnType<typeof findProviderSettings>>>;

export async function upsertProviderSettings(db: Db, values: { businessId: string; apiUrl: string; apiKey: string; apiSecret: string; senderPhone: string; optOutPhone: string; kakaoPfId: string | null }) {
  const row = {
    api_url: values.apiUrl,
    api_key: values.apiKey,
    api_secret: values.apiSecret,
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
