import { useState, type FormEvent } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, ApiError, errorMessage } from '../../api';
import { useCurrentMe } from '../../auth';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { useToast } from '../../components/Toast';
import { bySortOrder, useDepartments } from '../../queries';
import type { Department } from '../../types';
import { useBusinessUpdate } from './useBusinessUpdate';

const DEFAULT_COLOR = '#4f7cff';

function useInvalidateDepartments() {
  const queryClient = useQueryClient();
  return () => {
    queryClient.invalidateQueries({ queryKey: ['departments'] });
    queryClient.invalidateQueries({ queryKey: ['calendar'] });
  };
}

export function DepartmentSettings() {
  const me = useCurrentMe();
  const toast = useToast();
  const departments = useDepartments();
  const updateBusiness = useBusinessUpdate();
  const enabled = me.business.departmentsEnabled;
  // NAVER-2: departments linked to Naver products are unlinked only after the admin says so.
  const [naverQuestion, setNaverQuestion] = useState<string | null>(null);

  function setDepartments(on: boolean, unlinkNaverProducts: boolean) {
    updateBusiness.mutate(
      { departmentsEnabled: on, ...(unlinkNaverProducts ? { unlinkNaverProducts } : {}) },
      {
        onSuccess: (business) => {
          setNaverQuestion(null);
          toast(business.departmentsEnabled ? '부서기능을 사용합니다.' : unlinkNaverProducts ? '네이버 상품 연동을 해제하고 부서기능을 껐습니다.' : '부서기능을 사용하지 않습니다.', 'success');
        },
        onError: (error) => {
          if (error instanceof ApiError && error.code === 'DEPARTMENTS_LINKED_TO_NAVER' && !unlinkNaverProducts) return setNaverQuestion(error.message);
          setNaverQuestion(null);
          toast(errorMessage(error), 'error');
        },
      },
    );
  }
  const sorted = [...(departments.data ?? [])].sort(bySortOrder);

  return (
    <>
      <h2 className="settings-title">부서 관리</h2>
      <div className="card">
        <label className="switch-row">
          <input
            type="checkbox"
            className="switch"
            checked={enabled}
            disabled={updateBusiness.isPending}
            onChange={(event) => setDepartments(event.target.checked, false)}
          />
          <span>
            <strong>부서기능 사용</strong>
            <span className="muted block">켜면 일정에 부서를 지정하고 캘린더에서 부서별 보기를 쓸 수 있습니다.</span>
          </span>
        </label>
      </div>

      <div className={`card${enabled ? '' : ' disabled-card'}`}>
        {departments.isError && <p className="form-error">{errorMessage(departments.error)}</p>}
        <table className="table">
          <thead>
            <tr>
              <th className="col-narrow">색상</th>
              <th>부서명</th>
              <th className="col-narrow">순서</th>
              <th className="col-actions" />
            </tr>
          </thead>
          <tbody>
            {sorted.map((department) => (
              <DepartmentRow key={`${department.id}:${department.name}:${department.color}:${department.sortOrder}`} department={department} />
            ))}
            {departments.isSuccess && sorted.length === 0 && (
              <tr>
                <td colSpan={4} className="muted center">
                  등록된 부서가 없습니다.
                </td>
              </tr>
            )}
          </tbody>
        </table>
        <AddDepartmentForm disabled={!enabled} nextOrder={sorted.length > 0 ? Math.max(...sorted.map((d) => d.sortOrder)) + 1 : 1} />
      </div>
      {naverQuestion && (
        <ConfirmDialog
          title="네이버 상품 연동을 해제할까요?"
          confirmLabel="연동 해제하고 끄기"
          danger
          busy={updateBusiness.isPending}
          onConfirm={() => setDepartments(false, true)}
          onCancel={() => setNaverQuestion(null)}
        >
          <p>{naverQuestion}</p>
          <p className="muted">해제하면 새 네이버 예약은 부서 없이 네이버예약 담당자에게 들어옵니다.</p>
        </ConfirmDialog>
      )}
    </>
  );
}

function DepartmentRow({ department }: { department: Department }) {
  const toast = useToast();
  const invalidate = useInvalidateDepartments();
  const [name, setName] = useState(department.name);
  const [color, setColor] = useState(department.color);
  const [sortOrder, setSortOrder] = useState(String(department.sortOrder));
  const dirty = name !== department.name || color !== department.color || Number(sortOrder) !== department.sortOrder;

  const save = useMutation({
    mutationFn: () => api.patch(`/api/departments/${department.id}`, { name: name.trim(), color, sortOrder: Number(sortOrder) }),
    onSuccess: () => {
      toast('부서를 저장했습니다.', 'success');
      invalidate();
    },
    onError: (error) => toast(errorMessage(error), 'error'),
  });

  const remove = useMutation({
    mutationFn: () => api.delete(`/api/departments/${department.id}`),
    onSuccess: () => invalidate(),
    onError: (error) => toast(errorMessage(error), 'error'),
  });

  return (
    <tr>
      <td>
        <input type="color" value={color} onChange={(event) => setColor(event.target.value)} aria-label="색상" />
      </td>
      <td>
        <input value={name} onChange={(event) => setName(event.target.value)} aria-label="부서명" />
      </td>
      <td>
        <input type="number" className="input-order" value={sortOrder} onChange={(event) => setSortOrder(event.target.value)} aria-label="순서" />
      </td>
      <td>
        <div className="row-actions">
          <button type="button" className="btn btn-sm" disabled={!dirty || !name.trim() || save.isPending} onClick={() => save.mutate()}>
            저장
          </button>
          <button
            type="button"
            className="btn btn-sm btn-danger"
            disabled={remove.isPending}
            onClick={() => window.confirm(`'${department.name}' 부서를 삭제할까요?`) && remove.mutate()}
          >
            삭제
          </button>
        </div>
      </td>
    </tr>
  );
}

function AddDepartmentForm({ nextOrder, disabled }: { nextOrder: number; disabled: boolean }) {
  const toast = useToast();
  const invalidate = useInvalidateDepartments();
  const [name, setName] = useState('');
  const [color, setColor] = useState(DEFAULT_COLOR);

  const create = useMutation({
    mutationFn: () => api.post('/api/departments', { name: name.trim(), color, sortOrder: nextOrder }),
    onSuccess: () => {
      setName('');
      invalidate();
    },
    onError: (error) => toast(errorMessage(error), 'error'),
  });

  function submit(event: FormEvent) {
    event.preventDefault();
    if (name.trim() && !disabled) create.mutate();
  }

  return (
    <form className="inline-form" onSubmit={submit}>
      <input type="color" value={color} onChange={(event) => setColor(event.target.value)} aria-label="새 부서 색상" />
      <input value={name} onChange={(event) => setName(event.target.value)} placeholder="부서명 (예: 네이버예약 상품명)" aria-label="새 부서명" />
      <button type="submit" className="btn btn-primary" disabled={disabled || !name.trim() || create.isPending}>
        + 부서추가
      </button>
    </form>
  );
}
