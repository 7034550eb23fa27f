import type { Kysely } from 'kysely';
import type { DB } from '../../../platform/db/types.ts';
import { AppError } from '../../../platform/errors/registry.ts';
import type { Actor } from '../../auth/index.ts';
import { lockMessage, updateMessage } from '../repository/messages.ts';
import { getMessage } from './get-message.ts';

/** MSG-8: a message not yet sent is cancelled; its dispatch job then finds a newer version and does nothing. */
export async function cancelMessage(db: Kysely<DB>, actor: Actor, id: string) {
  await db.transaction().execute(async (trx) => {
    const row = await lockMessage(trx, actor.businessId, id);
    if (!row) throw new AppError('MESSAGE_NOT_FOUND');
    if (row.status !== 'scheduled' && row.status !== 'waiting') throw new AppError('MESSAGE_NOT_CANCELLABLE');
    await updateMessage(trx, actor.businessId, id, { status: 'cancelled', status_reason: '예약 취소', version: row.version + 1 });
  });
  return getMessage(db, actor, id);
}
