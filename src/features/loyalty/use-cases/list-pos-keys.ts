import type { Kysely } from 'kysely';
import type { DB } from '../../../platform/db/types.ts';
import * as posKeys from '../repository/pos-keys.ts';
import { presentPosKey } from './present.ts';

export async function listPosKeys(db: Kysely<DB>, businessId: string) {
  return { items: (await posKeys.listPosKeys(db, businessId)).map(presentPosKey) };
}
