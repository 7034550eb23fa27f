import { useState } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, errorMessage, type Body } from '../../api/client';
import { keys } from '../../api/keys';
import { canManageSettings, hasPermission, useCurrentMe } from '../auth/auth';
import { CalendarGrid, type ScheduleMove } from './CalendarGrid';
import {
  SNAP_MINUTES,
  activeCount,
  addMonths,
  buildDayColumns,
  buildWeekColumns,
  departmentById,
  formatMonthTitle,
  gridRange,
  isVirtualStaff,
  phoneColumnKey,
  staffById,
  withoutCancelled,
  type CalendarColumn,
  type CalendarView,
  type ColumnMode,
} from './model';
import { NewScheduleModal, type NewScheduleDraft } from './NewScheduleModal';
import { ConfirmDialog } from '../../ui/ConfirmDialog';
import { OverlapDialog } from './OverlapDialog';
import { alreadyOverridden, overrideFor, refusalOf, type ScheduleRefusal } from './overlap';
import { useToast } from '../../ui/Toast';
import { NAVER_DEPARTMENT_CHANGE_WARNING } from '../../../../src/shared/labels/naver';
import { formatDateTitle, formatShortDateTitle, weekdayLabel } from '../../../../src/shared/format';
import { useScheduleParam } from './useScheduleParam';
import { addDays, isDateKey, minutesOfDay, mondayOf, todayKey, zonedToUtc } from '../../../../src/shared/time';
import type { CalendarData, Schedule } from '../../api/models';
import { MonthView } from './MonthView';
import { CalendarSearch, type SearchPick } from './CalendarSearch';
import { PrintDayList } from './PrintDayList';
import { PHONE_QUERY, useMediaQuery, useStoredFlag } from './hooks';
import './calendar.css';

/** OPS-6: "취소 일정 보기", remembered in this browser. */
const SHOW_CANCELLED_KEY = 'yeyak.calendar.showCancelled';

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
  const [overlapMove, setOverlapMove] = useState<{ refusal: ScheduleRefusal; variables: MoveVariables } | null>(null);

  const businessZone = me.business.timeZone;
  const dateParam = searchParams.get('date');
  const date = isDateKey(dateParam) ? dateParam : todayKey(businessZone);
  const viewParam = searchParams.get('view');
  const view: CalendarView = viewParam === 'week' ? 'week' : viewParam === 'month' ? 'month' : 'day';
  const mode: ColumnMode = me.business.departmentsEnabled && searchParams.get('by') === 'department' ? 'department' : 'staff';
  const from = view === 'week' ? mondayOf(date) : date;
  const days = view === 'week' ? 7 : 1;
  const calendarKey = keys.calendar.range(from, days);
  const canEdit = hasPermission(me, 'schedules.edit');
  const canSearch = hasPermission(me, 'customers.view');
  const printing = searchParams.get('print') === 'day';
  const [showCancelled, setShowCancelled] = useStoredFlag(SHOW_CANCELLED_KEY, false);
  const isPhone = useMediaQuery(PHONE_QUERY);

  const calendar = useQuery({
    queryKey: calendarKey,
    queryFn: () => api.get('/api/calendar', { query: { date: from, days } }),
    placeholderData: keepPreviousData,
    // The month grid asks for its weeks itself; the print sheet for its day.
    enabled: view !== 'month' && !printing,
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
    onError: (error, variables, context) => {
      if (context?.previous) queryClient.setQueryData(variables.key, context.previous);
      const refusal = refusalOf(error);
      // OPS-3, OPS-2: the card goes back; the choice to save anyway is asked with the conflicting schedules or the staff's absence named.
      if (refusal && !alreadyOverridden(refusal, variables.patch)) setOverlapMove({ refusal, variables: { id: variables.id, patch: variables.patch, key: variables.key } });
      else toast(errorMessage(error), 'error');
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
    view === 'week'
      ? `${formatDateTitle(from)} – ${formatShortDateTitle(addDays(from, 6))}`
      : view === 'month'
        ? formatMonthTitle(date)
        : formatDateTitle(date);

  /** The same date, a period earlier or later: a day, a week, or the first of a month. */
  const step = (direction: 1 | -1) => (view === 'month' ? addMonths(date, direction) : addDays(date, direction * days));

  /** A search hit: its day in day view (the week view keeps its week), its column on a phone, and its panel. */
  function jumpTo(pick: SearchPick) {
    setSearchParams((params) => {
      params.set('date', pick.dateKey);
      if (view === 'month') params.delete('view');
      params.set('col', mode === 'department' ? `department:${pick.departmentId ?? 'none'}` : `staff:${pick.staffId}`);
      params.set('schedule', pick.scheduleId);
      return params;
    });
  }

  if (printing) {
    return (
      <div className="calendar-page print-mode">
        <PrintDayList date={date} timeZone={timeZone} businessName={me.business.name} onClose={() => setParam('print', null)} />
      </div>
    );
  }

  return (
    <div className="calendar-page">
      <div className="cal-toolbar">
        <div className="cal-nav">
          <button type="button" className="btn" onClick={() => setParam('date', null)}>
            오늘
          </button>
          <button type="button" className="icon-btn" aria-label="이전" onClick={() => setParam('date', step(-1))}>
            ◀
          </button>
          <button type="button" className="icon-btn" aria-label="다음" onClick={() => setParam('date', step(1))}>
            ▶
          </button>
          <h1 className="cal-title" data-testid="calendar-title">
            {title}
          </h1>
        </div>
        <div className="cal-controls">
          <div className="segmented" role="group" aria-label="기간">
            <button type="button" className={view === 'day' ? 'active' : ''} aria-pressed={view === 'day'} onClick={() => setParam('view', null)}>
              일간
            </button>
            <button type="button" className={view === 'week' ? 'active' : ''} aria-pressed={view === 'week'} onClick={() => setParam('view', 'week')}>
              주간
            </button>
            <button type="button" className={view === 'month' ? 'active' : ''} aria-pressed={view === 'month'} onClick={() => setParam('view', 'month')}>
              월간
            </button>
          </div>
          {view !== 'month' && (
            <>
              <span className="muted cal-controls-label">보기</span>
              <div className="segmented" role="group" aria-label="보기">
                <button type="button" className={mode === 'staff' ? 'active' : ''} aria-pressed={mode === 'staff'} onClick={() => setParam('by', null)}>
                  담당자별 보기
                </button>
                {me.business.departmentsEnabled && (
                  <button type="button" className={mode === 'department' ? 'active' : ''} aria-pressed={mode === 'department'} onClick={() => setParam('by', 'department')}>
                    부서별 보기
                  </button>
                )}
              </div>
            </>
          )}
          <label className="cal-toggle">
            <input type="checkbox" checked={showCancelled} onChange={(event) => setShowCancelled(event.target.checked)} />
            취소 일정 보기
          </label>
          {canSearch && <CalendarSearch timeZone={timeZone} onPick={jumpTo} />}
          <button type="button" className="btn" onClick={() => setParam('print', 'day')} title={`${formatDateTitle(date)} 담당자별 일정표 인쇄`}>
            인쇄
          </button>
          {canEdit && (
            <button
              type="button"
              className="btn btn-primary cal-new"
              onClick={() => openCreate(null, Math.min(Math.ceil(minutesOfDay(new Date(), timeZone) / 30) * 30, MINUTES_PER_DAY - 30))}
            >
              + 새 일정
            </button>
          )}
        </div>
      </div>

      {view === 'month' && (
        <MonthView
          date={date}
          timeZone={timeZone}
          showCancelled={showCancelled}
          onPickDay={(dateKey) =>
            setSearchParams((params) => {
              params.set('date', dateKey);
              params.delete('view');
              return params;
            })
          }
        />
      )}
      {view !== 'month' && calendar.isPending && <div className="page-loading">불러오는 중…</div>}
      {view !== 'month' && calendar.isError && !calendar.data && (
        <div className="page-loading">
          <p className="form-error">{errorMessage(calendar.error)}</p>
          <button type="button" className="btn" onClick={() => calendar.refetch()}>
            다시 시도
          </button>
        </div>
      )}
      {view !== 'month' && calendar.data && (
        <CalendarBody
          data={calendar.data}
          date={date}
          from={from}
          view={view}
          mode={mode}
          timeZone={timeZone}
          showCancelled={showCancelled}
          phone={isPhone}
          phoneColumn={searchParams.get('col')}
          onPhoneColumn={(key) => setParam('col', key)}
          ownUserId={me.user.id}
          canEdit={canEdit}
          showSettingsLink={canManageSettings(me)}
          departmentsEnabled={me.business.departmentsEnabled}
          onOpen={(schedule) => openSchedule(schedule.id)}
          onCreate={openCreate}
          onMove={handleMove}
        />
      )}

      {overlapMove && (
        <OverlapDialog
          refusal={overlapMove.refusal}
          timeZone={timeZone}
          onCancel={() => setOverlapMove(null)}
          onConfirm={() => {
            const { variables } = overlapMove;
            setOverlapMove(null);
            move.mutate({ ...variables, patch: { ...variables.patch, ...overrideFor(overlapMove.refusal) } });
          }}
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
  showCancelled: boolean;
  /** OPS-7: below 640 px the day view shows one column, chosen with a switcher. */
  phone: boolean;
  phoneColumn: string | null;
  onPhoneColumn: (key: string) => void;
  ownUserId: string;
  canEdit: boolean;
  showSettingsLink: boolean;
  departmentsEnabled: boolean;
  onOpen: (schedule: Schedule) => void;
  onCreate: (column: CalendarColumn, startMinutes: number) => void;
  onMove: (move: ScheduleMove) => void;
}

function CalendarBody(props: CalendarBodyProps) {
  const { date, from, view, mode, timeZone } = props;
  // Cancelled schedules leave the grid unless asked for; the counts never include them.
  const data = withoutCancelled(props.data, props.showCancelled);
  const staff = staffById(data.staff);
  const departments = departmentById(data.departments);
  const hasRealStaff = data.staff.some((s) => !isVirtualStaff(s) && s.active);
  const today = todayKey(timeZone);

  const allColumns =
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

  if (allColumns.length === 0) return emptyNotice || <div className="empty-state">표시할 열이 없습니다.</div>;

  // OPS-7: a phone's day view is one column at a time, the others a tap away in the switcher.
  const single = props.phone && view === 'day';
  const ownStaffId = data.staff.find((s) => s.userId === props.ownUserId)?.id ?? null;
  const shownKey = single ? phoneColumnKey(allColumns, props.phoneColumn, ownStaffId) : null;
  const columns = single ? allColumns.filter((c) => c.key === shownKey) : allColumns;
  const shownIndex = allColumns.findIndex((c) => c.key === shownKey);
  const switchTo = (index: number) => {
    const next = allColumns[(index + allColumns.length) % allColumns.length];
    if (next) props.onPhoneColumn(next.key);
  };
  const switcherLabel = mode === 'department' ? '부서 선택' : '담당자 선택';

  return (
    <>
      {emptyNotice}
      {single && (
        <div className="cal-switcher" data-testid="column-switcher">
          <button type="button" className="icon-btn" aria-label={mode === 'department' ? '이전 부서' : '이전 담당자'} onClick={() => switchTo(shownIndex - 1)}>
            ◀
          </button>
          <select aria-label={switcherLabel} value={shownKey ?? ''} onChange={(event) => props.onPhoneColumn(event.target.value)}>
            {allColumns.map((column) => (
              <option key={column.key} value={column.key}>
                {column.title} · {activeCount(column.schedules)}건
              </option>
            ))}
          </select>
          <button type="button" className="icon-btn" aria-label={mode === 'department' ? '다음 부서' : '다음 담당자'} onClick={() => switchTo(shownIndex + 1)}>
            ▶
          </button>
        </div>
      )}
      <CalendarGrid
        single={single}
        columns={columns}
        range={gridRange(columns, timeZone)}
        timeZone={timeZone}
        canEdit={props.canEdit}
        cardLabel={cardLabel}
        onOpen={props.onOpen}
        onCreate={props.onCreate}
        onMove={props.onMove}
        staffOff={data.staffOff}
        renderHeader={(column) =>
          column.target.type === 'day' ? (
            <div className={`col-title${column.dateKey === today ? ' today' : ''}`}>
              <span className="col-weekday">{weekdayLabel(column.dateKey)}</span>
              <span className="col-day">{Number(column.dateKey.slice(8))}</span>
              <span className="col-count">{activeCount(column.schedules)}건</span>
            </div>
          ) : (
            <div className="col-title">
              <ColumnMark column={column} />
              <span className="col-name">{column.title}</span>
              <span className="col-count">{activeCount(column.schedules)}건</span>
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
