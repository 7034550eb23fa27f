import type { Kysely } from 'kysely';
import type { DB } from '../../../platform/db/types.ts';
import type { Actor } from '../../auth/index.ts';
import { listMessages as listMessageRows, recipientCounts } from '../repository/messages.ts';
import { presentMessage } from './present.ts';

/** The business's messages, newest first, each with its recipients counted by status. */
export async function listMessages(db: Kysely<DB>, actor: Actor, limit: number, offset: number) {
  const { items, total } = await listMessageRows(db, actor.businessId, limit, offset);
  const counts = await recipientCounts(db, actor.businessId, items.map((i) => i.id));
  return { items: items.map((row) => presentMessage(row, counts.get(row.id))), total };
}
