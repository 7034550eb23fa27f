import { useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client';
import { keys } from '../../api/keys';
import { useCustomerGrades } from '../loyalty/loyaltyApi';
import { EditableList } from '../../ui/EditableList';

/** 설정 > 고객 등급 (MSG-1): grades the customers list, the customer form and the message filter use. */
export function CustomerGradeSettings() {
  const queryClient = useQueryClient();
  const grades = useCustomerGrades();
  const items = grades.data ?? [];
  const nextOrder = items.length > 0 ? Math.max(...items.map((g) => g.sortOrder)) + 1 : 1;

  return (
    <>
      <h2 className="settings-title">고객 등급</h2>
      <div className="card">
        <p className="muted settings-help">
          고객에게 붙일 등급(예: VIP, 일반)을 관리합니다. 메시지를 보낼 때 등급으로 대상을 고를 수 있어요. 고객이 쓰고 있는 등급은 삭제할 수 없어요.
        </p>
        <EditableList
          columns={[{ header: '이름' }, { header: '순서', className: 'col-narrow' }, { header: '고객 수', className: 'col-narrow' }]}
          items={items}
          itemKey={(grade) => `${grade.id}:${grade.name}:${grade.sortOrder}`}
          loadError={grades.error}
          loaded={grades.isSuccess}
          emptyText="등록된 등급이 없습니다."
          draftOf={(grade) => ({ name: grade.name, sortOrder: String(grade.sortOrder) })}
          cells={(grade, draft, setDraft) => [
            <input value={draft.name} onChange={(event) => setDraft({ ...draft, name: event.target.value })} aria-label="등급 이름" />,
            <input type="number" className="input-order" value={draft.sortOrder} onChange={(event) => setDraft({ ...draft, sortOrder: event.target.value })} aria-label="순서" />,
            <span className="muted">{grade.customerCount.toLocaleString('ko-KR')}명</span>,
          ]}
          canSave={(grade, draft) => (draft.name.trim() !== grade.name || Number(draft.sortOrder) !== grade.sortOrder) && draft.name.trim() !== ''}
          save={(grade, draft) => api.patch('/api/customer-grades/{id}', { path: { id: grade.id }, body: { name: draft.name.trim(), sortOrder: Number(draft.sortOrder) } })}
          savedMessage="등급을 저장했습니다."
          remove={(grade) => api.delete('/api/customer-grades/{id}', { path: { id: grade.id } })}
          removeQuestion={(grade) => `'${grade.name}' 등급을 삭제할까요?`}
          newDraft={() => ({ name: '' })}
          newFields={(draft, setDraft) => <input value={draft.name} onChange={(event) => setDraft({ name: event.target.value })} placeholder="새 등급 (예: VIP)" aria-label="새 등급" />}
          canAdd={(draft) => draft.name.trim() !== ''}
          add={(draft) => api.post('/api/customer-grades', { body: { name: draft.name.trim(), sortOrder: nextOrder } })}
          addLabel="+ 등급 추가"
          onChanged={() => {
            queryClient.invalidateQueries({ queryKey: keys.loyalty.grades });
            queryClient.invalidateQueries({ queryKey: keys.customers.all });
          }}
        />
      </div>
    </>
  );
}
