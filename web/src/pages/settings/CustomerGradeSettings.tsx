import { useState, type FormEvent } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, errorMessage } from '../../api';
import { useToast } from '../../components/Toast';
import { loyaltyKeys, useCustomerGrades } from '../../messages/loyaltyApi';
import type { CustomerGrade } from '../../types';

/** 설정 > 고객 등급 (MSG-1): grades the customers list, the customer form and the message filter use. */
export function CustomerGradeSettings() {
  const grades = useCustomerGrades();
  const items = grades.data ?? [];

  return (
    <>
      <h2 className="settings-title">고객 등급</h2>
      <div className="card">
        <p className="muted settings-help">
          고객에게 붙일 등급(예: VIP, 일반)을 관리합니다. 메시지를 보낼 때 등급으로 대상을 고를 수 있어요. 고객이 쓰고 있는 등급은 삭제할 수 없어요.
        </p>
        {grades.isError && <p className="form-error">{errorMessage(grades.error)}</p>}
        <table className="table">
          <thead>
            <tr>
              <th>이름</th>
              <th className="col-narrow">순서</th>
              <th className="col-narrow">고객 수</th>
              <th className="col-actions" />
            </tr>
          </thead>
          <tbody>
            {items.map((grade) => (
              <GradeRow key={`${grade.id}:${grade.name}:${grade.sortOrder}`} grade={grade} />
            ))}
            {grades.isSuccess && items.length === 0 && (
              <tr>
                <td colSpan={4} className="muted center">
                  등록된 등급이 없습니다.
                </td>
              </tr>
            )}
          </tbody>
        </table>
        <AddGradeForm nextOrder={items.length > 0 ? Math.max(...items.map((g) => g.sortOrder)) + 1 : 1} />
      </div>
    </>
  );
}

function GradeRow({ grade }: { grade: CustomerGrade }) {
  const toast = useToast();
  const queryClient = useQueryClient();
  const [name, setName] = useState(grade.name);
  const [sortOrder, setSortOrder] = useState(String(grade.sortOrder));
  const dirty = name.trim() !== grade.name || Number(sortOrder) !== grade.sortOrder;
  const invalidate = () => {
    queryClient.invalidateQueries({ queryKey: loyaltyKeys.grades });
    queryClient.invalidateQueries({ queryKey: ['customers'] });
  };

  const update = useMutation({
    mutationFn: () => api.patch(`/api/customer-grades/${grade.id}`, { name: name.trim(), sortOrder: Number(sortOrder) }),
    onSuccess: () => {
      invalidate();
      toast('등급을 저장했습니다.', 'success');
    },
    onError: (error) => toast(errorMessage(error), 'error'),
  });
  const remove = useMutation({
    mutationFn: () => api.delete(`/api/customer-grades/${grade.id}`),
    onSuccess: invalidate,
    onError: (error) => toast(errorMessage(error), 'error'),
  });

  return (
    <tr>
      <td>
        <input value={name} onChange={(event) => setName(event.target.value)} aria-label="등급 이름" />
      </td>
      <td>
        <input type="number" className="input-order" value={sortOrder} onChange={(event) => setSortOrder(event.target.value)} aria-label="순서" />
      </td>
      <td className="muted">{grade.customerCount === undefined ? '-' : `${grade.customerCount.toLocaleString('ko-KR')}명`}</td>
      <td>
        <div className="row-actions">
          <button type="button" className="btn btn-sm" disabled={!dirty || !name.trim() || update.isPending} onClick={() => update.mutate()}>
            저장
          </button>
          <button
            type="button"
            className="btn btn-sm btn-danger"
            disabled={remove.isPending}
            onClick={() => window.confirm(`'${grade.name}' 등급을 삭제할까요?`) && remove.mutate()}
          >
            삭제
          </button>
        </div>
      </td>
    </tr>
  );
}

function AddGradeForm({ nextOrder }: { nextOrder: number }) {
  const toast = useToast();
  const queryClient = useQueryClient();
  const [name, setName] = useState('');
  const create = useMutation({
    mutationFn: () => api.post('/api/customer-grades', { name: name.trim(), sortOrder: nextOrder }),
    onSuccess: () => {
      setName('');
      queryClient.invalidateQueries({ queryKey: loyaltyKeys.grades });
    },
    onError: (error) => toast(errorMessage(error), 'error'),
  });

  function submit(event: FormEvent) {
    event.preventDefault();
    if (name.trim()) create.mutate();
  }

  return (
    <form className="inline-form" onSubmit={submit}>
      <input value={name} onChange={(event) => setName(event.target.value)} placeholder="새 등급 (예: VIP)" aria-label="새 등급" />
      <button type="submit" className="btn btn-primary" disabled={!name.trim() || create.isPending}>
        + 등급 추가
      </button>
    </form>
  );
}
