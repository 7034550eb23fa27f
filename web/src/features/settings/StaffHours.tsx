import { useState, type FormEvent } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, errorMessage } from '../../api/client';
import { keys } from '../../api/keys';
import type { Staff } from '../../api/models';
import { ConfirmDialog } from '../../ui/ConfirmDialog';
import { Field } from '../../ui/Field';
import { fieldErrorsOf, formMessage } from '../../ui/fieldErrors';
import { useToast } from '../../ui/Toast';
import { addDays, fromLocalInput, todayKey } from '../../../../src/shared/time';
import { STAFF_ABSENCE_KIND_LABELS } from '../../../../src/shared/labels/staff-hours';
import { useCurrentMe } from '../auth/auth';
import { WEEKDAY_LABELS } from '../partner-catalog/labels';
import { DEFAULT_WEEK, WeekHoursEditor, WeeklySummary, badWeekdays, weekDraftOf, weeklyHoursOfDraft, type WeekDraft } from '../partner-catalog/WeekHours';
// The weekday editor's look (cat-week…) lives with it in the partner center.
import '../partner-catalog/catalog.css';

/**
 * OPS-2: 설정 > 담당자 관리, one staff member at a time: 근무 시간 (weekday
 * rows; a weekday without ranges is 휴무; off = always available) and the
 * list of 휴무·휴가·외근 with add and delete. The calendar shades them, a
 * schedule on them asks first, and products assigned to the staff do not
 * offer them.
 */

type AbsenceKind = keyof typeof STAFF_ABSENCE_KIND_LABELS;
type Absence = Awaited<ReturnType<typeof fetchHours>>['absences'][number];

const fetchHours = (staffId: string) => api.get('/api/staff/{id}/hours', { path: { id: staffId } });
const hoursKey = (staffId: string) => [...keys.staff, staffId, 'hours'] as const;

function useRefreshHours(staffId: string) {
  const queryClient = useQueryClient();
  return () => {
    queryClient.invalidateQueries({ queryKey: hoursKey(staffId) });
    queryClient.invalidateQueries({ queryKey: keys.calendar.all });
  };
}

export function StaffHoursSection({ staff }: { staff: Staff[] }) {
  const [chosen, setChosen] = useState('');
  const staffId = staff.some((s) => s.id === chosen) ? chosen : (staff[0]?.id ?? '');
  const hours = useQuery({ queryKey: hoursKey(staffId), queryFn: () => fetchHours(staffId), enabled: Boolean(staffId) });

  return (
    <section className="card form-grid" data-testid="staff-hours">
      <h3>근무 시간·휴무</h3>
      <p className="muted">
        담당자의 근무 시간과 휴무·휴가·외근은 캘린더에 회색으로 표시되고, 그 시간에 일정을 넣으면 한 번 더 묻습니다. 담당자가 정해진 상품은 이 시간에 예약을 받지
        않습니다.
      </p>
      {staff.length === 0 ? (
        <p className="muted">근무 시간을 정할 담당자가 없습니다. 먼저 담당자를 추가하세요.</p>
      ) : (
        <>
          <label className="field">
            <span>담당자</span>
            <select value={staffId} onChange={(event) => setChosen(event.target.value)} aria-label="근무 시간을 정할 담당자">
              {staff.map((s) => (
                <option key={s.id} value={s.id}>
                  {s.name}
                </option>
              ))}
            </select>
          </label>
          {hours.isError && <p className="form-error">{errorMessage(hours.error)}</p>}
          {hours.data && (
            <div key={staffId}>
              <WeeklyHoursForm staffId={staffId} weeklyHours={hours.data.weeklyHours} />
              <Absences staffId={staffId} absences={hours.data.absences} />
            </div>
          )}
        </>
      )}
    </section>
  );
}

type StaffWeek = NonNullable<Awaited<ReturnType<typeof fetchHours>>['weeklyHours']>;

function WeeklyHoursForm({ staffId, weeklyHours }: { staffId: string; weeklyHours: StaffWeek | null }) {
  const toast = useToast();
  const refresh = useRefreshHours(staffId);
  const [limited, setLimited] = useState(weeklyHours !== null);
  const [week, setWeek] = useState<WeekDraft>(weeklyHours ? weekDraftOf(weeklyHours) : DEFAULT_WEEK);
  const [error, setError] = useState<string | null>(null);

  const save = useMutation({
    mutationFn: () => {
      const draft = weeklyHoursOfDraft(week);
      const body: StaffWeek = { 1: draft['1'] ?? [], 2: draft['2'] ?? [], 3: draft['3'] ?? [], 4: draft['4'] ?? [], 5: draft['5'] ?? [], 6: draft['6'] ?? [], 7: draft['7'] ?? [] };
      return api.put('/api/staff/{id}/hours', { path: { id: staffId }, body: { weeklyHours: limited ? body : null } });
    },
    onSuccess: () => {
      refresh();
      toast('근무 시간을 저장했습니다.', 'success');
    },
    onError: (e) => setError(fieldErrorsOf(e).get('weeklyHours') ?? formMessage(e)),
  });

  function submit(event: FormEvent) {
    event.preventDefault();
    setError(null);
    const bad = limited ? badWeekdays(week) : [];
    if (bad.length > 0) return setError(`${bad.map((d) => WEEKDAY_LABELS[d]).join(', ')}요일: 시작 시간은 종료 시간보다 빨라야 합니다.`);
    save.mutate();
  }

  return (
    <form className="form-grid" onSubmit={submit} noValidate data-testid="staff-weekly-hours">
      <h4>근무 시간</h4>
      <label className="switch-row">
        <input
          type="checkbox"
          className="switch"
          checked={limited}
          onChange={(event) => {
            setLimited(event.target.checked);
            setError(null);
          }}
        />
        <span>
          <strong>근무 시간 {limited ? '사용' : '사용 안 함'}</strong>
          <span className="muted block">{limited ? '시간대가 없는 요일은 휴무입니다. 근무 시간 밖은 캘린더에 회색으로 보입니다.' : '언제나 근무하는 것으로 봅니다.'}</span>
        </span>
      </label>
      {limited && (
        <WeekHoursEditor
          week={week}
          onChange={(next) => {
            setWeek(next);
            setError(null);
          }}
        />
      )}
      {!limited && weeklyHours && (
        <p className="muted">
          지금 저장된 근무 시간: <WeeklySummary hours={weeklyHours} />
        </p>
      )}
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
      <div className="form-actions">
        <button type="submit" className="btn btn-primary btn-sm" disabled={save.isPending}>
          {save.isPending ? '저장 중…' : '근무 시간 저장'}
        </button>
      </div>
    </form>
  );
}

interface AbsenceDraft {
  kind: AbsenceKind;
  allDay: boolean;
  startsOn: string;
  endsOn: string;
  startsAt: string;
  endsAt: string;
  memo: string;
}

function Absences({ staffId, absences }: { staffId: string; absences: Absence[] }) {
  const me = useCurrentMe();
  const timeZone = me.business.timeZone;
  const tomorrow = addDays(todayKey(timeZone), 1);
  const toast = useToast();
  const refresh = useRefreshHours(staffId);
  const [draft, setDraft] = useState<AbsenceDraft>({ kind: 'vacation', allDay: true, startsOn: tomorrow, endsOn: tomorrow, startsAt: `${tomorrow}T14:00`, endsAt: `${tomorrow}T16:00`, memo: '' });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [deleting, setDeleting] = useState<Absence | null>(null);

  /** Editing a field clears its error (and the form's). */
  function change(patch: Partial<AbsenceDraft>) {
    setDraft((d) => ({ ...d, ...patch }));
    // Switching 하루 종일 swaps the date and time fields, so their errors go too.
    const cleared = new Set<string>('allDay' in patch ? ['startsOn', 'endsOn', 'startsAt', 'endsAt', ...Object.keys(patch)] : Object.keys(patch));
    setErrors((e) => Object.fromEntries(Object.entries(e).filter(([name]) => !cleared.has(name))));
    setFormError(null);
  }

  const add = useMutation({
    mutationFn: () => {
      const common = { kind: draft.kind, ...(draft.memo.trim() ? { memo: draft.memo.trim() } : {}) };
      const body = draft.allDay
        ? { ...common, startsOn: draft.startsOn, endsOn: draft.endsOn }
        : { ...common, startsAt: fromLocalInput(draft.startsAt, timeZone) ?? '', endsAt: fromLocalInput(draft.endsAt, timeZone) ?? '' };
      return api.post('/api/staff/{id}/absences', { path: { id: staffId }, body });
    },
    onSuccess: (saved) => {
      refresh();
      toast(`${saved.kindLabel} 등록: ${saved.when}`, 'success');
      setDraft((d) => ({ ...d, memo: '' }));
    },
    onError: (e) => {
      const fields = { ...fieldErrorsOf(e).byName };
      setErrors(fields);
      // A message the form shows beside its field is not repeated under it.
      setFormError(Object.keys(fields).length > 0 ? null : formMessage(e));
    },
  });

  const remove = useMutation({
    mutationFn: (absence: Absence) => api.delete('/api/staff/{id}/absences/{absenceId}', { path: { id: staffId, absenceId: absence.id } }),
    onSuccess: () => {
      refresh();
      setDeleting(null);
      toast('삭제했습니다.', 'success');
    },
  });

  function submit(event: FormEvent) {
    event.preventDefault();
    const found: Record<string, string> = {};
    if (draft.allDay) {
      if (!draft.startsOn) found.startsOn = '시작일을 고르세요.';
      if (!draft.endsOn) found.endsOn = '종료일을 고르세요.';
      else if (draft.startsOn && draft.endsOn < draft.startsOn) found.endsOn = '종료일은 시작일과 같거나 늦어야 합니다.';
    } else {
      if (!draft.startsAt) found.startsAt = '시작 시각을 고르세요.';
      if (!draft.endsAt) found.endsAt = '종료 시각을 고르세요.';
      else if (draft.startsAt && draft.endsAt <= draft.startsAt) found.endsAt = '종료 시각은 시작 시각보다 늦어야 합니다.';
    }
    setErrors(found);
    setFormError(null);
    if (Object.keys(found).length === 0) add.mutate();
  }

  return (
    <div className="form-grid" data-testid="staff-absences">
      <h4>휴무·휴가·외근</h4>
      {absences.length === 0 ? (
        <p className="muted" data-testid="absences-empty">
          등록된 휴무·휴가·외근이 없습니다.
        </p>
      ) : (
        <table className="table">
          <thead>
            <tr>
              <th>종류</th>
              <th>기간</th>
              <th>메모</th>
              <th className="col-actions" />
            </tr>
          </thead>
          <tbody>
            {absences.map((absence) => (
              <tr key={absence.id} data-testid="absence-row">
                <td>
                  <span className="badge">{absence.kindLabel}</span>
                </td>
                <td>{absence.when}</td>
                <td>{absence.memo || <span className="muted">-</span>}</td>
                <td>
                  <button type="button" className="btn btn-sm btn-danger" onClick={() => setDeleting(absence)}>
                    삭제
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <form className="form-grid" onSubmit={submit} noValidate data-testid="absence-form">
        <div className="field-row">
          <Field label="종류">
            <select value={draft.kind} onChange={(event) => change({ kind: event.target.value as AbsenceKind })}>
              {(Object.keys(STAFF_ABSENCE_KIND_LABELS) as AbsenceKind[]).map((kind) => (
                <option key={kind} value={kind}>
                  {STAFF_ABSENCE_KIND_LABELS[kind]}
                </option>
              ))}
            </select>
          </Field>
          <label className="checkbox">
            <input type="checkbox" checked={draft.allDay} onChange={(event) => change({ allDay: event.target.checked })} />
            <span>하루 종일</span>
          </label>
        </div>
        <div className="field-row">
          {draft.allDay ? (
            <>
              <Field label="시작일" error={errors.startsOn}>
                <input type="date" value={draft.startsOn} onChange={(event) => change({ startsOn: event.target.value, ...(draft.endsOn < event.target.value ? { endsOn: event.target.value } : {}) })} />
              </Field>
              <Field label="종료일" error={errors.endsOn}>
                <input type="date" value={draft.endsOn} min={draft.startsOn} onChange={(event) => change({ endsOn: event.target.value })} />
              </Field>
            </>
          ) : (
            <>
              <Field label="시작" error={errors.startsAt}>
                <input type="datetime-local" step={600} value={draft.startsAt} onChange={(event) => change({ startsAt: event.target.value })} />
              </Field>
              <Field label="종료" error={errors.endsAt}>
                <input type="datetime-local" step={600} value={draft.endsAt} onChange={(event) => change({ endsAt: event.target.value })} />
              </Field>
            </>
          )}
          <Field label="메모" error={errors.memo}>
            <input value={draft.memo} maxLength={100} placeholder="예: 학회, 방문 시술" onChange={(event) => change({ memo: event.target.value })} />
          </Field>
        </div>
        {formError && <p className="form-error">{formError}</p>}
        <div className="form-actions">
          <button type="submit" className="btn btn-primary btn-sm" disabled={add.isPending}>
            {add.isPending ? '등록 중…' : `+ ${STAFF_ABSENCE_KIND_LABELS[draft.kind]} 등록`}
          </button>
        </div>
      </form>
      {deleting && (
        <ConfirmDialog
          title={`${deleting.kindLabel} 삭제`}
          confirmLabel="삭제"
          danger
          busy={remove.isPending}
          error={remove.isError ? errorMessage(remove.error) : null}
          onConfirm={() => remove.mutate(deleting)}
          onCancel={() => {
            setDeleting(null);
            remove.reset();
          }}
        >
          <p>
            {deleting.when} {deleting.kindLabel}
            {deleting.memo ? `(${deleting.memo})` : ''} 일정을 삭제할까요? 이미 잡힌 예약과 일정은 그대로 둡니다.
          </p>
        </ConfirmDialog>
      )}
    </div>
  );
}
