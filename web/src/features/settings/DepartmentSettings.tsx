import { useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { api, ApiError, errorMessage } from '../../api/client';
import { keys } from '../../api/keys';
import { useCurrentMe } from '../auth/auth';
import { ConfirmDialog } from '../../ui/ConfirmDialog';
import { EditableList } from '../../ui/EditableList';
import { useToast } from '../../ui/Toast';
import { bySortOrder, useDepartments } from './queries';
import { useBusinessUpdate } from './useBusinessUpdate';

const DEFAULT_COLOR = '#4f7cff';

export function DepartmentSettings() {
  const me = useCurrentMe();
  const toast = useToast();
  const departments = useDepartments();
  const updateBusiness = useBusinessUpdate();
  const queryClient = useQueryClient();
  const invalidateDepartments = () => {
    queryClient.invalidateQueries({ queryKey: keys.departments });
    queryClient.invalidateQueries({ queryKey: keys.calendar.all });
  };
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
  const nextOrder = sorted.length > 0 ? Math.max(...sorted.map((d) => d.sortOrder)) + 1 : 1;

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
        <EditableList
          columns={[{ header: '색상', className: 'col-narrow' }, { header: '부서명' }, { header: '순서', className: 'col-narrow' }]}
          items={sorted}
          itemKey={(department) => `${department.id}:${department.name}:${department.color}:${department.sortOrder}`}
          loadError={departments.error}
          loaded={departments.isSuccess}
          emptyText="등록된 부서가 없습니다."
          draftOf={(department) => ({ name: department.name, color: department.color, sortOrder: String(department.sortOrder) })}
          cells={(_department, draft, setDraft) => [
            <input type="color" value={draft.color} onChange={(event) => setDraft({ ...draft, color: event.target.value })} aria-label="색상" />,
            <input value={draft.name} onChange={(event) => setDraft({ ...draft, name: event.target.value })} aria-label="부서명" />,
            <input type="number" className="input-order" value={draft.sortOrder} onChange={(event) => setDraft({ ...draft, sortOrder: event.target.value })} aria-label="순서" />,
          ]}
          canSave={(department, draft) =>
            (draft.name !== department.name || draft.color !== department.color || Number(draft.sortOrder) !== department.sortOrder) && draft.name.trim() !== ''
          }
          save={(department, draft) =>
            api.patch('/api/departments/{id}', { path: { id: department.id }, body: { name: draft.name.trim(), color: draft.color, sortOrder: Number(draft.sortOrder) } })
          }
          savedMessage="부서를 저장했습니다."
          remove={(department) => api.delete('/api/departments/{id}', { path: { id: department.id } })}
          removeQuestion={(department) => `'${department.name}' 부서를 삭제할까요?`}
          newDraft={() => ({ name: '', color: DEFAULT_COLOR })}
          newFields={(draft, setDraft) => (
            <>
              <input type="color" value={draft.color} onChange={(event) => setDraft({ ...draft, color: event.target.value })} aria-label="새 부서 색상" />
              <input value={draft.name} onChange={(event) => setDraft({ ...draft, name: event.target.value })} placeholder="부서명 (예: 네이버예약 상품명)" aria-label="새 부서명" />
            </>
          )}
          canAdd={(draft) => draft.name.trim() !== ''}
          add={(draft) => api.post('/api/departments', { body: { name: draft.name.trim(), color: draft.color, sortOrder: nextOrder } })}
          addLabel="+ 부서추가"
          addDisabled={!enabled}
          onChanged={invalidateDepartments}
        />
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
