import type { Kysely } from 'kysely';
import type { DB } from '../../../platform/db/types.ts';
import { AppError, notFound } from '../../../platform/errors/registry.ts';
import type { Actor } from '../../auth/index.ts';
import { hidesMemoType } from '../domain/memo-types.ts';
import * as repo from '../repository.ts';
import { presentMemoType } from './present.ts';

export interface MemoTypeChanges {
  name?: string;
  sortOrder?: number;
  visible?: boolean;
  /** Hiding the memo type the Naver sync writes to needs the admin's confirmation of the warning (NAVER-3). */
  confirm?: boolean;
}

/**
 * Renames, reorders, hides (노출해제) or shows a memo type. The current row is
 * read under lock before the change, so any rule about the change (such as
 * what hiding a type in use implies) is decided against the row as it stands.
 */
export async function updateMemoType(db: Kysely<DB>, actor: Actor, id: string, changes: MemoTypeChanges) {
  const row = await db.transaction().execute(async (trx) => {
    const current = (await repo.findMemoType(trx, actor.businessId, id, 'update')) ?? notFound('MEMO_TYPE_NOT_FOUND');
    const { confirm, ...fields } = changes;
    if (hidesMemoType(current, fields) && !confirm && (await repo.memoTypeUsage(trx, actor.businessId, id)).linkedToNaver) {
      throw new AppError('MEMO_TYPE_HIDE_NEEDS_CONFIRM');
    }
    return repo.updateMemoType(trx, actor.businessId, id, fields);
  });
  return presentMemoType(row ?? notFound('MEMO_TYPE_NOT_FOUND'));
}
