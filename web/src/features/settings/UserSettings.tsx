import { useState, type FormEvent } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, errorMessage, type Body } from '../../api/client';
import { keys } from '../../api/keys';
import { useCurrentMe } from '../auth/auth';
import { Modal } from '../../ui/Modal';
import { useToast } from '../../ui/Toast';
import { ROLE_LABELS } from '../../../../src/shared/labels/auth';
import { usePermissionGroups, useUsers } from './queries';
import type { PermissionGroup, Role, User } from '../../api/models';

export function UserSettings() {
  const me = useCurrentMe();
  const users = useUsers();
  const groups = usePermissionGroups();
  const [inviting, setInviting] = useState(false);

  return (
    <>
      <div className="settings-title-row">
        <h2 className="settings-title">사용자 관리</h2>
        <button type="button" className="btn btn-primary" onClick={() => setInviting(true)}>
          + 사용자 초대
        </button>
      </div>
      <div className="card">
        {users.isError && <p className="form-error">{errorMessage(users.error)}</p>}
        <table className="table">
          <thead>
            <tr>
              <th>이름</th>
              <th>이메일</th>
              <th>역할</th>
              <th>권한 그룹</th>
              <th>상태</th>
            </tr>
          </thead>
          <tbody>
            {users.data?.map((user) => (
              <UserRow key={user.id} user={user} groups={groups.data ?? []} isSelf={user.id === me.user.id} />
            ))}
          </tbody>
        </table>
      </div>
      {inviting && <InviteUserModal groups={groups.data ?? []} onClose={() => setInviting(false)} />}
    </>
  );
}

function UserRow({ user, groups, isSelf }: { user: User; groups: PermissionGroup[]; isSelf: boolean }) {
  const queryClient = useQueryClient();
  const toast = useToast();

  const update = useMutation({
    mutationFn: (changes: Body<'/api/users/{id}', 'patch'>) => api.patch('/api/users/{id}', { path: { id: user.id }, body: changes }),
    onSuccess: () => toast('사용자 정보를 변경했습니다.', 'success'),
    onError: (error) => toast(errorMessage(error), 'error'),
    onSettled: () => {
      queryClient.invalidateQueries({ queryKey: keys.users });
      queryClient.invalidateQueries({ queryKey: keys.staff });
    },
  });

  return (
    <tr className={user.active ? undefined : 'row-inactive'}>
      <td className="strong">
        {user.name}
        {isSelf && <span className="badge badge-grey tag">나</span>}
      </td>
      <td>{user.email}</td>
      <td>
        <select
          value={user.role}
          disabled={isSelf || update.isPending}
          onChange={(event) => {
            const role = event.target.value as Role;
            // A member must belong to a permission group, so one goes along with the change.
            update.mutate(role === 'member' ? { role, permissionGroupId: user.permissionGroupId ?? groups[0]?.id ?? null } : { role });
          }}
          aria-label="역할"
        >
          {Object.entries(ROLE_LABELS).map(([value, label]) => (
            <option key={value} value={value}>
              {label}
            </option>
          ))}
        </select>
      </td>
      <td>
        {user.role === 'admin' ? (
          <span className="muted">모든 권한</span>
        ) : (
          <select
            value={user.permissionGroupId ?? ''}
            disabled={update.isPending}
            onChange={(event) => update.mutate({ permissionGroupId: event.target.value })}
            aria-label="권한 그룹"
          >
            {!user.permissionGroupId && (
              <option value="" disabled>
                선택하세요
              </option>
            )}
            {groups.map((group) => (
              <option key={group.id} value={group.id}>
                {group.name}
              </option>
            ))}
          </select>
        )}
      </td>
      <td>
        <button
          type="button"
          className={`btn btn-sm${user.active ? '' : ' btn-primary'}`}
          disabled={isSelf || update.isPending}
          onClick={() => update.mutate({ active: !user.active })}
        >
          {user.active ? '비활성화' : '활성화'}
        </button>
      </td>
    </tr>
  );
}

function InviteUserModal({ groups, onClose }: { groups: PermissionGroup[]; onClose: () => void }) {
  const queryClient = useQueryClient();
  const toast = useToast();
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [role, setRole] = useState<Role>('member');
  const [permissionGroupId, setPermissionGroupId] = useState(groups[0]?.id ?? '');
  const [formError, setFormError] = useState<string | null>(null);

  const invite = useMutation({
    mutationFn: () =>
      api.post('/api/users', {
        body: {
          name: name.trim(),
          email: email.trim(),
          password,
          role,
          ...(role === 'member' ? { permissionGroupId } : {}),
        },
      }),
    onSuccess: () => {
      queryClient.invalidateQueries({ queryKey: keys.users });
      // The server registers every new user as a staff member too.
      queryClient.invalidateQueries({ queryKey: keys.staff });
      queryClient.invalidateQueries({ queryKey: keys.calendar.all });
      toast('사용자를 초대했습니다.', 'success');
      onClose();
    },
    onError: (error) => setFormError(errorMessage(error)),
  });

  function submit(event: FormEvent) {
    event.preventDefault();
    setFormError(null);
    if (password.length < 8) return setFormError('비밀번호는 8자 이상이어야 합니다.');
    if (role === 'member' && !permissionGroupId) return setFormError('일반 사용자는 권한 그룹을 지정해야 합니다.');
    invite.mutate();
  }

  return (
    <Modal title="사용자 초대" onClose={onClose}>
      <form className="form-grid" onSubmit={submit}>
        <label className="field">
          <span>이름</span>
          <input value={name} onChange={(event) => setName(event.target.value)} required autoFocus />
        </label>
        <label className="field">
          <span>이메일</span>
          <input type="email" value={email} onChange={(event) => setEmail(event.target.value)} required />
        </label>
        <label className="field">
          <span>초기 비밀번호</span>
          <input
            type="password"
            value={password}
            onChange={(event) => setPassword(event.target.value)}
            autoComplete="new-password"
            placeholder="8자 이상"
            required
          />
        </label>
        <label className="field">
          <span>역할</span>
          <select value={role} onChange={(event) => setRole(event.target.value as Role)}>
            {Object.entries(ROLE_LABELS).map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </select>
        </label>
        {role === 'member' && (
          <label className="field">
            <span>권한 그룹</span>
            <select value={permissionGroupId} onChange={(event) => setPermissionGroupId(event.target.value)} required>
              {groups.length === 0 && <option value="">권한 그룹이 없습니다</option>}
              {groups.map((group) => (
                <option key={group.id} value={group.id}>
                  {group.name}
                </option>
              ))}
            </select>
          </label>
        )}
        {formError && <p className="form-error">{formError}</p>}
        <div className="form-actions">
          <button type="button" className="btn" onClick={onClose}>
            취소
          </button>
          <button type="submit" className="btn btn-primary" disabled={invite.isPending}>
            초대
          </button>
        </div>
      </form>
    </Modal>
  );
}
