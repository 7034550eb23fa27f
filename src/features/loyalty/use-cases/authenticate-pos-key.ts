import type { Kysely } from 'kysely';
import type { DB } from '../../../platform/db/types.ts';
import { AppError } from '../../../platform/errors/registry.ts';
import type { PosCaller } from '../domain/pos-caller.ts';
import * as posKeys from '../repository/pos-keys.ts';
import { hashPosKey } from './pos-key.ts';

/** The caller a bearer key stands for; POS_KEY_INVALID for an unknown or deleted key. */
export async function authenticatePosKey(db: Kysely<DB>, key: string): Promise<PosCaller> {
  const row = await posKeys.findPosKeyByHash(db, hashPosKey(key.trim()));
  if (!row) throw new AppError('POS_KEY_INVALID');
  if (!row.last_used_at || Date.now() - row.last_used_at.getTime() > 60_000) await posKeys.touchPosKey(db, row.business_id, row.id);
  return { businessId: row.business_id, timeZone: row.time_zone, canSeeFullPhone: true, via: 'key' };
}
