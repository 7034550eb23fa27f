import type { Kysely } from 'kysely';
import type { DB } from '../../../platform/db/types.ts';
import { AppError } from '../../../platform/errors/registry.ts';
import { findRecipientByOptOutToken, optOut } from '../repository/opt-outs.ts';

/** MSG-10: the link in a message removes consent at once. */
export async function optOutByToken(db: Kysely<DB>, token: string, now = new Date()) {
  const recipient = await findRecipientByOptOutToken(db, token);
  if (!recipient) throw new AppError('OPT_OUT_NOT_FOUND');
  await db.transaction().execute((trx) => optOut(trx, recipient.business_id, recipient.phone, recipient.customer_id, now));
  return { optedOut: true as const };
}
