import { useState, type FormEvent } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { ApiError, api, errorMessage } from '../../api';
import { canManageSettings, useCurrentMe } from '../../auth';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { useToast } from '../../components/Toast';
import { bySortOrder, naverConnectionKey, useMemoTypes, useNaverConnection } from '../../queries';
import type { MemoType } from '../../types';

function useInvalidateMemoTypes() {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: ['memo-types'] });
}

export function MemoTypeSettings() {
  const me = useCurrentMe();
  const memoTypes = useMemoTypes();
  // Which memo type the Naver sync writes to (only readable with settings.manage).
  const naver = useNaverConnection(canManageSettings(me));
  const naverMemoTypeId = naver.data?.memoTypeId ?? null;
  const sorted = [...(memoTypes.data ?? [])].sort(bySortOrder);

  return (
    <>
      <h2 className="settings-title">메모 종류</h2>
      <div className="card">
        <h3>고객 일정 메모</h3>
        <p className="muted settings-help">노출된 메모 종류만 일정 메모를 쓸 때 고를 수 있습니다.</p>
        {memoTypes.isError && <p className="form-error">{errorMessage(memoTypes.error)}</p>}
        <table className="table">
          <thead>
            <tr>
              <th>이름</th>
              <th className="col-narrow">순서</th>
              <th className="col-narrow">노출</th>
              <th className="col-actions" />
            </tr>
          </thead>
          <tbody>
            {sorted.map((memoType) => (
              <MemoTypeRow
                key={`${memoType.id}:${memoType.name}:${memoType.sortOrder}`}
                memoType={memoType}
                linkedToNaver={memoType.id === naverMemoTypeId}
              />
            ))}
            {memoTypes.isSuccess && sorted.length === 0 && (
              <tr>
                <td colSpan={4} className="muted center">
                  등록된 메모 종류가 없습니다.
                </td>
              </tr>
            )}
          </tbody>
        </table>
        <AddMemoTypeForm nextOrder={sorted.length > 0 ? Math.max(...sorted.map((m) => m.sortOrder)) + 1 : 1} />
      </div>
    </>
  );
}

function MemoTypeRow({ memoType, linkedToNaver }: { memoType: MemoType; linkedToNaver: boolean }) {
  const toast = useToast();
  const queryClient = useQueryClient();
  const invalidate = useInvalidateMemoTypes();
  const [name, setName] = useState(memoType.name);
  const [sortOrder, setSortOrder] = useState(String(memoType.sortOrder));
  /** The server's warning when hiding needs the admin's confirmation (the memo type the Naver sync uses). */
  const [hideWarning, setHideWarning] = useState<string | null>(null);
  const dirty = name !== memoType.name || Number(sortOrder) !== memoType.sortOrder;

  const update = useMutation({
    mutationFn: (changes: Partial<Omit<MemoType, 'id'>> & { confirm?: boolean }) => api.patch(`/api/memo-types/${memoType.id}`, changes),
    onSuccess: () => {
      setHideWarning(null);
      invalidate();
      queryClient.invalidateQueries({ queryKey: naverConnectionKey });
    },
    onError: (error) => {
      if (error instanceof ApiError && error.code === 'MEMO_TYPE_HIDE_NEEDS_CONFIRM') return setHideWarning(error.message);
      setHideWarning(null);
      toast(errorMessage(error), 'error');
    },
  });

  const remove = useMutation({
    mutationFn: () => api.delete(`/api/memo-types/${memoType.id}`),
    onSuccess: () => invalidate(),
    onError: (error) => toast(errorMessage(error), 'error'),
  });

  return (
    <tr className={memoType.visible ? undefined : 'row-inactive'}>
      <td>
        <div className="name-cell">
          <input value={name} onChange={(event) => setName(event.target.value)} aria-label="메모 종류 이름" />
          {linkedToNaver && (
            <span className="badge badge-naver" title="네이버 예약의 옵션/요청사항이 이 메모 종류로 저장됩니다." data-testid="memo-type-naver-badge">
              네이버 연동
            </span>
          )}
        </div>
      </td>
      <td>
        <input type="number" className="input-order" value={sortOrder} onChange={(event) => setSortOrder(event.target.value)} aria-label="순서" />
      </td>
      <td>
        <span className={`badge ${memoType.visible ? 'badge-green' : 'badge-grey'}`}>{memoType.visible ? '노출' : '노출해제'}</span>
      </td>
      <td>
        <div className="row-actions">
          <button
            type="button"
            className="btn btn-sm"
            disabled={!dirty || !name.trim() || update.isPending}
            onClick={() => update.mutate({ name: name.trim(), sortOrder: Number(sortOrder) })}
          >
            저장
          </button>
          <button type="button" className="btn btn-sm" disabled={update.isPending} onClick={() => update.mutate({ visible: !memoType.visible })}>
            {memoType.visible ? '노출해제' : '노출'}
          </button>
          <button
            type="button"
            className="btn btn-sm btn-danger"
            disabled={remove.isPending}
            onClick={() => window.confirm(`'${memoType.name}' 메모 종류를 삭제할까요?`) && remove.mutate()}
          >
            삭제
          </button>
        </div>
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
      </td>
    </tr>
  );
}

function AddMemoTypeForm({ nextOrder }: { nextOrder: number }) {
  const toast = useToast();
  const invalidate = useInvalidateMemoTypes();
  const [name, setName] = useState('');

  const create = useMutation({
    mutationFn: () => api.post('/api/memo-types', { name: name.trim(), sortOrder: nextOrder, visible: true }),
    onSuccess: () => {
      setName('');
      invalidate();
    },
    onError: (error) => toast(errorMessage(error), 'error'),
  });

  function submit(event: FormEvent) {
    event.preventDefault();
    if (name.trim()) create.mutate();
  }

  return (
    <form className="inline-form" onSubmit={submit}>
      <input value={name} onChange={(event) => setName(event.target.value)} placeholder="새 메모 종류 (예: 요청사항)" aria-label="새 메모 종류" />
      <button type="submit" className="btn btn-primary" disabled={!name.trim() || create.isPending}>
        + 메모 종류 추가
      </button>
    </form>
  );
}
