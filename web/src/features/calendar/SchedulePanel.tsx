import { useEffect, useRef, useState, type FormEvent } from 'react';
import { Link } from 'react-router-dom';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, errorMessage, type Body } from '../../api/client';
import { keys } from '../../api/keys';
import { canManageSettings, canUsePartnerBookings, hasPermission, useCurrentMe } from '../auth/auth';
import { formatDateTime, formatPhone, formatTime } from '../../../../src/shared/format';
import { SCHEDULE_SOURCE_LABELS, SCHEDULE_STATUS_LABELS } from '../../../../src/shared/labels/schedules';
import {
  NAVER_BUSINESS_CANCEL_REASON,
  NAVER_COMMAND_LABELS,
  NAVER_COMMAND_STATUS_LABELS,
  NAVER_DEPARTMENT_CHANGE_WARNING,
} from '../../../../src/shared/labels/naver';
import { describeHistory } from './history';
import { bySortOrder, useDepartments, useMemoTypes, useNaverConnection, useStaffList } from '../settings/queries';
import { fromLocalInput, toLocalInput } from '../../../../src/shared/time';
import { ScheduleNoticeHistory } from '../messages/NoticeHistory';
import { OverlapDialog } from './OverlapDialog';
import { alreadyOverridden, overrideFor, refusalOf, type ScheduleRefusal } from './overlap';
import type { NaverCommand, NaverScheduleSync, ScheduleDetail, ScheduleMemo, ScheduleStatus } from '../../api/models';
import { ConfirmDialog } from '../../ui/ConfirmDialog';
import { SourceBadge, StatusBadge } from './StatusBadge';
import { useToast } from '../../ui/Toast';

type SchedulePatch = Body<'/api/schedules/{id}', 'patch'>;

interface SchedulePanelProps {
  scheduleId: string;
  onClose: () => void;
}

export function SchedulePanel({ scheduleId, onClose }: SchedulePanelProps) {
  const schedule = useQuery({
    queryKey: keys.schedule.one(scheduleId),
    queryFn: () => api.get('/api/schedules/{id}', { path: { id: scheduleId } }),
  });

  return (
    <div className="drawer-backdrop" onMouseDown={(event) => event.target === event.currentTarget && onClose()}>
      <aside className="drawer" data-testid="schedule-panel" aria-label="일정 상세">
        <div className="drawer-header">
          <h2>일정 상세</h2>
          <button type="button" className="icon-btn" aria-label="닫기" onClick={onClose}>
            ✕
          </button>
        </div>
        {schedule.isPending && <p className="muted drawer-section">불러오는 중…</p>}
        {schedule.isError && <p className="form-error drawer-section">{errorMessage(schedule.error)}</p>}
        {schedule.data && <ScheduleDetails schedule={schedule.data} />}
      </aside>
    </div>
  );
}

function useInvalidateSchedule(scheduleId: string) {
  const queryClient = useQueryClient();
  return () => {
    queryClient.invalidateQueries({ queryKey: keys.schedule.one(scheduleId) });
    queryClient.invalidateQueries({ queryKey: keys.schedule.history(scheduleId) });
    // A confirmation, cancellation or move writes (or cancels) the customer's notices.
    queryClient.invalidateQueries({ queryKey: keys.notices('schedule', scheduleId) });
    // A decision on a Naver schedule writes a command to send; its row appears (and is polled) in the sync block.
    queryClient.invalidateQueries({ queryKey: keys.schedule.naver(scheduleId) });
    queryClient.invalidateQueries({ queryKey: keys.calendar.all });
    queryClient.invalidateQueries({ queryKey: keys.customer.schedulesAll });
    // A booking-page schedule's status is its booking's: the partner center's lists and counts follow.
    queryClient.invalidateQueries({ queryKey: keys.partner.all });
  };
}

function ScheduleDetails({ schedule }: { schedule: ScheduleDetail }) {
  const me = useCurrentMe();
  const canEdit = hasPermission(me, 'schedules.edit');
  return (
    <div className="drawer-body">
      <section className="drawer-section">
        <div className="panel-customer">
          <Link to={`/customers/${schedule.customer.id}`} className="panel-customer-name">
            {schedule.customer.name}
          </Link>
          <span className="panel-phone">{formatPhone(schedule.customer.phone)}</span>
        </div>
        <div className="panel-meta">
          <StatusBadge status={schedule.status} rejected={schedule.rejected} />
          <SourceBadge source={schedule.source} />
          <span className="muted">{SCHEDULE_SOURCE_LABELS[schedule.source] ?? schedule.source}</span>
        </div>
      </section>
      {schedule.source === 'naver' && <NaverSyncSection schedule={schedule} canEdit={canEdit} />}
      {schedule.source === 'booking_page' && <BookingPageSection schedule={schedule} />}
      <ScheduleEditForm
        key={`${schedule.id}:${schedule.version}`}
        schedule={schedule}
        // Cancelled, completed and 노쇼 schedules are final on the server.
        canEdit={canEdit && schedule.status !== 'cancelled' && schedule.status !== 'completed' && schedule.status !== 'no_show'}
      />
      <StatusSection schedule={schedule} canEdit={canEdit} />
      <MemoSection schedule={schedule} canEdit={canEdit} />
      {schedule.source !== 'naver' && <ScheduleNoticeHistory scheduleId={schedule.id} />}
      <HistorySection scheduleId={schedule.id} />
    </div>
  );
}

function ScheduleEditForm({ schedule, canEdit }: { schedule: ScheduleDetail; canEdit: boolean }) {
  const me = useCurrentMe();
  const timeZone = me.business.timeZone;
  const staff = useStaffList();
  const departments = useDepartments();
  const invalidate = useInvalidateSchedule(schedule.id);
  const toast = useToast();

  const [staffId, setStaffId] = useState(schedule.staffId);
  const [departmentId, setDepartmentId] = useState(schedule.departmentId ?? '');
  const [startsAt, setStartsAt] = useState(toLocalInput(schedule.startsAt, timeZone));
  const [endsAt, setEndsAt] = useState(toLocalInput(schedule.endsAt, timeZone));
  const [formError, setFormError] = useState<string | null>(null);
  const isNaver = schedule.source === 'naver';
  /** A Naver schedule's department change waits for the warning to be confirmed. */
  const [pendingChange, setPendingChange] = useState<SchedulePatch | null>(null);
  const [overlap, setOverlap] = useState<{ refusal: ScheduleRefusal; body: SchedulePatch } | null>(null);
  // Admins see which departments stand for a Naver product; others learn it from the server's answer.
  const naver = useNaverConnection(isNaver && me.business.departmentsEnabled && canManageSettings(me));
  const linkedDepartments = naver.data ? new Set(naver.data.products.map((p) => p.departmentId)) : null;

  const save = useMutation({
    mutationFn: (body: SchedulePatch) => api.patch('/api/schedules/{id}', { path: { id: schedule.id }, body }),
    onSuccess: () => {
      toast('일정을 저장했습니다.', 'success');
      invalidate();
    },
    onError: (error, body) => {
      const refusal = refusalOf(error);
      if (refusal && !alreadyOverridden(refusal, body)) setOverlap({ refusal, body });
      else setFormError(errorMessage(error));
    },
  });

  function submit(event: FormEvent) {
    event.preventDefault();
    setFormError(null);
    const start = fromLocalInput(startsAt, timeZone);
    const end = fromLocalInput(endsAt, timeZone);
    if (!start || !end) return setFormError('시작과 종료 시간을 입력하세요.');
    if (Date.parse(end) <= Date.parse(start)) return setFormError('종료 시간은 시작 시간보다 늦어야 합니다.');

    const body: SchedulePatch = { version: schedule.version };
    if (staffId !== schedule.staffId) body.staffId = staffId;
    if (me.business.departmentsEnabled && departmentId !== (schedule.departmentId ?? '')) body.departmentId = departmentId || null;
    if (start !== new Date(schedule.startsAt).toISOString()) body.startsAt = start;
    if (end !== new Date(schedule.endsAt).toISOString()) body.endsAt = end;
    if (Object.keys(body).length === 1) return setFormError('변경된 내용이 없습니다.');
    if (isNaver && 'departmentId' in body) return setPendingChange(body);
    save.mutate(body);
  }

  const departmentName = (id: string) => (id ? (departments.data?.find((d) => d.id === id)?.name ?? '알 수 없는 부서') : '부서 없음');

  const staffOptions = (staff.data ?? []).filter((s) => s.active || s.id === schedule.staffId).sort(bySortOrder);

  return (
    <form className="drawer-section form-grid" onSubmit={submit}>
      <label className="field">
        <span>담당자</span>
        <select value={staffId} onChange={(event) => setStaffId(event.target.value)} disabled={!canEdit}>
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
          <select value={departmentId} onChange={(event) => setDepartmentId(event.target.value)} disabled={!canEdit}>
            <option value="">부서 없음</option>
            {[...(departments.data ?? [])].sort(bySortOrder).map((d) => (
              <option key={d.id} value={d.id}>
                {d.name}
                {linkedDepartments && !linkedDepartments.has(d.id) ? ' (네이버 상품 미연동)' : ''}
              </option>
            ))}
          </select>
          {isNaver && canEdit && <span className="muted field-help">네이버예약 상품과 연동된 부서로만 바꿀 수 있습니다.</span>}
        </label>
      )}
      <label className="field">
        <span>시작</span>
        <input type="datetime-local" value={startsAt} onChange={(event) => setStartsAt(event.target.value)} disabled={!canEdit} required />
      </label>
      <label className="field">
        <span>종료</span>
        <input type="datetime-local" value={endsAt} onChange={(event) => setEndsAt(event.target.value)} disabled={!canEdit} required />
      </label>
      {formError && <p className="form-error">{formError}</p>}
      {overlap && (
        <OverlapDialog
          refusal={overlap.refusal}
          timeZone={timeZone}
          busy={save.isPending}
          onCancel={() => setOverlap(null)}
          onConfirm={() => {
            const { body } = overlap;
            setOverlap(null);
            save.mutate({ ...body, ...overrideFor(overlap.refusal) });
          }}
        />
      )}
      {canEdit && (
        <div className="form-actions">
          <button type="submit" className="btn btn-primary" disabled={save.isPending}>
            저장
          </button>
        </div>
      )}
      {pendingChange && (
        <ConfirmDialog
          title="네이버 예약 부서 변경"
          confirmLabel="부서 변경"
          busy={save.isPending}
          onCancel={() => setPendingChange(null)}
          onConfirm={() => save.mutate(pendingChange, { onSettled: () => setPendingChange(null) })}
        >
          <p className="confirm-change">
            {departmentName(schedule.departmentId ?? '')} → <strong>{departmentName(String(pendingChange.departmentId ?? ''))}</strong>
          </p>
          <div className="hint hint-warning">{NAVER_DEPARTMENT_CHANGE_WARNING}</div>
        </ConfirmDialog>
      )}
    </form>
  );
}

/** What Naver tells the booking customer when the shop moves a Naver schedule to each status (seed 000). */
const NAVER_STATUS_NOTES: Partial<Record<ScheduleStatus, string>> = {
  confirmed: '예약확정: 예약고객에게도 네이버를 통해 예약확정 알림이 전달됩니다.',
  cancelled: `취소: 예약고객에게도 네이버를 통해 “${NAVER_BUSINESS_CANCEL_REASON}” 내용으로 알림이 전달됩니다.`,
  completed: '완료: 예약고객에게도 네이버를 통해 방문완료 알림이 전달됩니다.',
};

/** "예약확정으로", "노쇼로": the status with the particle its last syllable takes. */
function toStatus(status: ScheduleStatus): string {
  const label = SCHEDULE_STATUS_LABELS[status] ?? status;
  const code = label.charCodeAt(label.length - 1) - 0xac00;
  const batchim = code >= 0 && code < 11172 ? code % 28 : 0;
  return `${label}${batchim === 0 || batchim === 8 ? '로' : '으로'}`;
}

function StatusSection({ schedule, canEdit }: { schedule: ScheduleDetail; canEdit: boolean }) {
  const invalidate = useInvalidateSchedule(schedule.id);
  const queryClient = useQueryClient();
  const toast = useToast();
  const [error, setError] = useState<string | null>(null);
  const [confirmingCancel, setConfirmingCancel] = useState(false);
  const isNaver = schedule.source === 'naver';
  const isBookingPage = schedule.source === 'booking_page';
  // The customer page counts 노쇼 and visits, which a status change or its undo moves.
  const refresh = () => {
    invalidate();
    queryClient.invalidateQueries({ queryKey: keys.customer.one(schedule.customerId) });
  };

  const changeStatus = useMutation({
    mutationFn: ({ status, confirmEarly }: { status: ScheduleStatus; confirmEarly?: boolean }) =>
      api.post('/api/schedules/{id}/status', { path: { id: schedule.id }, body: { status, version: schedule.version, ...(confirmEarly ? { confirmEarly } : {}) } }),
    onSuccess: (changed) => {
      refresh();
      if (changed.undo) toast(`${toStatus(changed.status)} 바꿨습니다. 잘못 눌렀다면 10분 안에 되돌릴 수 있습니다.`, 'info');
    },
    onError: (err) => setError(errorMessage(err)),
  });

  const undo = useMutation({
    mutationFn: () => api.post('/api/schedules/{id}/status/undo', { path: { id: schedule.id }, body: { version: schedule.version } }),
    onSuccess: (restored) => {
      refresh();
      toast(`${toStatus(restored.status)} 되돌렸습니다.`, 'success');
    },
    onError: (err) => {
      setError(errorMessage(err));
      // The offer may have ended (time, a colleague, a notice sent): show the schedule as it is now.
      invalidate();
    },
  });

  function choose(status: ScheduleStatus) {
    setError(null);
    if (status === 'cancelled' && (isNaver || isBookingPage)) return setConfirmingCancel(true);
    if (status === 'cancelled' && !window.confirm('이 일정을 취소할까요?')) return;
    // OPS-4: 완료 before the visit has begun records a visit now (points, 방문수): asked, not assumed, and the server holds it.
    const early = status === 'completed' && Date.parse(schedule.startsAt) > Date.now();
    if (early && !window.confirm('아직 시작하지 않은 일정입니다. 완료로 바꾸면 지금 방문한 것으로 기록됩니다. 완료로 바꿀까요?')) return;
    if (status === 'no_show' && !window.confirm('고객이 오지 않은 것으로(노쇼) 표시할까요? 고객의 노쇼 횟수에 1회가 더해집니다. 잘못 눌렀다면 10분 안에 되돌릴 수 있습니다.')) return;
    changeStatus.mutate({ status, confirmEarly: early });
  }

  const choices = schedule.allowedStatuses.filter((status) => status !== schedule.status);
  // The shop declining a booking-page booking that awaits approval is its rejection (거절), as in the partner center.
  const rejects = isBookingPage && schedule.status === 'pending';
  const choiceLabel = (status: ScheduleStatus) => (rejects && status === 'cancelled' ? '거절' : (SCHEDULE_STATUS_LABELS[status] ?? status));
  const notes = isNaver && canEdit ? choices.flatMap((status) => NAVER_STATUS_NOTES[status] ?? []) : [];

  return (
    <>
      <section className="drawer-section">
        <h3>상태</h3>
        {isNaver && schedule.status === 'pending' && (
          <div className="hint hint-danger naver-pending-hint">[네이버예약] 확정대기 상태에서는 확정 또는 취소로만 변경이 가능합니다.</div>
        )}
        <div className="status-row">
          <StatusBadge status={schedule.status} rejected={schedule.rejected} />
          {canEdit && choices.length > 0 && <span className="muted">→</span>}
          {canEdit &&
            choices.map((status) => (
              <button
                key={status}
                type="button"
                className={`btn btn-sm status-btn status-btn-${status}`}
                onClick={() => choose(status)}
                disabled={changeStatus.isPending}
              >
                {choiceLabel(status)}
              </button>
            ))}
          {choices.length === 0 && <span className="muted">더 변경할 수 있는 상태가 없습니다.</span>}
        </div>
        {notes.length > 0 && (
          <ul className="naver-status-notes" data-testid="naver-status-notes">
            {notes.map((note) => (
              <li key={note}>{note}</li>
            ))}
          </ul>
        )}
        {error && <p className="form-error">{error}</p>}
        {confirmingCancel && isBookingPage && (
          <ConfirmDialog
            title={rejects ? '예약페이지 예약 거절' : '예약페이지 예약 취소'}
            confirmLabel={rejects ? '예약 거절' : '예약 취소'}
            cancelLabel="닫기"
            danger
            busy={changeStatus.isPending}
            onCancel={() => setConfirmingCancel(false)}
            onConfirm={() => changeStatus.mutate({ status: 'cancelled' }, { onSettled: () => setConfirmingCancel(false) })}
          >
            {rejects ? (
              <p>확정대기 중인 예약페이지 예약{schedule.bookingNumber ? ` ${schedule.bookingNumber}` : ''}을 거절합니다. 고객에게는 거절로 안내되고, 캘린더에는 거절로 남습니다.</p>
            ) : (
              <p>이 일정을 취소하면 예약페이지 예약{schedule.bookingNumber ? ` ${schedule.bookingNumber}` : ''}도 함께 취소됩니다.</p>
            )}
            <div className="hint hint-warning">{rejects ? '거절한' : '취소한'} 예약은 되돌릴 수 없습니다. 예약 수량은 다시 예약할 수 있게 풀립니다.</div>
          </ConfirmDialog>
        )}
        {confirmingCancel && isNaver && (
          <ConfirmDialog
            title="네이버 예약 취소"
            confirmLabel="일정 취소"
            cancelLabel="닫기"
            danger
            busy={changeStatus.isPending}
            onCancel={() => setConfirmingCancel(false)}
            onConfirm={() => changeStatus.mutate({ status: 'cancelled' }, { onSettled: () => setConfirmingCancel(false) })}
          >
            <p>이 네이버 예약 일정을 취소할까요?</p>
            <div className="hint hint-warning">
              예약고객에게도 네이버를 통해 “{NAVER_BUSINESS_CANCEL_REASON}” 내용으로 알림이 전달됩니다. 취소한 일정은 되돌릴 수 없습니다.
            </div>
          </ConfirmDialog>
        )}
      </section>
      {canEdit && schedule.undo && (
        <section className="drawer-section">
          <UndoOffer
            schedule={schedule}
            offer={schedule.undo}
            busy={undo.isPending}
            onUndo={() => {
              setError(null);
              undo.mutate();
            }}
            onExpired={invalidate}
          />
        </section>
      )}
    </>
  );
}

/**
 * OPS-4: 되돌리기 right after a 완료, 노쇼 or 취소 the server says can be taken
 * back, with until when; it goes away by itself when the time is up.
 */
function UndoOffer({
  schedule,
  offer,
  busy,
  onUndo,
  onExpired,
}: {
  schedule: ScheduleDetail;
  offer: NonNullable<ScheduleDetail['undo']>;
  busy: boolean;
  onUndo: () => void;
  onExpired: () => void;
}) {
  const me = useCurrentMe();
  const [expired, setExpired] = useState(() => Date.parse(offer.until) <= Date.now());
  const expire = useRef(onExpired);
  expire.current = onExpired;
  useEffect(() => {
    const left = Date.parse(offer.until) - Date.now();
    if (left <= 0) return;
    const timer = window.setTimeout(() => {
      setExpired(true);
      expire.current();
    }, left);
    return () => window.clearTimeout(timer);
  }, [offer.until]);
  if (expired) return null;
  return (
    <div className="hint hint-warning status-undo" data-testid="status-undo">
      <span>
        {toStatus(schedule.status)} 바꿨습니다. {formatTime(offer.until, me.business.timeZone)}까지 {toStatus(offer.to)} 되돌릴 수 있습니다.
      </span>
      <button type="button" className="btn btn-sm" onClick={onUndo} disabled={busy}>
        되돌리기
      </button>
    </div>
  );
}

/** The 예약페이지 block (BOOK-9): the booking number, and the booking in the partner center for its lines and actions. */
function BookingPageSection({ schedule }: { schedule: ScheduleDetail }) {
  const me = useCurrentMe();
  const number = schedule.bookingNumber;
  return (
    <section className="drawer-section booking-page-sync" data-testid="booking-page-sync">
      <div className="booking-page-sync-title">
        <span className="booking-page-mark">예</span>
        <h3>예약페이지 예약</h3>
      </div>
      {number ? (
        <dl>
          <dt>예약번호</dt>
          <dd>
            {canUsePartnerBookings(me) ? (
              <Link to={`/partner/bookings?q=${encodeURIComponent(number)}`} data-testid="booking-page-number">
                {number}
              </Link>
            ) : (
              <code data-testid="booking-page-number">{number}</code>
            )}
          </dd>
          {schedule.title && (
            <>
              <dt>상품</dt>
              <dd>{schedule.title}</dd>
            </>
          )}
        </dl>
      ) : (
        <p className="muted">연결된 예약 정보가 없습니다.</p>
      )}
    </section>
  );
}

const NAVER_POLL_MS = 2000;

/** The 네이버예약 block: booking number, product, and what was sent to Naver (NAVER-9). */
function NaverSyncSection({ schedule, canEdit }: { schedule: ScheduleDetail; canEdit: boolean }) {
  const queryClient = useQueryClient();
  const queryKey = keys.schedule.naver(schedule.id);
  const [error, setError] = useState<string | null>(null);
  const sync = useQuery({
    queryKey,
    queryFn: () => api.get('/api/schedules/{id}/naver', { path: { id: schedule.id } }),
    // Follow the outbox while anything still waits to be sent.
    refetchInterval: (query) => (query.state.data?.commands.some((c) => c.status === 'pending') ? NAVER_POLL_MS : false),
  });

  const retry = useMutation({
    mutationFn: (commandId: string): Promise<{ commands: NaverCommand[] }> =>
      api.post('/api/schedules/{id}/naver/commands/{commandId}/retry', { path: { id: schedule.id, commandId } }),
    onSuccess: ({ commands }) => queryClient.setQueryData<NaverScheduleSync>(queryKey, (old) => (old ? { ...old, commands } : old)),
    onError: (err) => setError(errorMessage(err)),
  });

  const data = sync.data;
  return (
    <section className="drawer-section naver-sync" data-testid="naver-sync">
      <div className="naver-sync-title">
        <span className="naver-mark">N</span>
        <h3>네이버예약</h3>
      </div>
      {sync.isPending && <p className="muted">불러오는 중…</p>}
      {sync.isError && <p className="form-error">{errorMessage(sync.error)}</p>}
      {data && !data.bookingId && <p className="muted">연결된 네이버 예약 정보가 없습니다.</p>}
      {data?.bookingId && (
        <>
          <dl className="naver-sync-info">
            <dt>예약번호</dt>
            <dd>
              <code data-testid="naver-booking-id">{data.bookingId}</code>
            </dd>
            <dt>상품</dt>
            <dd>
              {schedule.departmentName && <span className="strong">{schedule.departmentName} </span>}
              {data.productId && <code className="muted">{data.productId}</code>}
            </dd>
          </dl>
          <h4 className="naver-sync-subtitle">전송 상태</h4>
          {data.commands.length === 0 ? (
            <p className="muted naver-sync-empty">네이버로 보낸 알림이 아직 없습니다. 확정·취소·완료하거나 부서(상품)를 바꾸면 여기에 표시됩니다.</p>
          ) : (
            <ul className="naver-commands">
              {data.commands.map((command) => (
                <NaverCommandRow
                  key={command.id}
                  command={command}
                  canRetry={canEdit}
                  retrying={retry.isPending && retry.variables === command.id}
                  onRetry={() => {
                    setError(null);
                    retry.mutate(command.id);
                  }}
                />
              ))}
            </ul>
          )}
        </>
      )}
      {error && <p className="form-error">{error}</p>}
    </section>
  );
}

function NaverCommandRow({ command, canRetry, retrying, onRetry }: { command: NaverCommand; canRetry: boolean; retrying: boolean; onRetry: () => void }) {
  const me = useCurrentMe();
  const timeZone = me.business.timeZone;
  const when = command.sentAt ?? command.createdAt;
  return (
    <li className={`naver-command send-${command.status}`} data-testid="naver-command" data-status={command.status} data-command={command.command}>
      <div className="naver-command-main">
        <span className="naver-command-label">{NAVER_COMMAND_LABELS[command.command] ?? command.command}</span>
        <span className={`badge send-badge send-${command.status}`}>{NAVER_COMMAND_STATUS_LABELS[command.status] ?? command.status}</span>
        <span className="naver-command-time" title={command.sentAt ? '전송 시각' : '요청 시각'}>
          {formatDateTime(when, timeZone)}
          {command.attempts > 1 ? ` · ${command.attempts}회 시도` : ''}
        </span>
        {command.status === 'failed' && canRetry && (
          <button type="button" className="btn btn-sm naver-retry" onClick={onRetry} disabled={retrying}>
            다시 보내기
          </button>
        )}
      </div>
      {command.lastError && command.status !== 'sent' && (
        <p className="naver-command-error">
          {command.status === 'pending' ? '다시 보내는 중 · 마지막 오류: ' : ''}
          {command.lastError}
        </p>
      )}
    </li>
  );
}

function MemoSection({ schedule, canEdit }: { schedule: ScheduleDetail; canEdit: boolean }) {
  const me = useCurrentMe();
  const memoTypes = useMemoTypes();
  const invalidate = useInvalidateSchedule(schedule.id);
  const visibleTypes = (memoTypes.data ?? []).filter((type) => type.visible).sort(bySortOrder);
  const [memoTypeId, setMemoTypeId] = useState('');
  const [body, setBody] = useState('');
  const [error, setError] = useState<string | null>(null);

  const selectedType = memoTypeId || visibleTypes[0]?.id || '';

  const addMemo = useMutation({
    mutationFn: () => api.post('/api/schedules/{id}/memos', { path: { id: schedule.id }, body: { memoTypeId: selectedType, body: body.trim() } }),
    onSuccess: () => {
      setBody('');
      invalidate();
    },
    onError: (err) => setError(errorMessage(err)),
  });

  const deleteMemo = useMutation({
    mutationFn: (memoId: string) => api.delete('/api/schedules/{id}/memos/{memoId}', { path: { id: schedule.id, memoId } }),
    onSuccess: () => invalidate(),
    onError: (err) => setError(errorMessage(err)),
  });

  const groups = new Map<string, { name: string; memos: ScheduleMemo[] }>();
  for (const memo of schedule.memos) {
    const group = groups.get(memo.memoTypeId) ?? { name: memo.memoTypeName, memos: [] };
    group.memos.push(memo);
    groups.set(memo.memoTypeId, group);
  }

  function submit(event: FormEvent) {
    event.preventDefault();
    setError(null);
    if (!body.trim()) return setError('메모 내용을 입력하세요.');
    addMemo.mutate();
  }

  return (
    <section className="drawer-section">
      <h3>메모</h3>
      {groups.size === 0 && <p className="muted">등록된 메모가 없습니다.</p>}
      {[...groups.entries()].map(([typeId, group]) => (
        <div key={typeId} className="memo-group">
          <h4>{group.name}</h4>
          <ul className="memo-list">
            {group.memos.map((memo) => (
              <li key={memo.id} className="memo-item">
                <p className="memo-body">{memo.body}</p>
                <div className="memo-meta">
                  <span>
                    {formatDateTime(memo.createdAt, me.business.timeZone)}
                    {memo.createdByName ? ` · ${memo.createdByName}` : ''}
                  </span>
                  {canEdit && (
                    <button
                      type="button"
                      className="link-btn danger"
                      onClick={() => window.confirm('이 메모를 삭제할까요?') && deleteMemo.mutate(memo.id)}
                    >
                      삭제
                    </button>
                  )}
                </div>
              </li>
            ))}
          </ul>
        </div>
      ))}
      {canEdit && visibleTypes.length > 0 && (
        <form className="memo-form" onSubmit={submit}>
          <select value={selectedType} onChange={(event) => setMemoTypeId(event.target.value)} aria-label="메모 종류">
            {visibleTypes.map((type) => (
              <option key={type.id} value={type.id}>
                {type.name}
              </option>
            ))}
          </select>
          <textarea value={body} onChange={(event) => setBody(event.target.value)} placeholder="메모를 입력하세요" rows={3} />
          <button type="submit" className="btn btn-sm" disabled={addMemo.isPending}>
            메모 추가
          </button>
        </form>
      )}
      {canEdit && memoTypes.isSuccess && visibleTypes.length === 0 && (
        <p className="muted">노출된 메모 종류가 없습니다. 설정 &gt; 메모 종류에서 추가하세요.</p>
      )}
      {error && <p className="form-error">{error}</p>}
    </section>
  );
}

function HistorySection({ scheduleId }: { scheduleId: string }) {
  const me = useCurrentMe();
  const history = useQuery({
    queryKey: keys.schedule.history(scheduleId),
    queryFn: () => api.get('/api/schedules/{id}/history', { path: { id: scheduleId } }).then((res) => res.items),
  });

  return (
    <section className="drawer-section">
      <h3>변경 이력</h3>
      {history.isError && <p className="form-error">{errorMessage(history.error)}</p>}
      {history.data?.length === 0 && <p className="muted">변경 이력이 없습니다.</p>}
      <ul className="history-list" data-testid="schedule-history">
        {history.data?.map((entry) => {
          const line = describeHistory(entry, me.business.timeZone);
          return (
            <li key={entry.id}>
              <span className="history-when">
                {line.at} · {line.actor}
              </span>
              {line.lines.map((text, i) => (
                <span key={i} className="history-what">
                  {text}
                </span>
              ))}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
