import type { Kysely } from 'kysely';
import type { DB } from '../../../platform/db/types.ts';
import { AppError } from '../../../platform/errors/registry.ts';
import { recordConsentEvents } from '../../customers/index.ts';
import { findRecipientByOptOutToken, optOut } from '../repository/opt-outs.ts';

/** MSG-10: the link in a message removes consent at once; each withdrawal joins the customer's consent history (LAW-2). */
export async function optOutByToken(db: Kysely<DB>, token: string, now = new Date()) {
  const recipient = await findRecipientByOptOutToken(db, token);
  if (!recipient) throw new AppError('OPT_OUT_NOT_FOUND');
  // An anonymised recipient (LAW-4) has no number left, and its customer no consent to withdraw.
  if (recipient.phone === '') return { optedOut: true as const };
  await db.transaction().execute(async (trx) => {
    const withdrawn = await optOut(trx, recipient.business_id, recipient.phone, recipient.customer_id, now);
    await recordConsentEvents(
      trx,
      recipient.business_id,
      withdrawn.map((customerId) => ({ customerId, kind: 'marketing' as const, granted: false, source: 'opt_out_link' as const, detail: '메시지의 수신거부 링크', at: now })),
    );
  });
  return { optedOut: true as const };
}
