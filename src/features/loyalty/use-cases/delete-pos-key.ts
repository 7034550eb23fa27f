import type { Kysely } from 'kysely';
import type { DB } from '../../../platform/db/types.ts';
import { AppError } from '../../../platform/errors/registry.ts';
import * as posKeys from '../repository/pos-keys.ts';

/** A deleted key stops authenticating at once. */
export async function deletePosKey(db: Kysely<DB>, businessId: string, id: string): Promise<void> {
  if (!(await posKeys.revokePosKey(db, businessId, id))) throw new AppError('POS_KEY_NOT_FOUND');
}
