import type { Kysely } from 'kysely';
import type { DB, MemoType } from '../../platform/db/types.ts';
import { AppError, notFound, type ErrorCode } from '../../platform/errors/registry.ts';
import type { Actor } from '../auth/index.ts';
import { mapUniqueViolations } from './constraints.ts';
import * as repo from './repository.ts';

const uniqueCodes = { memo_types_name_key: 'MEMO_TYPE_NAME_TAKEN' } as const;

export function presentMemoType(row: MemoType) {
  return { id: row.id, name: row.name, sortOrder: row.sort_order, visible: row.visible };
}

/** All memo types, hidden ones included: settings show both, the schedule form offers the visible ones. */
export async function listMemoTypes(db: Kysely<DB>, actor: Actor) {
  const rows = await repo.listMemoTypes(db, actor.businessId);
  return { items: rows.map(presentMemoType) };
}

export async function createMemoType(db: Kysely<DB>, actor: Actor, input: { name: string; sortOrder?: number; visible?: boolean }) {
  const row = await mapUniqueViolations(
    () =>
      db.transaction().execute(async (trx) => {
        const sortOrder = input.sortOrder ?? (await repo.nextSortOrder(trx, 'memo_types', actor.businessId));
        return repo.insertMemoType(trx, { businessId: actor.businessId, name: input.name, sortOrder, visible: input.visible });
      }),
    uniqueCodes,
  );
  return presentMemoType(row);
}

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
  const row = await mapUniqueViolations(
    () =>
      db.transaction().execute(async (trx) => {
        const current = (await repo.findMemoType(trx, actor.businessId, id, 'update')) ?? notFound('MEMO_TYPE_NOT_FOUND');
        const { confirm, ...fields } = changes;
        if (current.visible && fields.visible === false && !confirm && (await repo.memoTypeUsage(trx, actor.businessId, id)).linkedToNaver) {
          throw new AppError('MEMO_TYPE_HIDE_NEEDS_CONFIRM');
        }
        return repo.updateMemoType(trx, actor.businessId, id, fields);
      }),
    uniqueCodes,
  );
  return presentMemoType(row ?? notFound('MEMO_TYPE_NOT_FOUND'));
}

export type MemoTypeUsage = Awaited<ReturnType<typeof repo.memoTypeUsage>>;

/** Why a memo type may not be deleted, or null. Every reason a type must stay is decided here, first match wins. */
export function memoTypeDeletionBlocker(usage: MemoTypeUsage): ErrorCode | null {
  if (usage.linkedToNaver) return 'MEMO_TYPE_LINKED_TO_NAVER';
  if (usage.hasMemos) return 'MEMO_TYPE_IN_USE';
  return null;
}

export async function deleteMemoType(db: Kysely<DB>, actor: Actor, id: string) {
  await db.transaction().execute(async (trx) => {
    (await repo.findMemoType(trx, actor.businessId, id, 'update')) ?? notFound('MEMO_TYPE_NOT_FOUND');
    const blocker = memoTypeDeletionBlocker(await repo.memoTypeUsage(trx, actor.businessId, id));
    if (blocker) throw new AppError(blocker);
    await repo.deleteMemoType(trx, actor.businessId, id);
  });
}
