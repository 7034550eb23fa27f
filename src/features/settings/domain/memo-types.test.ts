import { describe, expect, it } from 'vitest';
import { memoTypeDeletionBlocker } from './memo-types.ts';

describe('memoTypeDeletionBlocker', () => {
  it('blocks deleting a memo type that memos or the Naver sync use, the Naver link first', () => {
    expect(memoTypeDeletionBlocker({ hasMemos: true, linkedToNaver: false })).toBe('MEMO_TYPE_IN_USE');
    expect(memoTypeDeletionBlocker({ hasMemos: false, linkedToNaver: true })).toBe('MEMO_TYPE_LINKED_TO_NAVER');
    expect(memoTypeDeletionBlocker({ hasMemos: true, linkedToNaver: true })).toBe('MEMO_TYPE_LINKED_TO_NAVER');
    expect(memoTypeDeletionBlocker({ hasMemos: false, linkedToNaver: false })).toBeNull();
  });
});
