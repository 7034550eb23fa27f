import type { ErrorCode } from '../../../platform/errors/registry.ts';

export interface MemoTypeUsage {
  hasMemos: boolean;
  linkedToNaver: boolean;
}

/** Why a memo type may not be deleted, or null. Every reason a type must stay is decided here, first match wins. */
export function memoTypeDeletionBlocker(usage: MemoTypeUsage): ErrorCode | null {
  if (usage.linkedToNaver) return 'MEMO_TYPE_LINKED_TO_NAVER';
  if (usage.hasMemos) return 'MEMO_TYPE_IN_USE';
  return null;
}

/** Whether a change hides (노출해제) a memo type that is shown now. */
export function hidesMemoType(current: { visible: boolean }, changes: { visible?: boolean }): boolean {
  return current.visible && changes.visible === false;
}
