import type { Kysely } from 'kysely';
import type { DB } from '../../../platform/db/types.ts';
import * as posKeys from '../repository/pos-keys.ts';
import { cleanName, presentPosKey } from './present.ts';
import { newPosKey } from './pos-key.ts';

/** A new POS key; the reply is the one time the key itself is shown. */
export async function createPosKey(db: Kysely<DB>, businessId: string, name: string) {
  const { key, keyHash, keyPrefix } = newPosKey();
  const row = await posKeys.insertPosKey(db, { businessId, name: cleanName(name), keyHash, keyPrefix });
  return { ...presentPosKey(row), key };
}
