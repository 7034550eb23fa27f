import { useState, type FormEvent } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, errorMessage } from '../../api/client';
import { keys } from '../../api/keys';
import { useCurrentMe } from '../auth/auth';
import { useToast } from '../../ui/Toast';
import { bySortOrder, useDepartments, useStaffList, useUsers } from './queries';
import type { Department, Staff, User } from '../../api/models';
import { isVirtualStaff } from '../calendar/model';
import { STAFF_KIND_LABELS } from './labels';
import { StaffHoursSection } from './StaffHours';

const DEFAULT_COLOR = '#22a06b';

function useInvalidateStaff() {
  const queryClient = useQueryClient();
  return () => {
    queryClient.invalidateQueries({ queryKey: keys.staff });
    queryClient.invalidateQueries({ queryKey: keys.calendar.all });
  };
}

export function StaffSettings() {
  const me = useCurrentMe();
  const staff = useStaffList();
  const users = useUsers();
  const departments = useDepartments();
  const departmentsEnabled = me.business.departmentsEnabled;
  const sortedDepartments = [...(departments.data ?? [])].sort(bySortOrder);
  const list = [...(staff.data ?? [])].sort((a, b) => Number(isVirtualStaff(b)) - Number(isVirtualStaff(a)) || bySortOrder(a, b));
  const userNames = new Map((users.data ?? []).map((u) => [u.id, u.name]));
  const linkableUsers = (users.data ?? []).filter((u) => u.active && !list.some((s) => s.userId === u.id));

  return (
    <>
      <h2 className="settings-title">담당자 관리</h2>
      <p className="muted settings-help">
        일정을 배정받는 사람(사용자)이나 자원(진료실, 베드 등)입니다. 네이버예약으로 들어온 일정은 가상 담당자 "네이버예약"에 먼저
        배정됩니다.
      </p>
      <div className="card">
        {staff.isError && <p className="form-error">{errorMessage(staff.error)}</p>}
        <table className="table">
          <thead>
            <tr>
              <th className="col-narrow">색상</th>
              <th>이름</th>
              <th>유형</th>
              <th>연결된 사용자</th>
              {departmentsEnabled && <th>부서</th>}
              <th className="col-narrow">사용</th>
              <th className="col-actions" />
            </tr>
          </thead>
          <tbody>
            {list.map((s) => (
              <StaffRow
                key={`${s.id}:${s.name}:${s.color}:${s.departmentId}:${s.active}`}
                staff={s}
                userName={s.userId ? userNames.get(s.userId) : undefined}
                departments={departmentsEnabled ? sortedDepartments : null}
              />
            ))}
          </tbody>
        </table>
        {staff.isSuccess && list.every(isVirtualStaff) && (
          <p className="muted center">담당자가 없습니다. 아래에서 담당자를 추가하세요.</p>
        )}
      </div>
      <AddStaffForm users={linkableUsers} departments={departmentsEnabled ? sortedDepartments : null} />
      <StaffHoursSection staff={list.filter((s) => !isVirtualStaff(s) && s.active)} />
    </>
  );
}

interface StaffRowProps {
  staff: Staff;
  userName: string | undefined;
  departments: Department[] | null;
}

function StaffRow({ staff, userName, departments }: StaffRowProps) {
  const toast = useToast();
  const invalidate = useInvalidateStaff();
  const isVirtual = isVirtualStaff(staff);
  const [name, setName] = useState(staff.name);
  const [color, setColor] = useState(staff.color);
  const [departmentId, setDepartmentId] = useState(staff.departmentId ?? '');
  const [active, setActive] = useState(staff.active);
  const dirty =
    name !== staff.name || color !== staff.color || departmentId !== (staff.departmentId ?? '') || active !== staff.active;

  const save = useMutation({
    // The server lets the virtual "네이버예약" and "예약페이지" staff change only their colour and order.
    mutationFn: () =>
      api.patch('/api/staff/{id}', {
        path: { id: staff.id },
        body: isVirtual ? { color } : { name: name.trim(), color, ...(departments ? { departmentId: departmentId || null } : {}), active },
      }),
    onSuccess: () => {
      toast('담당자를 저장했습니다.', 'success');
      invalidate();
    },
    onError: (error) => toast(errorMessage(error), 'error'),
  });

  const remove = useMutation({
    mutationFn: () => api.delete('/api/staff/{id}', { path: { id: staff.id } }),
    onSuccess: () => invalidate(),
    onError: (error) => toast(errorMessage(error), 'error'),
  });

  return (
    <tr className={staff.kind === 'naver' ? 'row-naver' : undefined} data-testid="staff-row">
      <td>
        <input type="color" value={color} onChange={(event) => setColor(event.target.value)} aria-label="색상" />
      </td>
      <td>
        {isVirtual ? (
          <span className="strong">
            {staff.kind === 'naver' ? <span className="naver-mark">N</span> : <span className="booking-page-mark">예</span>} {staff.name}
          </span>
        ) : (
          <input value={name} onChange={(event) => setName(event.target.value)} aria-label="이름" />
        )}
      </td>
      <td>{STAFF_KIND_LABELS[staff.kind]}</td>
      <td>{userName ?? '-'}</td>
      {departments && (
        <td>
          <select value={departmentId} onChange={(event) => setDepartmentId(event.target.value)} aria-label="부서" disabled={isVirtual}>
            <option value="">부서 없음</option>
            {departments.map((d) => (
              <option key={d.id} value={d.id}>
                {d.name}
              </option>
            ))}
          </select>
        </td>
      )}
      <td>
        <input type="checkbox" checked={active} onChange={(event) => setActive(event.target.checked)} aria-label="사용" disabled={isVirtual} />
      </td>
      <td>
        <div className="row-actions">
          <button type="button" className="btn btn-sm" disabled={!dirty || !name.trim() || save.isPending} onClick={() => save.mutate()}>
            저장
          </button>
          {!isVirtual && (
            <button
              type="button"
              className="btn btn-sm btn-danger"
              disabled={remove.isPending}
              onClick={() => window.confirm(`'${staff.name}' 담당자를 삭제할까요?`) && remove.mutate()}
            >
              삭제
            </button>
          )}
        </div>
      </td>
    </tr>
  );
}

function AddStaffForm({ users, departments }: { users: User[]; departments: Department[] | null }) {
  const toast = useToast();
  const invalidate = useInvalidateStaff();
  const [kind, setKind] = useState<'resource' | 'user'>('resource');
  const [userId, setUserId] = useState('');
  const [name, setName] = useState('');
  const [departmentId, setDepartmentId] = useState('');
  const [color, setColor] = useState(DEFAULT_COLOR);
  const [formError, setFormError] = useState<string | null>(null);

  const create = useMutation({
    mutationFn: () =>
      api.post('/api/staff', {
        body:
          kind === 'user'
            ? { name: name.trim(), kind, userId, ...(departmentId ? { departmentId } : {}), color }
            : { name: name.trim(), kind, ...(departmentId ? { departmentId } : {}), color },
      }),
    onSuccess: () => {
      setName('');
      setUserId('');
      toast('담당자를 추가했습니다.', 'success');
      invalidate();
    },
    onError: (error) => setFormError(errorMessage(error)),
  });

  function chooseUser(id: string) {
    setUserId(id);
    const user = users.find((u) => u.id === id);
    if (user) setName(user.name);
  }

  function submit(event: FormEvent) {
    event.preventDefault();
    setFormError(null);
    if (kind === 'user' && !userId) return setFormError('연결할 사용자를 선택하세요.');
    if (!name.trim()) return setFormError('이름을 입력하세요.');
    create.mutate();
  }

  return (
    <form className="card form-grid" onSubmit={submit}>
      <h3>담당자 추가</h3>
      <div className="radio-row" role="radiogroup" aria-label="유형">
        <label className="checkbox">
          <input type="radio" name="staff-kind" checked={kind === 'resource'} onChange={() => setKind('resource')} />
          <span>리소스 (로그인 없음)</span>
        </label>
        <label className="checkbox">
          <input type="radio" name="staff-kind" checked={kind === 'user'} onChange={() => setKind('user')} />
          <span>사용자 연결</span>
        </label>
      </div>
      <div className="field-row">
        {kind === 'user' && (
          <label className="field">
            <span>사용자</span>
            <select value={userId} onChange={(event) => chooseUser(event.target.value)}>
              <option value="">선택하세요</option>
              {users.map((u) => (
                <option key={u.id} value={u.id}>
                  {u.name} ({u.email})
                </option>
              ))}
            </select>
          </label>
        )}
        <label className="field">
          <span>이름</span>
          <input value={name} onChange={(event) => setName(event.target.value)} placeholder={kind === 'resource' ? '예: 1번 진료실' : ''} />
        </label>
        {departments && (
          <label className="field">
            <span>부서</span>
            <select value={departmentId} onChange={(event) => setDepartmentId(event.target.value)}>
              <option value="">부서 없음</option>
              {departments.map((d) => (
                <option key={d.id} value={d.id}>
                  {d.name}
                </option>
              ))}
            </select>
          </label>
        )}
        <label className="field field-color">
          <span>색상</span>
          <input type="color" value={color} onChange={(event) => setColor(event.target.value)} />
        </label>
      </div>
      {kind === 'user' && users.length === 0 && <p className="muted">연결할 수 있는 사용자가 없습니다. 사용자 관리에서 먼저 초대하세요.</p>}
      {formError && <p className="form-error">{formError}</p>}
      <div className="form-actions">
        <button type="submit" className="btn btn-primary" disabled={create.isPending}>
          + 담당자 추가
        </button>
      </div>
    </form>
  );
}
