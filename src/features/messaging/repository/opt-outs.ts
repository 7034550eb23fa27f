import type { ExpressionBuilder, Kysely } from 'kysely';
import type { DB } from '../../../platform/db/types.ts';
import './constraints.ts';

type Db = Kysely<DB>;

/**
 * The recipient an opt-out link was made for.
 * @installation the public link carries only its token (unique over every business), which names the business.
 */
export async function findRecipientByOptOutToken(db: Db, token: string) {
  return db.selectFrom('message_recipients').select(['business_id', 'customer_id', 'phone']).where('opt_out_token', '=', token).executeTakeFirst();
}

/**
 * MSG-10: the phone refuses advertising from now on, on the opt-out list and
 * on every customer with that phone. Returns the customers whose consent
 * this withdrew (they had it until now), for the consent history (LAW-2).
 */
export async function optOut(db: Db, businessId: string, phone: string, customerId: string | null, now: Date): Promise<string[]> {
  await db
    .insertInto('marketing_opt_outs')
    .values({ business_id: businessId, phone, via: 'link', opted_out_at: now })
    .onConflict((oc) => oc.columns(['business_id', 'phone']).doNothing())
    .execute();
  // Every customer with this phone: consent belongs to the number that asked.
  const ofPhone = (eb: ExpressionBuilder<DB, 'customers'>) => (customerId ? eb.or([eb('phone', '=', phone), eb('id', '=', customerId)]) : eb('phone', '=', phone));
  const consenting = await db
    .selectFrom('customers')
    .select('id')
    .where('business_id', '=', businessId)
    .where(ofPhone)
    .where('marketing_consent', '=', true)
    .orderBy('id')
    .forUpdate()
    .execute();
  await db
    .updateTable('customers')
    .set({ marketing_consent: false, marketing_opted_out_at: now, updated_at: now })
    .where('business_id', '=', businessId)
    .where(ofPhone)
    .execute();
  return consenting.map((c) => c.id);
}
