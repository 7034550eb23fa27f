import { OverlapDialog } from './OverlapDialog';
import { alreadyOverridden, overrideFor, refusalOf, type ScheduleOverride, type ScheduleRefusal } from './overlap';
import { useState, type FormEvent } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, errorMessage } from '../../api/client';
import { keys } from '../../api/keys';
import { useCurrentMe } from '../auth/auth';
import { SCHEDULE_STATUS_LABELS } from '../../../../src/shared/labels/schedules';
import { bySortOrder, useDepartments, useMemoTypes, useStaffList } from '../settings/queries';
import { fromLocalInput, toLocalInput, zonedToUtc } from '../../../../src/shared/time';
import type { ScheduleDetail } from '../../api/models';
import { CustomerPicker, type CustomerChoice } from '../customers/CustomerPicker';
import { Modal } from '../../ui/Modal';
import { isVirtualStaff } from './model';
import { useToast } from '../../ui/Toast';

export interface NewScheduleDraft {
  dateKey: string;
  startMinutes: number;
  staffId: string | null;
  departmentId: string | null;
}

const DEFAULT_DURATION_MINUTES = 30;

interface NewScheduleModalProps {
  draft: NewScheduleDraft;
  onClose: () => void;
  onCreated: (schedule: ScheduleDetail) => void;
}

export function NewScheduleModal({ draft, onClose, onCreated }: NewScheduleModalProps) {
  const me = useCurrentMe();
  const timeZone = me.business.timeZone;
  const queryClient = useQueryClient();
  const toast = useToast();
  const staff = useStaffList();
  const departments = useDepartments();
  const memoTypes = useMemoTypes();

  const staffOptions = (staff.data ?? []).filter((s) => s.active).sort(bySortOrder);
  const visibleMemoTypes = (memoTypes.data ?? []).filter((type) => type.visible).sort(bySortOrder);

  const start = zonedToUtc(draft.dateKey, draft.startMinutes, timeZone);
  const [customer, setCustomer] = useState<CustomerChoice>(null);
  const [staffId, setStaffId] = useState(draft.staffId ?? '');
  const [departmentId, setDepartmentId] = useState(draft.departmentId ?? '');
  const [startsAt, setStartsAt] = useState(toLocalInput(start.toISOString(), timeZone));
  const [endsAt, setEndsAt] = useState(
    toLocalInput(new Date(start.getTime() + DEFAULT_DURATION_MINUTES * 60_000).toISOString(), timeZone),
  );
  const [status, setStatus] = useState<'confirmed' | 'pending'>('confirmed');
  const [memoTypeId, setMemoTypeId] = useState('');
  const [memo, setMemo] = useState('');
  const [formError, setFormError] = useState<string | null>(null);
  const [overlap, setOverlap] = useState<{ refusal: ScheduleRefusal; input: { customer: NonNullable<CustomerChoice>; startsAt: string; endsAt: string; override?: ScheduleOverride } } | null>(null);

  const chosenStaffId = staffId || staffOptions.find((s) => !isVirtualStaff(s))?.id || '';
  const chosenMemoTypeId = memoTypeId || visibleMemoTypes[0]?.id || '';

  const create = useMutation({
    mutationFn: async (input: { customer: NonNullable<CustomerChoice>; startsAt: string; endsAt: string; override?: ScheduleOverride }) => {
      let customerId: string;
      if (input.customer.kind === 'new') {
        const created = await api.post('/api/customers', { body: { name: input.customer.name.trim(), phone: input.customer.phone.trim() } });
        // Keep the created customer selected so a retry after a schedule error does not register them twice.
        setCustomer({ kind: 'existing', customer: created });
        queryClient.invalidateQueries({ queryKey: keys.customers.all });
        customerId = created.id;
      } else {
        customerId = input.customer.customer.id;
      }
      return api.post('/api/schedules', {
        body: {
          customerId,
          staffId: chosenStaffId,
          ...(me.business.departmentsEnabled && departmentId ? { departmentId } : {}),
          startsAt: input.startsAt,
          endsAt: input.endsAt,
          status,
          ...(memo.trim() && chosenMemoTypeId ? { memo: { memoTypeId: chosenMemoTypeId, body: memo.trim() } } : {}),
          ...input.override,
        },
      });
    },
    onSuccess: (schedule) => {
      queryClient.invalidateQueries({ queryKey: keys.calendar.all });
      toast('일정을 등록했습니다.', 'success');
      onCreated(schedule);
    },
    onError: (error, input) => {
      const refusal = refusalOf(error);
      // The customer may have just been registered: the retry uses the same one.
      if (refusal && !alreadyOverridden(refusal, input.override)) setOverlap({ refusal, input });
      else setFormError(errorMessage(error));
    },
  });

  function submit(event: FormEvent) {
    event.preventDefault();
    setFormError(null);
    if (!customer) return setFormError('고객을 선택하세요.');
    if (customer.kind === 'new' && (!customer.name.trim() || !customer.phone.trim())) {
      return setFormError('새 고객의 이름과 전화번호를 입력하세요.');
    }
    if (!chosenStaffId) return setFormError('담당자를 선택하세요.');
    const startIso = fromLocalInput(startsAt, timeZone);
    const endIso = fromLocalInput(endsAt, timeZone);
    if (!startIso || !endIso) return setFormError('시작과 종료 시간을 입력하세요.');
    if (Date.parse(endIso) <= Date.parse(startIso)) return setFormError('종료 시간은 시작 시간보다 늦어야 합니다.');
    create.mutate({ customer, startsAt: startIso, endsAt: endIso });
  }

  return (
    <Modal title="새 일정" onClose={onClose} width={480}>
      <form className="form-grid" onSubmit={submit} data-testid="new-schedule-form">
        <div className="field">
          <span>고객</span>
          <CustomerPicker value={customer} onChange={setCustomer} />
        </div>
        <label className="field">
          <span>담당자</span>
          <select value={chosenStaffId} onChange={(event) => setStaffId(event.target.value)} required>
            {staffOptions.map((s) => (
              <option key={s.id} value={s.id}>
                {s.name}
              </option>
            ))}
          </select>
        </label>
        {me.business.departmentsEnabled && (
          <label className="field">
            <span>부서</span>
            <select value={departmentId} onChange={(event) => setDepartmentId(event.target.value)}>
              {/* Left empty, the server files the schedule under the staff's own department. */}
              <option value="">담당자 기본 부서</option>
              {[...(departments.data ?? [])].sort(bySortOrder).map((d) => (
                <option key={d.id} value={d.id}>
                  {d.name}
                </option>
              ))}
            </select>
          </label>
        )}
        <div className="field-row">
          <label className="field">
            <span>시작</span>
            <input type="datetime-local" value={startsAt} onChange={(event) => setStartsAt(event.target.value)} required />
          </label>
          <label className="field">
            <span>종료</span>
            <input type="datetime-local" value={endsAt} onChange={(event) => setEndsAt(event.target.value)} required />
          </label>
        </div>
        <label className="field">
          <span>상태</span>
          <select value={status} onChange={(event) => setStatus(event.target.value as 'confirmed' | 'pending')}>
            <option value="confirmed">{SCHEDULE_STATUS_LABELS.confirmed}</option>
            <option value="pending">{SCHEDULE_STATUS_LABELS.pending}</option>
          </select>
        </label>
        {visibleMemoTypes.length > 0 && (
          <div className="field">
            <span>메모</span>
            <div className="memo-form">
              <select value={chosenMemoTypeId} onChange={(event) => setMemoTypeId(event.target.value)} aria-label="메모 종류">
                {visibleMemoTypes.map((type) => (
                  <option key={type.id} value={type.id}>
                    {type.name}
                  </option>
                ))}
              </select>
              <textarea rows={3} value={memo} onChange={(event) => setMemo(event.target.value)} placeholder="요청사항, 시술 내용 등" />
            </div>
          </div>
        )}
        {formError && <p className="form-error">{formError}</p>}
        {overlap && (
          <OverlapDialog
            refusal={overlap.refusal}
            timeZone={timeZone}
            busy={create.isPending}
            onCancel={() => setOverlap(null)}
            onConfirm={() => {
              const retry = overlap.input.customer.kind === 'new' && customer?.kind === 'existing' ? { ...overlap.input, customer } : overlap.input;
              setOverlap(null);
              // A second refusal (overlap after 휴무, or the reverse) asks again, keeping the first choice.
              create.mutate({ ...retry, override: { ...retry.override, ...overrideFor(overlap.refusal) } });
            }}
          />
        )}
        <div className="form-actions">
          <button type="button" className="btn" onClick={onClose}>
            취소
          </button>
          <button type="submit" className="btn btn-primary" disabled={create.isPending}>
            등록
          </button>
        </div>
      </form>
    </Modal>
  );
}
