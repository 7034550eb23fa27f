import { useState } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, errorMessage, type Body } from '../../api/client';
import { keys } from '../../api/keys';
import { canManageSettings, hasPermission, useCurrentMe } from '../auth/auth';
import { CalendarGrid, type ScheduleMove } from './CalendarGrid';
import {
  SNAP_MINUTES,
  buildDayColumns,
  buildWeekColumns,
  departmentById,
  gridRange,
  isVirtualStaff,
  staffById,
  type CalendarColumn,
  type CalendarView,
  type ColumnMode,
} from './model';
import { NewScheduleModal, type NewScheduleDraft } from './NewScheduleModal';
import { ConfirmDialog } from '../../ui/ConfirmDialog';
import { useToast } from '../../ui/Toast';
import { NAVER_DEPARTMENT_CHANGE_WARNING } from '../../../../src/shared/labels/naver';
import { formatDateTitle, formatShortDateTitle, weekdayLabel } from '../../../../src/shared/format';
import { useScheduleParam } from './useScheduleParam';
import { addDays, isDateKey, minutesOfDay, mondayOf, todayKey, zonedToUtc } from '../../../../src/shared/time';
import type { CalendarData, Schedule } from '../../api/models';

type SchedulePatch = Body<'/api/schedules/{id}', 'patch'>;

const MINUTES_PER_DAY = 24 * 60;

interface MoveVariables {
  id: string;
  patch: SchedulePatch;
  key: readonly unknown[];
  /** The calendar before a move already previewed while its confirmation was asked. */
  previous?: CalendarData;
}

/** A Naver schedule dropped on another department: shown in place until the warning is answered. */
interface PendingNaverMove extends MoveVariables {
  customerName: string;
  fromName: string;
  toName: string;
}

function applyPatch(data: CalendarData | undefined, id: string, patch: SchedulePatch): CalendarData | undefined {
  if (!data) return data;
  const { version: _version, ...changes } = patch;
  return { ...data, schedules: data.schedules.map((s) => (s.id === id ? { ...s, ...changes } : s)) };
}

export function CalendarPage() {
  const me = useCurrentMe();
  const queryClient = useQueryClient();
  const toast = useToast();
  const [searchParams, setSearchParams] = useSearchParams();
  const { openSchedule } = useScheduleParam();
  const [draft, setDraft] = useState<NewScheduleDraft | null>(null);
  const [pendingMove, setPendingMove] = useState<PendingNaverMove | null>(null);

  const businessZone = me.business.timeZone;
  const dateParam = searchParams.get('date');
  const date = isDateKey(dateParam) ? dateParam : todayKey(businessZone);
  const view: CalendarView = searchParams.get('view') === 'week' ? 'week' : 'day';
  const mode: ColumnMode = me.business.departmentsEnabled && searchParams.get('by') === 'department' ? 'department' : 'staff';
  const from = view === 'week' ? mondayOf(date) : date;
  const days = view === 'week' ? 7 : 1;
  const calendarKey = keys.calendar.range(from, days);
  const canEdit = hasPermission(me, 'schedules.edit');

  const calendar = useQuery({
    queryKey: calendarKey,
    queryFn: () => api.get('/api/calendar', { query: { date: from, days } }),
    placeholderData: keepPreviousData,
  });
  const timeZone = calendar.data?.timeZone ?? businessZone;

  function setParam(name: string, value: string | null) {
    setSearchParams((params) => {
      if (value === null) params.delete(name);
      else params.set(name, value);
      return params;
    });
  }

  const move = useMutation({
    mutationFn: ({ id, patch }: MoveVariables) => api.patch('/api/schedules/{id}', { path: { id }, body: patch }),
    onMutate: async ({ id, patch, key, previous: before }) => {
      await queryClient.cancelQueries({ queryKey: keys.calendar.all });
      const previous = before ?? queryClient.getQueryData<CalendarData>(key);
      queryClient.setQueryData<CalendarData>(key, (old) => applyPatch(old, id, patch));
      return { previous };
    },
    onError: (error, { key }, context) => {
      if (context?.previous) queryClient.setQueryData(key, context.previous);
      toast(errorMessage(error), 'error');
    },
    onSettled: (_data, _error, { id }) => {
      queryClient.invalidateQueries({ queryKey: keys.calendar.all });
      queryClient.invalidateQueries({ queryKey: keys.schedule.one(id) });
      queryClient.invalidateQueries({ queryKey: keys.schedule.history(id) });
    },
  });

  function handleMove({ schedule, column, deltaMinutes }: ScheduleMove) {
    const durationMs = Date.parse(schedule.endsAt) - Date.parse(schedule.startsAt);
    const durationMinutes = Math.min(durationMs / 60_000, MINUTES_PER_DAY);
    const snapped = Math.round((minutesOfDay(schedule.startsAt, timeZone) + deltaMinutes) / SNAP_MINUTES) * SNAP_MINUTES;
    const startMinutes = Math.min(Math.max(snapped, 0), MINUTES_PER_DAY - durationMinutes);
    const startsAt = zonedToUtc(column.dateKey, startMinutes, timeZone);

    const patch: SchedulePatch = { version: schedule.version };
    if (startsAt.getTime() !== Date.parse(schedule.startsAt)) {
      patch.startsAt = startsAt.toISOString();
      patch.endsAt = new Date(startsAt.getTime() + durationMs).toISOString();
    }
    const target = column.target;
    if (target.type === 'staff' && target.staffId !== schedule.staffId) patch.staffId = target.staffId;
    if (target.type === 'department' && target.departmentId !== (schedule.departmentId ?? null)) {
      patch.departmentId = target.departmentId;
    }
    // A Naver or booking-page booking keeps the time its customer booked (the server refuses a move: NAVER_TIME_FIXED,
    // BOOKING_PAGE_TIME_FIXED); a drop onto another column at another time still changes who takes it.
    if ((schedule.source === 'naver' || schedule.source === 'booking_page') && patch.startsAt) {
      delete patch.startsAt;
      delete patch.endsAt;
      const channel = schedule.source === 'naver' ? '네이버예약' : '예약페이지 예약';
      if (Object.keys(patch).length === 1) {
        toast(`${channel}의 시간은 고객이 예약한 시간이라 캘린더에서 옮길 수 없습니다. 담당자나 부서만 바꿀 수 있습니다.`, 'error');
        return;
      }
      toast(`${channel}의 시간은 그대로 두고 담당자만 옮깁니다.`, 'info');
    }
    if (Object.keys(patch).length === 1) return;
    if (schedule.source === 'naver' && 'departmentId' in patch) return previewNaverMove(schedule, patch);
    move.mutate({ id: schedule.id, patch, key: calendarKey });
  }

  /** Changing a Naver booking's department changes its Naver product: show the drop, then ask before saving. */
  function previewNaverMove(schedule: Schedule, patch: SchedulePatch) {
    void queryClient.cancelQueries({ queryKey: keys.calendar.all });
    const previous = queryClient.getQueryData<CalendarData>(calendarKey);
    const departmentName = (id: string | null | undefined) =>
      id ? (previous?.departments.find((d) => d.id === id)?.name ?? '알 수 없는 부서') : '부서 없음';
    queryClient.setQueryData<CalendarData>(calendarKey, (old) => applyPatch(old, schedule.id, patch));
    setPendingMove({
      id: schedule.id,
      patch,
      key: calendarKey,
      previous,
      customerName: schedule.customer.name,
      fromName: departmentName(schedule.departmentId),
      toName: departmentName(patch.departmentId),
    });
  }

  function cancelNaverMove() {
    if (pendingMove?.previous) queryClient.setQueryData(pendingMove.key, pendingMove.previous);
    setPendingMove(null);
  }

  function confirmNaverMove() {
    if (!pendingMove) return;
    const { customerName: _c, fromName: _f, toName: _t, ...variables } = pendingMove;
    setPendingMove(null);
    move.mutate(variables);
  }

  function openCreate(column: CalendarColumn | null, startMinutes: number) {
    const target = column?.target;
    setDraft({
      dateKey: column?.dateKey ?? date,
      startMinutes,
      // A channel column is not someone to book with: a schedule made there goes to the first real staff.
      staffId: target?.type === 'staff' && !column?.channel ? target.staffId : null,
      departmentId: target?.type === 'department' ? target.departmentId : null,
    });
  }

  const title =
    view === 'week' ? `${formatDateTitle(from)} – ${formatShortDateTitle(addDays(from, 6))}` : formatDateTitle(date);

  return (
    <div className="calendar-page">
      <div className="cal-toolbar">
        <div className="cal-nav">
          <button type="button" className="btn" onClick={() => setParam('date', null)}>
            오늘
          </button>
          <button type="button" className="icon-btn" aria-label="이전" onClick={() => setParam('date', addDays(date, -days))}>
            ◀
          </button>
          <button type="button" className="icon-btn" aria-label="다음" onClick={() => setParam('date', addDays(date, days))}>
            ▶
          </button>
          <h1 className="cal-title" data-testid="calendar-title">
            {title}
          </h1>
        </div>
        <div className="cal-controls">
          <div className="segmented" role="group" aria-label="기간">
            <button type="button" className={view === 'day' ? 'active' : ''} onClick={() => setParam('view', null)}>
              일간
            </button>
            <button type="button" className={view === 'week' ? 'active' : ''} onClick={() => setParam('view', 'week')}>
              주간
            </button>
          </div>
          <span className="muted cal-controls-label">보기</span>
          <div className="segmented" role="group" aria-label="보기">
            <button type="button" className={mode === 'staff' ? 'active' : ''} onClick={() => setParam('by', null)}>
              담당자별 보기
            </button>
            {me.business.departmentsEnabled && (
              <button type="button" className={mode === 'department' ? 'active' : ''} onClick={() => setParam('by', 'department')}>
                부서별 보기
              </button>
            )}
          </div>
          {canEdit && (
            <button
              type="button"
              className="btn btn-primary"
              onClick={() => openCreate(null, Math.min(Math.ceil(minutesOfDay(new Date(), timeZone) / 30) * 30, MINUTES_PER_DAY - 30))}
            >
              + 새 일정
            </button>
          )}
        </div>
      </div>

      {calendar.isPending && <div className="page-loading">불러오는 중…</div>}
      {calendar.isError && !calendar.data && (
        <div className="page-loading">
          <p className="form-error">{errorMessage(calendar.error)}</p>
          <button type="button" className="btn" onClick={() => calendar.refetch()}>
            다시 시도
          </button>
        </div>
      )}
      {calendar.data && (
        <CalendarBody
          data={calendar.data}
          date={date}
          from={from}
          view={view}
          mode={mode}
          timeZone={timeZone}
          canEdit={canEdit}
          showSettingsLink={canManageSettings(me)}
          departmentsEnabled={me.business.departmentsEnabled}
          onOpen={(schedule) => openSchedule(schedule.id)}
          onCreate={openCreate}
          onMove={handleMove}
        />
      )}

      {pendingMove && (
        <ConfirmDialog title="네이버 예약 부서 변경" confirmLabel="부서 변경" onCancel={cancelNaverMove} onConfirm={confirmNaverMove}>
          <p className="confirm-change">
            <strong>{pendingMove.customerName}</strong> · {pendingMove.fromName} → <strong>{pendingMove.toName}</strong>
          </p>
          <div className="hint hint-warning">{NAVER_DEPARTMENT_CHANGE_WARNING}</div>
        </ConfirmDialog>
      )}

      {draft && (
        <NewScheduleModal
          draft={draft}
          onClose={() => setDraft(null)}
          onCreated={(schedule) => {
            setDraft(null);
            openSchedule(schedule.id);
          }}
        />
      )}
    </div>
  );
}

interface CalendarBodyProps {
  data: CalendarData;
  date: string;
  from: string;
  view: CalendarView;
  mode: ColumnMode;
  timeZone: string;
  canEdit: boolean;
  showSettingsLink: boolean;
  departmentsEnabled: boolean;
  onOpen: (schedule: Schedule) => void;
  onCreate: (column: CalendarColumn, startMinutes: number) => void;
  onMove: (move: ScheduleMove) => void;
}

function CalendarBody(props: CalendarBodyProps) {
  const { data, date, from, view, mode, timeZone } = props;
  const staff = staffById(data.staff);
  const departments = departmentById(data.departments);
  const hasRealStaff = data.staff.some((s) => !isVirtualStaff(s) && s.active);
  const today = todayKey(timeZone);

  const columns =
    view === 'week'
      ? buildWeekColumns(
          data,
          Array.from({ length: 7 }, (_, i) => addDays(from, i)),
          timeZone,
        )
      : buildDayColumns(data, date, mode, timeZone);

  const staffLabel = (schedule: Schedule) => {
    const s = staff.get(schedule.staffId);
    return s ? { text: s.name, color: s.color } : null;
  };
  const departmentLabel = (schedule: Schedule) => {
    const d = schedule.departmentId ? departments.get(schedule.departmentId) : undefined;
    return d ? { text: d.name, color: d.color } : null;
  };
  // Cards carry the dimension the columns do not show.
  const cardLabel =
    view === 'week'
      ? mode === 'department'
        ? departmentLabel
        : staffLabel
      : mode === 'department'
        ? staffLabel
        : props.departmentsEnabled
          ? departmentLabel
          : undefined;

  const emptyNotice = !hasRealStaff && (
    <div className="empty-state cal-empty" data-testid="calendar-empty">
      <p>담당자가 없습니다. 설정에서 담당자를 추가하세요.</p>
      {props.showSettingsLink && (
        <Link to="/settings/staff" className="btn btn-primary">
          담당자 추가하기
        </Link>
      )}
    </div>
  );

  if (columns.length === 0) return emptyNotice || <div className="empty-state">표시할 열이 없습니다.</div>;

  return (
    <>
      {emptyNotice}
      <CalendarGrid
        columns={columns}
        range={gridRange(columns, timeZone)}
        timeZone={timeZone}
        canEdit={props.canEdit}
        cardLabel={cardLabel}
        onOpen={props.onOpen}
        onCreate={props.onCreate}
        onMove={props.onMove}
        renderHeader={(column) =>
          column.target.type === 'day' ? (
            <div className={`col-title${column.dateKey === today ? ' today' : ''}`}>
              <span className="col-weekday">{weekdayLabel(column.dateKey)}</span>
              <span className="col-day">{Number(column.dateKey.slice(8))}</span>
              <span className="col-count">{column.schedules.length}건</span>
            </div>
          ) : (
            <div className="col-title">
              <ColumnMark column={column} />
              <span className="col-name">{column.title}</span>
              <span className="col-count">{column.schedules.length}건</span>
            </div>
          )
        }
      />
    </>
  );
}

function ColumnMark({ column }: { column: CalendarColumn }) {
  if (column.channel === 'naver') return <span className="naver-mark">N</span>;
  if (column.channel === 'booking_page') return <span className="booking-page-mark">예</span>;
  return <span className="col-dot" />;
}
