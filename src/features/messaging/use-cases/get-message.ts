import type { Kysely } from 'kysely';
import type { DB } from '../../../platform/db/types.ts';
import { AppError } from '../../../platform/errors/registry.ts';
import type { Actor } from '../../auth/index.ts';
import { findMessage, recipientCounts } from '../repository/messages.ts';
import { presentMessage } from './present.ts';

/** One message with its recipients counted by status. */
export async function getMessage(db: Kysely<DB>, actor: Actor, id: string) {
  const row = await findMessage(db, actor.businessId, id);
  if (!row) throw new AppError('MESSAGE_NOT_FOUND');
  const counts = await recipientCounts(db, actor.businessId, [id]);
  return presentMessage(row, counts.get(id));
}
