import { useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client';
import { keys } from '../../api/keys';
import { useCustomerTags } from '../loyalty/loyaltyApi';
import { EditableList } from '../../ui/EditableList';

/** 설정 > 고객 태그 (MSG-1): renaming a tag renames it on every customer who has it. */
export function CustomerTagSettings() {
  const queryClient = useQueryClient();
  const tags = useCustomerTags();

  return (
    <>
      <h2 className="settings-title">고객 태그</h2>
      <div className="card">
        <p className="muted settings-help">
          고객을 분류하는 태그(예: 커피, 디저트, 단체)를 관리합니다. 이름을 바꾸면 그 태그가 붙은 고객 모두에게 바뀐 이름으로 보여요. 메시지를 보낼 때 태그로 대상을 고를 수 있어요.
        </p>
        <EditableList
          columns={[{ header: '이름' }, { header: '고객 수', className: 'col-narrow' }]}
          items={tags.data ?? []}
          itemKey={(tag) => `${tag.id}:${tag.name}`}
          loadError={tags.error}
          loaded={tags.isSuccess}
          emptyText="등록된 태그가 없습니다."
          draftOf={(tag) => tag.name}
          cells={(tag, name, setName) => [
            <input value={name} onChange={(event) => setName(event.target.value)} aria-label="태그 이름" />,
            <span className="muted">{tag.customerCount.toLocaleString('ko-KR')}명</span>,
          ]}
          canSave={(tag, name) => name.trim() !== tag.name && name.trim() !== ''}
          save={(tag, name) => api.patch('/api/customer-tags/{id}', { path: { id: tag.id }, body: { name: name.trim() } })}
          savedMessage="태그 이름을 바꿨습니다."
          remove={(tag) => api.delete('/api/customer-tags/{id}', { path: { id: tag.id } })}
          removeQuestion={(tag) => `'${tag.name}' 태그를 삭제할까요?`}
          newDraft={() => ''}
          newFields={(name, setName) => <input value={name} onChange={(event) => setName(event.target.value)} placeholder="새 태그 (예: 커피)" aria-label="새 태그" />}
          canAdd={(name) => name.trim() !== ''}
          add={(name) => api.post('/api/customer-tags', { body: { name: name.trim() } })}
          addLabel="+ 태그 추가"
          onChanged={() => {
            queryClient.invalidateQueries({ queryKey: keys.loyalty.tags });
            queryClient.invalidateQueries({ queryKey: keys.customers.all });
            queryClient.invalidateQueries({ queryKey: keys.customer.all });
          }}
        />
      </div>
    </>
  );
}
