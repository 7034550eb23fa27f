import { useState, type FormEvent } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, errorMessage } from '../../api/client';
import { keys } from '../../api/keys';
import type { Permission } from '../../api/models';
import { useToast } from '../../ui/Toast';
import { EXTRA_PERMISSIONS, PERMISSION_LABELS } from '../../../../src/shared/labels/auth';
import { usePermissionGroups } from './queries';
import type { PermissionGroup } from '../../api/models';

const ALL_PERMISSIONS = Object.keys(PERMISSION_LABELS) as Permission[];
const isExtra = (key: Permission) => (EXTRA_PERMISSIONS as readonly string[]).includes(key);
/** The basic flags, then those shown under "기타기능 권한". */
const BASIC = ALL_PERMISSIONS.filter((key) => !isExtra(key)).map((key) => ({ key, label: PERMISSION_LABELS[key] }));
const EXTRA = ALL_PERMISSIONS.filter(isExtra).map((key) => ({ key, label: PERMISSION_LABELS[key] }));

export function PermissionSettings() {
  const groups = usePermissionGroups();

  return (
    <>
      <h2 className="settings-title">권한 설정</h2>
      <p className="muted settings-help">관리자는 모든 권한을 가집니다. 일반 사용자는 속한 권한 그룹의 권한만 가집니다.</p>
      {groups.isError && <p className="form-error">{errorMessage(groups.error)}</p>}
      {groups.isSuccess && groups.data.length === 0 && <div className="empty-state">권한 그룹이 없습니다.</div>}
      <div className="permission-grid">
        {groups.data?.map((group) => (
          <PermissionGroupCard key={`${group.id}:${group.name}:${group.permissions.join(',')}`} group={group} />
        ))}
      </div>
      <AddGroupForm />
    </>
  );
}

function PermissionGroupCard({ group }: { group: PermissionGroup }) {
  const queryClient = useQueryClient();
  const toast = useToast();
  const [name, setName] = useState(group.name);
  const [permissions, setPermissions] = useState(() => new Set(group.permissions));
  const dirty =
    name !== group.name || permissions.size !== group.permissions.length || group.permissions.some((p) => !permissions.has(p));

  const invalidate = () => queryClient.invalidateQueries({ queryKey: keys.permissionGroups });

  const save = useMutation({
    mutationFn: () => api.patch('/api/permission-groups/{id}', { path: { id: group.id }, body: { name: name.trim(), permissions: [...permissions] } }),
    onSuccess: () => {
      toast(`'${name.trim()}' 권한을 저장했습니다.`, 'success');
      invalidate();
    },
    onError: (error) => toast(errorMessage(error), 'error'),
  });

  const remove = useMutation({
    mutationFn: () => api.delete('/api/permission-groups/{id}', { path: { id: group.id } }),
    onSuccess: () => invalidate(),
    onError: (error) => toast(errorMessage(error), 'error'),
  });

  function toggle(key: Permission, checked: boolean) {
    setPermissions((current) => {
      const next = new Set(current);
      if (checked) next.add(key);
      else next.delete(key);
      return next;
    });
  }

  const checkbox = ({ key, label }: { key: Permission; label: string }) => (
    <label key={key} className="checkbox">
      <input type="checkbox" checked={permissions.has(key)} onChange={(event) => toggle(key, event.target.checked)} />
      <span>{label}</span>
    </label>
  );

  return (
    <section className="card permission-card" data-testid="permission-group">
      <input className="group-name" value={name} onChange={(event) => setName(event.target.value)} aria-label="권한 그룹 이름" />
      <span className="muted group-members">사용자 {group.memberCount ?? 0}명</span>
      <div className="permission-list">{BASIC.map(checkbox)}</div>
      <h4>기타기능 권한</h4>
      <div className="permission-list">{EXTRA.map(checkbox)}</div>
      <div className="form-actions">
        <button
          type="button"
          className="btn btn-sm btn-danger"
          disabled={remove.isPending}
          onClick={() => window.confirm(`'${group.name}' 권한 그룹을 삭제할까요?`) && remove.mutate()}
        >
          삭제
        </button>
        <button type="button" className="btn btn-sm btn-primary" disabled={!dirty || !name.trim() || save.isPending} onClick={() => save.mutate()}>
          저장
        </button>
      </div>
    </section>
  );
}

function AddGroupForm() {
  const queryClient = useQueryClient();
  const toast = useToast();
  const [name, setName] = useState('');

  const create = useMutation({
    mutationFn: () => api.post('/api/permission-groups', { body: { name: name.trim(), permissions: ['customers.view'] } }),
    onSuccess: () => {
      setName('');
      queryClient.invalidateQueries({ queryKey: keys.permissionGroups });
    },
    onError: (error) => toast(errorMessage(error), 'error'),
  });

  function submit(event: FormEvent) {
    event.preventDefault();
    if (name.trim()) create.mutate();
  }

  return (
    <form className="card inline-form" onSubmit={submit}>
      <input value={name} onChange={(event) => setName(event.target.value)} placeholder="새 권한 그룹 이름 (예: 상담실장)" aria-label="새 권한 그룹 이름" />
      <button type="submit" className="btn btn-primary" disabled={!name.trim() || create.isPending}>
        + 권한 그룹 추가
      </button>
    </form>
  );
}
