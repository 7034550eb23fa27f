import { useState, type FormEvent } from 'react';
import { Link } from 'react-router-dom';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, errorMessage } from '../../api/client';
import { keys } from '../../api/keys';
import { ConfirmDialog } from '../../ui/ConfirmDialog';
import { Field } from '../../ui/Field';
import { useToast } from '../../ui/Toast';
import { useCurrentMe } from '../auth/auth';
import { formatDateTime } from '../../../../src/shared/format';
import { todayKey, addDays } from '../../../../src/shared/time';
import { fieldErrors, formMessage } from './catalogApi';
import { WEEKDAY_LABELS } from './labels';
import { affectedNotice, closureDraftErrors, closureRangeLabel, holidayPolicyText, holidayRow } from './openingModel';
import { FieldError } from './parts';
import { DEFAULT_WEEK, WeekHoursEditor, WeeklySummary, badWeekdays, weekDraftOf, weeklyHoursOfDraft, type WeekDraft } from './WeekHours';
import type { ClosedDayBooking, Place, PlaceClosure, PlaceOpening as Opening } from '../../api/models';

/**
 * OPS-1: the place editor's "영업시간·휴무일" section: the place's weekly
 * hours (which limit every product of the place), 공휴일 휴무 with the
 * category's default explained, the coming holidays with a 휴무/영업 switch
 * each, 임시휴무 (add with dates and reason, delete) and the bookings already
 * on closed days, which are never cancelled for the shop.
 */

// Under the place's key, so everything a catalog change refreshes refreshes these too.
const openingKeys = {
  opening: (placeId: string) => [...keys.catalog.place(placeId), 'opening'] as const,
  holidays: (placeId: string) => [...keys.catalog.place(placeId), 'holidays'] as const,
  closures: (placeId: string) => [...keys.catalog.place(placeId), 'closures'] as const,
  closedDayBookings: (placeId: string) => [...keys.catalog.place(placeId), 'closed-day-bookings'] as const,
};

function useRefreshOpening(placeId: string) {
  const queryClient = useQueryClient();
  return () => {
    void queryClient.invalidateQueries({ queryKey: keys.catalog.place(placeId) });
    // Slots and sessions of the place's products change with its hours and closures.
    void queryClient.invalidateQueries({ queryKey: ['catalog', 'availability'] });
  };
}

export function PlaceOpening({ place, canEdit }: { place: Place; canEdit: boolean }) {
  const opening = useQuery({ queryKey: openingKeys.opening(place.id), queryFn: () => api.get('/api/places/{id}/opening', { path: { id: place.id } }) });
  const [affected, setAffected] = useState<{ title: string; items: ClosedDayBooking[] } | null>(null);

  return (
    <section className="card form-grid" data-testid="place-opening">
      <h3>영업시간·휴무일</h3>
      <p className="muted cat-section-help">
        장소의 영업시간과 휴무일에는 이 장소의 어떤 상품도 예약을 받지 않습니다. 이미 받은 예약은 자동으로 취소되지 않으니, 아래 목록을 보고 직접 연락하거나 취소해 주세요.
      </p>
      {opening.isPending && <p className="muted">불러오는 중…</p>}
      {opening.isError && <p className="form-error">{errorMessage(opening.error)}</p>}
      {opening.data && (
        <>
          <WeeklyHoursPart place={place} opening={opening.data} canEdit={canEdit} onAffected={setAffected} />
          <HolidayPart place={place} opening={opening.data} canEdit={canEdit} onAffected={setAffected} />
          <ClosuresPart place={place} canEdit={canEdit} onAffected={setAffected} />
          {affected && <AffectedBookings title={affected.title} items={affected.items} onClose={() => setAffected(null)} />}
          <ClosedDayBookings place={place} />
        </>
      )}
    </section>
  );
}

type OnAffected = (affected: { title: string; items: ClosedDayBooking[] } | null) => void;

function WeeklyHoursPart({ place, opening, canEdit, onAffected }: { place: Place; opening: Opening; canEdit: boolean; onAffected: OnAffected }) {
  const toast = useToast();
  const refresh = useRefreshOpening(place.id);
  const [limited, setLimited] = useState(opening.weeklyHours !== null);
  const [week, setWeek] = useState<WeekDraft>(opening.weeklyHours ? weekDraftOf(opening.weeklyHours) : DEFAULT_WEEK);
  const [error, setError] = useState<string | null>(null);

  const save = useMutation({
    mutationFn: () => api.put('/api/places/{id}/opening', { path: { id: place.id }, body: { weeklyHours: limited ? weeklyHoursOfDraft(week) : null } }),
    onSuccess: (saved) => {
      refresh();
      toast('영업시간을 저장했습니다.', 'success');
      onAffected(saved.affectedBookings.length > 0 ? { title: '영업시간 밖에 잡혀 있는 예약', items: saved.affectedBookings } : null);
    },
    onError: (e) => setError(fieldErrors(e).weeklyHours ?? formMessage(e)),
  });

  function submit(event: FormEvent) {
    event.preventDefault();
    setError(null);
    const bad = limited ? badWeekdays(week) : [];
    if (bad.length > 0) {
      setError(`${bad.map((d) => WEEKDAY_LABELS[d]).join(', ')}요일: 시작 시간은 종료 시간보다 빨라야 합니다.`);
      return;
    }
    save.mutate();
  }

  return (
    <form className="cat-opening-part" onSubmit={submit} noValidate data-testid="place-hours">
      <h4>영업시간</h4>
      <fieldset disabled={!canEdit || save.isPending} className="cat-fieldset">
        <label className="switch-row">
          <input type="checkbox" className="switch" checked={limited} onChange={(e) => setLimited(e.target.checked)} />
          <span>
            <strong>장소 영업시간 {limited ? '사용' : '사용 안 함'}</strong>
            <span className="muted block">
              {limited ? '영업시간 밖의 슬롯과 일정은 예약 페이지에 열리지 않습니다 (상품의 운영시간보다 우선).' : '상품마다 정한 운영시간대로 예약을 받습니다.'}
            </span>
          </span>
        </label>
        {limited && (
          <div className="field">
            <span>요일별 영업시간</span>
            <WeekHoursEditor week={week} onChange={setWeek} disabled={!canEdit} />
            <span className="muted field-help">점심시간처럼 쉬는 시간이 있으면 시간대를 둘로 나누세요. 시간대가 없는 요일은 정기 휴무일입니다. 종료 00:00은 자정입니다.</span>
          </div>
        )}
        {!limited && opening.weeklyHours && (
          <p className="muted">
            지금 저장된 영업시간: <WeeklySummary hours={opening.weeklyHours} />
          </p>
        )}
        <FieldError message={error ?? undefined} />
        {canEdit && (
          <div className="form-actions">
            <button type="submit" className="btn btn-primary btn-sm" disabled={save.isPending}>
              {save.isPending ? '저장 중…' : '영업시간 저장'}
            </button>
          </div>
        )}
      </fieldset>
    </form>
  );
}

/** The coming holidays listed before "모두 보기". */
const HOLIDAYS_SHOWN = 6;

function HolidayPart({ place, opening, canEdit, onAffected }: { place: Place; opening: Opening; canEdit: boolean; onAffected: OnAffected }) {
  const toast = useToast();
  const refresh = useRefreshOpening(place.id);
  const holidays = useQuery({ queryKey: openingKeys.holidays(place.id), queryFn: () => api.get('/api/places/{id}/holidays', { path: { id: place.id } }) });
  const policy = holidayPolicyText(opening);
  const [showAll, setShowAll] = useState(false);
  const items = holidays.data?.items ?? [];
  const shown = showAll ? items : items.slice(0, HOLIDAYS_SHOWN);

  const setPolicy = useMutation({
    mutationFn: (holidaysClosed: boolean | null) => api.put('/api/places/{id}/opening', { path: { id: place.id }, body: { holidaysClosed } }),
    onSuccess: (saved) => {
      refresh();
      toast(saved.holidaysClosed ? '공휴일에는 예약을 받지 않습니다.' : '공휴일에도 예약을 받습니다.', 'success');
      onAffected(saved.affectedBookings.length > 0 ? { title: '쉬는 날에 잡혀 있는 예약', items: saved.affectedBookings } : null);
    },
    onError: (e) => toast(errorMessage(e), 'error'),
  });

  const setHoliday = useMutation({
    mutationFn: ({ date, closed }: { date: string; closed: boolean | null }) =>
      closed === null
        ? api.delete('/api/places/{id}/holidays/{date}', { path: { id: place.id, date } })
        : api.put('/api/places/{id}/holidays/{date}', { path: { id: place.id, date }, body: { closed } }),
    onSuccess: (saved) => {
      refresh();
      toast(`${saved.names.join(', ')}: ${saved.closed ? '휴무' : '영업'}`, 'success');
      onAffected(saved.affectedBookings.length > 0 ? { title: `${saved.names.join(', ')}에 잡혀 있는 예약`, items: saved.affectedBookings } : null);
    },
    onError: (e) => toast(errorMessage(e), 'error'),
  });

  const busy = setPolicy.isPending || setHoliday.isPending;
  return (
    <div className="cat-opening-part" data-testid="place-holidays">
      <h4>공휴일</h4>
      <label className="switch-row">
        <input
          type="checkbox"
          className="switch"
          checked={opening.holidaysClosed}
          disabled={!canEdit || busy}
          onChange={(e) => setPolicy.mutate(e.target.checked)}
          aria-label="공휴일 휴무"
        />
        <span>
          <strong>공휴일 휴무: {opening.holidaysClosed ? 'ON' : 'OFF'}</strong>
          <span className="muted block">{policy.state}</span>
          <span className="muted block">{policy.explanation}</span>
        </span>
      </label>
      {canEdit && opening.holidaysClosedSetting !== null && (
        <button type="button" className="link-btn" disabled={busy} onClick={() => setPolicy.mutate(null)}>
          업종 기본값으로 되돌리기
        </button>
      )}
      {holidays.isError && <p className="form-error">{errorMessage(holidays.error)}</p>}
      {holidays.data && (
        <>
          {holidays.data.items.length === 0 ? (
            <div className="empty-state cat-empty-sm">앞으로 1년 동안 공휴일 자료가 없습니다.</div>
          ) : (
            <table className="table cat-holidays">
              <thead>
                <tr>
                  <th>공휴일</th>
                  <th>이 장소</th>
                  <th className="col-actions" />
                </tr>
              </thead>
              <tbody>
                {shown.map((holiday) => {
                  const row = holidayRow(holiday);
                  return (
                    <tr key={holiday.date} data-testid="holiday-row">
                      <td>{row.label}</td>
                      <td>
                        <span className={`badge ${row.state === '휴무' ? 'badge-amber' : 'badge-green'}`}>{row.state}</span>
                        {row.note && <span className="muted block">{row.note}</span>}
                      </td>
                      <td>
                        {canEdit && (
                          <div className="row-actions">
                            <button type="button" className="btn btn-sm" disabled={busy} onClick={() => setHoliday.mutate({ date: holiday.date, closed: row.toggleTo })}>
                              {row.toggleLabel}
                            </button>
                            {holiday.overridden && (
                              <button type="button" className="link-btn" disabled={busy} onClick={() => setHoliday.mutate({ date: holiday.date, closed: null })}>
                                기본값으로
                              </button>
                            )}
                          </div>
                        )}
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          )}
          {items.length > HOLIDAYS_SHOWN && (
            <button type="button" className="link-btn" onClick={() => setShowAll(!showAll)}>
              {showAll ? '가까운 공휴일만 보기' : `앞으로 1년의 공휴일 모두 보기 (${items.length}일)`}
            </button>
          )}
          <p className="muted field-help">
            공휴일(대체공휴일·선거일 포함)은 관보 기준 공휴일 자료(@hyunbinseo/holidays-kr)의 {holidays.data.holidayYears.first}–{holidays.data.holidayYears.last}년 자료입니다. 자료가 없는 해에는 공휴일이 없는 것으로 보고, 자료는 해마다 업데이트됩니다.
          </p>
        </>
      )}
    </div>
  );
}

function ClosuresPart({ place, canEdit, onAffected }: { place: Place; canEdit: boolean; onAffected: OnAffected }) {
  const me = useCurrentMe();
  const today = todayKey(me.business.timeZone);
  const toast = useToast();
  const refresh = useRefreshOpening(place.id);
  const closures = useQuery({ queryKey: openingKeys.closures(place.id), queryFn: () => api.get('/api/places/{id}/closures', { path: { id: place.id } }) });
  const [draft, setDraft] = useState({ startsOn: addDays(today, 1), endsOn: addDays(today, 1), reason: '' });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [deleting, setDeleting] = useState<PlaceClosure | null>(null);

  const add = useMutation({
    mutationFn: () => api.post('/api/places/{id}/closures', { path: { id: place.id }, body: { ...draft, reason: draft.reason.trim() } }),
    onSuccess: (saved) => {
      refresh();
      toast(`임시휴무를 등록했습니다: ${closureRangeLabel(saved.startsOn, saved.endsOn)}`, 'success');
      setDraft((d) => ({ ...d, reason: '' }));
      onAffected(saved.affectedBookings.length > 0 ? { title: `임시휴무 ${closureRangeLabel(saved.startsOn, saved.endsOn)} (${saved.reason})`, items: saved.affectedBookings } : null);
    },
    onError: (e) => {
      const fields = fieldErrors(e);
      setErrors(fields);
      // A message the form shows beside its field is not repeated under it.
      setFormError(Object.keys(fields).length > 0 ? null : formMessage(e));
    },
  });

  const remove = useMutation({
    mutationFn: (closure: PlaceClosure) => api.delete('/api/places/{id}/closures/{closureId}', { path: { id: place.id, closureId: closure.id } }),
    onSuccess: () => {
      refresh();
      setDeleting(null);
      toast('임시휴무를 삭제했습니다. 그 날짜에 다시 예약을 받습니다.', 'success');
    },
  });

  function submit(event: FormEvent) {
    event.preventDefault();
    setFormError(null);
    const found = closureDraftErrors(draft);
    setErrors(found);
    if (Object.keys(found).length === 0) add.mutate();
  }

  return (
    <div className="cat-opening-part" data-testid="place-closures">
      <h4>임시휴무</h4>
      {closures.isError && <p className="form-error">{errorMessage(closures.error)}</p>}
      {closures.data && closures.data.items.length === 0 && <p className="muted">등록된 임시휴무가 없습니다.</p>}
      {closures.data && closures.data.items.length > 0 && (
        <table className="table">
          <thead>
            <tr>
              <th>기간</th>
              <th>사유 (예약 페이지에 보임)</th>
              <th>걸린 예약</th>
              <th className="col-actions" />
            </tr>
          </thead>
          <tbody>
            {closures.data.items.map((closure) => (
              <tr key={closure.id} data-testid="closure-row">
                <td className="cat-nowrap">{closureRangeLabel(closure.startsOn, closure.endsOn)}</td>
                <td>{closure.reason}</td>
                <td>
                  {closure.affectedBookings.length === 0 ? (
                    <span className="muted">없음</span>
                  ) : (
                    <button type="button" className="link-btn" onClick={() => onAffected({ title: `임시휴무 ${closureRangeLabel(closure.startsOn, closure.endsOn)} (${closure.reason})`, items: closure.affectedBookings })}>
                      {closure.affectedBookings.length}건 보기
                    </button>
                  )}
                </td>
                <td>
                  {canEdit && (
                    <button type="button" className="btn btn-sm btn-danger" onClick={() => setDeleting(closure)}>
                      삭제
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {canEdit && (
        <form className="form-grid" onSubmit={submit} noValidate data-testid="closure-form">
          <div className="field-row">
            <Field label="시작일" error={errors.startsOn}>
              <input type="date" value={draft.startsOn} min={today} onChange={(e) => setDraft({ ...draft, startsOn: e.target.value, endsOn: draft.endsOn < e.target.value ? e.target.value : draft.endsOn })} />
            </Field>
            <Field label="종료일" error={errors.endsOn}>
              <input type="date" value={draft.endsOn} min={draft.startsOn} onChange={(e) => setDraft({ ...draft, endsOn: e.target.value })} />
            </Field>
            <Field label="사유" error={errors.reason}>
              <input value={draft.reason} maxLength={100} placeholder="예: 원장님 학회" onChange={(e) => setDraft({ ...draft, reason: e.target.value })} />
            </Field>
          </div>
          {formError && <p className="form-error">{formError}</p>}
          <div className="form-actions">
            <button type="submit" className="btn btn-primary btn-sm" disabled={add.isPending}>
              {add.isPending ? '등록 중…' : '+ 임시휴무 등록'}
            </button>
          </div>
        </form>
      )}
      {deleting && (
        <ConfirmDialog
          title="임시휴무 삭제"
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
            {closureRangeLabel(deleting.startsOn, deleting.endsOn)} 임시휴무({deleting.reason})를 삭제할까요? 그 날짜에 다시 예약을 받습니다.
          </p>
        </ConfirmDialog>
      )}
    </div>
  );
}

/** The bookings a change just closed: what the shop has to handle itself. */
function AffectedBookings({ title, items, onClose }: { title: string; items: ClosedDayBooking[]; onClose: () => void }) {
  const notice = affectedNotice(items.length);
  return (
    <div className="hint hint-warning cat-affected" role="status" data-testid="affected-bookings">
      <strong>{title}</strong>
      {notice && <p>{notice}</p>}
      <BookingList items={items} />
      <button type="button" className="link-btn" onClick={onClose}>
        닫기
      </button>
    </div>
  );
}

/** Every live booking at a closed time, for as long as there is one. */
function ClosedDayBookings({ place }: { place: Place }) {
  const list = useQuery({ queryKey: openingKeys.closedDayBookings(place.id), queryFn: () => api.get('/api/places/{id}/closed-day-bookings', { path: { id: place.id } }) });
  if (!list.data || list.data.items.length === 0) return null;
  return (
    <div className="cat-opening-part" data-testid="closed-day-bookings">
      <h4>쉬는 날·영업시간 밖에 잡혀 있는 예약 ({list.data.items.length}건)</h4>
      <p className="muted">자동으로 취소되지 않습니다. 고객에게 연락해 날짜를 바꾸거나, 예약 관리에서 취소해 주세요.</p>
      <BookingList items={list.data.items} />
    </div>
  );
}

function BookingList({ items }: { items: ClosedDayBooking[] }) {
  const me = useCurrentMe();
  return (
    <table className="table">
      <thead>
        <tr>
          <th>이용 일시</th>
          <th>고객</th>
          <th>상품</th>
          <th>휴무</th>
          <th>예약</th>
        </tr>
      </thead>
      <tbody>
        {items.map((booking) => (
          <tr key={booking.bookingId} data-testid="affected-booking">
            <td className="cat-nowrap">{booking.usageLabel || formatDateTime(booking.usageStartsAt, me.business.timeZone)}</td>
            <td>
              {booking.customerName} <span className="muted">{booking.customerPhone}</span>
            </td>
            <td>{booking.productName}</td>
            <td>{booking.reason}</td>
            <td className="cat-nowrap">
              <Link to={`/partner/bookings?booking=${booking.bookingId}`}>{booking.bookingNumber}</Link> <span className="muted">{booking.statusLabel}</span>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
