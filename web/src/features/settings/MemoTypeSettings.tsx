import { useState } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { ApiError, api, errorMessage, type Body } from '../../api/client';
import { keys } from '../../api/keys';
import type { MemoType } from '../../api/models';
import { canManageSettings, useCurrentMe } from '../auth/auth';
import { useToast } from '../../ui/Toast';
import { bySortOrder, useMemoTypes, useNaverConnection } from './queries';
import { ConfirmDialog } from '../../ui/ConfirmDialog';
import { EditableList } from '../../ui/EditableList';

function useInvalidateMemoTypes() {
  const queryClient = useQueryClient();
  return () => {
    queryClient.invalidateQueries({ queryKey: keys.memoTypes });
    queryClient.invalidateQueries({ queryKey: keys.naverConnection });
  };
}

export function MemoTypeSettings() {
  const me = useCurrentMe();
  const memoTypes = useMemoTypes();
  const invalidate = useInvalidateMemoTypes();
  // Which memo type the Naver sync writes to (only readable with settings.manage).
  const naver = useNaverConnection(canManageSettings(me));
  const naverMemoTypeId = naver.data?.memoTypeId ?? null;
  const sorted = [...(memoTypes.data ?? [])].sort(bySortOrder);
  const nextOrder = sorted.length > 0 ? Math.max(...sorted.map((m) => m.sortOrder)) + 1 : 1;

  return (
    <>
      <h2 className="settings-title">메모 종류</h2>
      <div className="card">
        <h3>고객 일정 메모</h3>
        <p className="muted settings-help">노출된 메모 종류만 일정 메모를 쓸 때 고를 수 있습니다.</p>
        <EditableList
          columns={[{ header: '이름' }, { header: '순서', className: 'col-narrow' }, { header: '노출', className: 'col-narrow' }]}
          items={sorted}
          itemKey={(memoType) => `${memoType.id}:${memoType.name}:${memoType.sortOrder}`}
          loadError={memoTypes.error}
          loaded={memoTypes.isSuccess}
          emptyText="등록된 메모 종류가 없습니다."
          rowClassName={(memoType) => (memoType.visible ? undefined : 'row-inactive')}
          draftOf={(memoType) => ({ name: memoType.name, sortOrder: String(memoType.sortOrder) })}
          cells={(memoType, draft, setDraft) => [
            <div className="name-cell">
              <input value={draft.name} onChange={(event) => setDraft({ ...draft, name: event.target.value })} aria-label="메모 종류 이름" />
              {memoType.id === naverMemoTypeId && (
                <span className="badge badge-naver" title="네이버 예약의 옵션/요청사항이 이 메모 종류로 저장됩니다." data-testid="memo-type-naver-badge">
                  네이버 연동
                </span>
              )}
            </div>,
            <input type="number" className="input-order" value={draft.sortOrder} onChange={(event) => setDraft({ ...draft, sortOrder: event.target.value })} aria-label="순서" />,
            <span className={`badge ${memoType.visible ? 'badge-green' : 'badge-grey'}`}>{memoType.visible ? '노출' : '노출해제'}</span>,
          ]}
          canSave={(memoType, draft) => (draft.name !== memoType.name || Number(draft.sortOrder) !== memoType.sortOrder) && draft.name.trim() !== ''}
          save={(memoType, draft) => api.patch('/api/memo-types/{id}', { path: { id: memoType.id }, body: { name: draft.name.trim(), sortOrder: Number(draft.sortOrder) } })}
          remove={(memoType) => api.delete('/api/memo-types/{id}', { path: { id: memoType.id } })}
          removeQuestion={(memoType) => `'${memoType.name}' 메모 종류를 삭제할까요?`}
          // Refused before asking: the server refuses it too (MEMO_TYPE_LINKED_TO_NAVER).
          removeRefusal={(memoType) => (memoType.id === naverMemoTypeId ? '네이버 예약 연동에 사용 중인 메모 종류는 삭제할 수 없습니다. 설정 > 네이버예약 연동에서 다른 메모 종류를 고른 뒤 삭제하거나, 노출해제해 주세요.' : null)}
          rowActions={(memoType) => <VisibilityToggle memoType={memoType} onChanged={invalidate} />}
          newDraft={() => ''}
          newFields={(name, setName) => (
            <input value={name} onChange={(event) => setName(event.target.value)} placeholder="새 메모 종류 (예: 요청사항)" aria-label="새 메모 종류" />
          )}
          canAdd={(name) => name.trim() !== ''}
          add={(name) => api.post('/api/memo-types', { body: { name: name.trim(), sortOrder: nextOrder, visible: true } })}
          addLabel="+ 메모 종류 추가"
          onChanged={invalidate}
        />
      </div>
    </>
  );
}

/** 노출 / 노출해제; hiding the memo type the Naver sync writes to needs the admin's confirmation of the server's warning. */
function VisibilityToggle({ memoType, onChanged }: { memoType: MemoType; onChanged: () => void }) {
  const toast = useToast();
  const [hideWarning, setHideWarning] = useState<string | null>(null);
  const update = useMutation({
    mutationFn: (changes: Body<'/api/memo-types/{id}', 'patch'>) => api.patch('/api/memo-types/{id}', { path: { id: memoType.id }, body: changes }),
    onSuccess: () => {
      setHideWarning(null);
      onChanged();
    },
    onError: (error) => {
      if (error instanceof ApiError && error.code === 'MEMO_TYPE_HIDE_NEEDS_CONFIRM') return setHideWarning(error.message);
      setHideWarning(null);
      toast(errorMessage(error), 'error');
    },
  });

  return (
    <>
      <button type="button" className="btn btn-sm" disabled={update.isPending} onClick={() => update.mutate({ visible: !memoType.visible })}>
        {memoType.visible ? '노출해제' : '노출'}
      </button>
      {hideWarning && (
        <ConfirmDialog
          title="메모 종류 노출해제"
          confirmLabel="노출해제"
          danger
          busy={update.isPending}
          onCancel={() => setHideWarning(null)}
          onConfirm={() => update.mutate({ visible: false, confirm: true })}
        >
          <p>
            <strong>‘{memoType.name}’</strong>
          </p>
          <p>{hideWarning}</p>
        </ConfirmDialog>
      )}
    </>
  );
}
