import { useState, type FormEvent } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, errorMessage } from '../../api/client';
import { keys } from '../../api/keys';
import { useCurrentMe } from '../auth/auth';
import { copyText } from '../../ui/clipboard';
import { ConfirmDialog } from '../../ui/ConfirmDialog';
import { Modal } from '../../ui/Modal';
import { useToast } from '../../ui/Toast';
import { formatDateTime } from '../../../../src/shared/format';
import type { PosKey } from '../../api/models';

/** 설정 > POS 연동 키 (MSG-1): keys the shop's POS uses to record visits, points and coupon use. The key is shown once. */
export function PosKeySettings() {
  const me = useCurrentMe();
  const timeZone = me.business.timeZone;
  const toast = useToast();
  const queryClient = useQueryClient();
  const [name, setName] = useState('');
  const [created, setCreated] = useState<{ name: string; key: string } | null>(null);
  const [revoking, setRevoking] = useState<PosKey | null>(null);

  const posKeys = useQuery({ queryKey: keys.loyalty.posKeys, queryFn: () => api.get('/api/pos-keys').then((res) => res.items) });

  const create = useMutation({
    mutationFn: () => api.post('/api/pos-keys', { body: { name: name.trim() } }),
    onSuccess: (answer) => {
      setName('');
      setCreated({ name: answer.name, key: answer.key });
      queryClient.invalidateQueries({ queryKey: keys.loyalty.posKeys });
    },
    onError: (error) => toast(errorMessage(error), 'error'),
  });

  const revoke = useMutation({
    mutationFn: (key: PosKey) => api.delete('/api/pos-keys/{id}', { path: { id: key.id } }),
    onSuccess: () => {
      setRevoking(null);
      queryClient.invalidateQueries({ queryKey: keys.loyalty.posKeys });
      toast('키를 삭제했습니다. 이 키를 쓰던 POS는 더 이상 연동되지 않아요.', 'success');
    },
  });

  function submit(event: FormEvent) {
    event.preventDefault();
    if (name.trim()) create.mutate();
  }

  // The server lists only keys in use (a deleted key never authenticates again), newest first here.
  const items = [...(posKeys.data ?? [])].sort((a, b) => b.createdAt.localeCompare(a.createdAt));

  return (
    <>
      <h2 className="settings-title">POS 연동 키</h2>
      <div className="card">
        <p className="muted settings-help">
          매장의 POS가 방문·포인트 적립·쿠폰 사용을 보내올 때 쓰는 키입니다. POS 설정의 인증 키 칸에 넣어 주세요 (<code>Authorization: Bearer 키</code>).
          키는 만들 때 한 번만 보여요. 잃어버렸다면 새로 만들고 예전 키는 삭제하세요.
        </p>
        {posKeys.isError && <p className="form-error">{errorMessage(posKeys.error)}</p>}
        <table className="table">
          <thead>
            <tr>
              <th>이름</th>
              <th>키</th>
              <th>만든 날</th>
              <th>마지막 사용</th>
              <th>상태</th>
              <th className="col-actions" />
            </tr>
          </thead>
          <tbody>
            {items.map((key) => (
              <tr key={key.id} data-testid="pos-key-row">
                <td className="strong">{key.name}</td>
                <td>
                  <code>{key.keyPrefix}…</code>
                </td>
                <td>{formatDateTime(key.createdAt, timeZone)}</td>
                <td>{key.lastUsedAt ? formatDateTime(key.lastUsedAt, timeZone) : <span className="muted">사용 전</span>}</td>
                <td>
                  <span className="badge badge-green">사용 중</span>
                </td>
                <td>
                  <button type="button" className="btn btn-sm btn-danger" onClick={() => setRevoking(key)}>
                    삭제
                  </button>
                </td>
              </tr>
            ))}
            {posKeys.isSuccess && items.length === 0 && (
              <tr>
                <td colSpan={6} className="muted center">
                  만든 키가 없습니다.
                </td>
              </tr>
            )}
          </tbody>
        </table>
        <form className="inline-form" onSubmit={submit}>
          <input value={name} onChange={(event) => setName(event.target.value)} placeholder="키 이름 (예: 카운터 POS)" aria-label="키 이름" />
          <button type="submit" className="btn btn-primary" disabled={!name.trim() || create.isPending}>
            + 키 만들기
          </button>
        </form>
      </div>

      {created && (
        <Modal title="POS 연동 키" onClose={() => setCreated(null)} width={500}>
          <div className="form-grid" data-testid="pos-key-created">
            <p>
              <strong>{created.name}</strong> 키를 만들었습니다.
            </p>
            <div className="copy-row">
              <code className="copy-value" data-testid="pos-key-value">
                {created.key}
              </code>
              <button
                type="button"
                className="btn btn-sm"
                onClick={async () => toast((await copyText(created.key)) ? '키를 복사했습니다.' : '키를 복사하지 못했습니다. 직접 선택해 복사하세요.', 'info')}
              >
                복사
              </button>
            </div>
            <p className="hint hint-warning">이 창을 닫으면 키를 다시 볼 수 없어요. 지금 POS에 입력하거나 안전한 곳에 보관하세요.</p>
            <div className="form-actions">
              <button type="button" className="btn btn-primary" onClick={() => setCreated(null)}>
                확인
              </button>
            </div>
          </div>
        </Modal>
      )}
      {revoking && (
        <ConfirmDialog
          title="키 삭제"
          confirmLabel="삭제"
          danger
          busy={revoke.isPending}
          error={revoke.isError ? errorMessage(revoke.error) : null}
          onConfirm={() => revoke.mutate(revoking)}
          onCancel={() => setRevoking(null)}
        >
          <p>
            <strong>{revoking.name}</strong> 키를 삭제할까요? 이 키를 쓰는 POS는 바로 연동이 끊겨요. 되돌릴 수 없어요.
          </p>
        </ConfirmDialog>
      )}
    </>
  );
}
