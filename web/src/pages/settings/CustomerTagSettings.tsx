import { useState, type FormEvent } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, errorMessage } from '../../api';
import { useToast } from '../../components/Toast';
import { loyaltyKeys, useCustomerTags } from '../../messages/loyaltyApi';
import type { CustomerTag } from '../../types';

/** 설정 > 고객 태그 (MSG-1): renaming a tag renames it on every customer who has it. */
export function CustomerTagSettings() {
  const tags = useCustomerTags();
  const items = tags.data ?? [];

  return (
    <>
      <h2 className="settings-title">고객 태그</h2>
      <div className="card">
        <p className="muted settings-help">
          고객을 분류하는 태그(예: 커피, 디저트, 단체)를 관리합니다. 이름을 바꾸면 그 태그가 붙은 고객 모두에게 바뀐 이름으로 보여요. 메시지를 보낼 때 태그로 대상을 고를 수 있어요.
        </p>
        {tags.isError && <p className="form-error">{errorMessage(tags.error)}</p>}
        <table className="table">
          <thead>
            <tr>
              <th>이름</th>
              <th className="col-narrow">고객 수</th>
              <th className="col-actions" />
            </tr>
          </thead>
          <tbody>
            {items.map((tag) => (
              <TagRow key={`${tag.id}:${tag.name}`} tag={tag} />
            ))}
            {tags.isSuccess && items.length === 0 && (
              <tr>
                <td colSpan={3} className="muted center">
                  등록된 태그가 없습니다.
                </td>
              </tr>
            )}
          </tbody>
        </table>
        <AddTagForm />
      </div>
    </>
  );
}

function TagRow({ tag }: { tag: CustomerTag }) {
  const toast = useToast();
  const queryClient = useQueryClient();
  const [name, setName] = useState(tag.name);
  const invalidate = () => {
    queryClient.invalidateQueries({ queryKey: loyaltyKeys.tags });
    queryClient.invalidateQueries({ queryKey: ['customers'] });
    queryClient.invalidateQueries({ queryKey: ['customer'] });
  };
  const update = useMutation({
    mutationFn: () => api.patch(`/api/customer-tags/${tag.id}`, { name: name.trim() }),
    onSuccess: () => {
      invalidate();
      toast('태그 이름을 바꿨습니다.', 'success');
    },
    onError: (error) => toast(errorMessage(error), 'error'),
  });
  const remove = useMutation({
    mutationFn: () => api.delete(`/api/customer-tags/${tag.id}`),
    onSuccess: invalidate,
    onError: (error) => toast(errorMessage(error), 'error'),
  });

  return (
    <tr>
      <td>
        <input value={name} onChange={(event) => setName(event.target.value)} aria-label="태그 이름" />
      </td>
      <td className="muted">{tag.customerCount === undefined ? '-' : `${tag.customerCount.toLocaleString('ko-KR')}명`}</td>
      <td>
        <div className="row-actions">
          <button type="button" className="btn btn-sm" disabled={name.trim() === tag.name || !name.trim() || update.isPending} onClick={() => update.mutate()}>
            저장
          </button>
          <button
            type="button"
            className="btn btn-sm btn-danger"
            disabled={remove.isPending}
            onClick={() => window.confirm(`'${tag.name}' 태그를 삭제할까요?`) && remove.mutate()}
          >
            삭제
          </button>
        </div>
      </td>
    </tr>
  );
}

function AddTagForm() {
  const toast = useToast();
  const queryClient = useQueryClient();
  const [name, setName] = useState('');
  const create = useMutation({
    mutationFn: () => api.post('/api/customer-tags', { name: name.trim() }),
    onSuccess: () => {
      setName('');
      queryClient.invalidateQueries({ queryKey: loyaltyKeys.tags });
    },
    onError: (error) => toast(errorMessage(error), 'error'),
  });

  function submit(event: FormEvent) {
    event.preventDefault();
    if (name.trim()) create.mutate();
  }

  return (
    <form className="inline-form" onSubmit={submit}>
      <input value={name} onChange={(event) => setName(event.target.value)} placeholder="새 태그 (예: 커피)" aria-label="새 태그" />
      <button type="submit" className="btn btn-primary" disabled={!name.trim() || create.isPending}>
        + 태그 추가
      </button>
    </form>
  );
}
