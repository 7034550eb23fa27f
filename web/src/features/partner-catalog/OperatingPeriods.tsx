import { useState, type FormEvent } from 'react';
import { api } from '../../api/client';
import { useMutation } from '@tanstack/react-query';
import { useCurrentMe } from '../auth/auth';
import { Modal } from '../../ui/Modal';
import { ConfirmDialog } from '../../ui/ConfirmDialog';
import { useToast } from '../../ui/Toast';
import { formatDateTime } from '../../../../src/shared/format';
import { fromLocalInput, toLocalInput, todayKey, addDays } from '../../../../src/shared/time';
import { catalogMessage, fieldErrors, useInvalidateCatalog } from './catalogApi';
import { WEEKDAYS, WEEKDAY_LABELS } from './labels';
import { DEFAULT_WEEK, WeekHoursEditor, WeeklySummary, badWeekdays, weekDraftOf, weeklyHoursOfDraft, type WeekDraft } from './WeekHours';
import { FieldError } from './parts';
import { Field } from '../../ui/Field';
import type { OperatingPeriod, Product } from '../../api/models';

/** BOOK-3: 운영기간 of a 시간예약형 product: dates, weekly hours and 예약시작 일시. */
export function OperatingPeriods({ product, canEdit }: { product: Product; canEdit: boolean }) {
  const me = useCurrentMe();
  const timeZone = me.business.timeZone;
  const toast = useToast();
  const invalidate = useInvalidateCatalog();
  const [editing, setEditing] = useState<OperatingPeriod | 'new' | null>(null);
  const [deleting, setDeleting] = useState<OperatingPeriod | null>(null);
  const periods = [...(product.operatingPeriods ?? [])].sort((a, b) => a.startsOn.localeCompare(b.startsOn));

  const remove = useMutation({
    mutationFn: (period: OperatingPeriod) => api.delete('/api/products/{id}/operating-periods/{periodId}', { path: { id: product.id, periodId: period.id } }),
    onSuccess: () => {
      invalidate();
      setDeleting(null);
      toast('운영기간을 삭제했습니다.', 'success');
    },
  });

  return (
    <section className="card" data-testid="operating-periods">
      <div className="card-header">
        <h3>운영기간</h3>
        {canEdit && (
          <button type="button" className="btn btn-sm btn-primary" onClick={() => setEditing('new')}>
            + 운영기간 등록
          </button>
        )}
      </div>
      <p className="muted cat-section-help">
        운영기간의 요일별 운영시간을 {product.slotMinutes}분 슬롯으로 나눠 예약을 받습니다. 예약시작 일시를 정하면 그때부터 예약하기 버튼이 보입니다. 운영기간끼리는 겹칠 수 없습니다.
      </p>
      {periods.length === 0 ? (
        <div className="empty-state cat-empty-sm">
          등록된 운영기간이 없습니다. 운영기간을 등록해야 예약 페이지에 시간이 열립니다.
        </div>
      ) : (
        <table className="table">
          <thead>
            <tr>
              <th>기간</th>
              <th>요일별 운영시간</th>
              <th>예약시작 일시</th>
              <th className="col-actions" />
            </tr>
          </thead>
          <tbody>
            {periods.map((period) => (
              <tr key={period.id} data-testid="operating-period-row">
                <td className="cat-nowrap">
                  {period.startsOn} ~ {period.endsOn}
                </td>
                <td>
                  <WeeklySummary hours={period.weeklyHours} />
                </td>
                <td className="cat-nowrap">{period.bookingOpensAt ? formatDateTime(period.bookingOpensAt, timeZone) : <span className="muted">등록 즉시</span>}</td>
                <td>
                  {canEdit && (
                    <div className="row-actions">
                      <button type="button" className="btn btn-sm" onClick={() => setEditing(period)}>
                        수정
                      </button>
                      <button type="button" className="btn btn-sm btn-danger" onClick={() => setDeleting(period)}>
                        삭제
                      </button>
                    </div>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {editing && <PeriodModal product={product} period={editing === 'new' ? null : editing} onClose={() => setEditing(null)} />}
      {deleting && (
        <ConfirmDialog
          title="운영기간 삭제"
          confirmLabel="삭제"
          danger
          busy={remove.isPending}
          error={remove.isError ? catalogMessage(remove.error, timeZone) : null}
          onConfirm={() => remove.mutate(deleting)}
          onCancel={() => {
            setDeleting(null);
            remove.reset();
          }}
        >
          <p>
            {deleting.startsOn} ~ {deleting.endsOn} 운영기간을 삭제할까요? 이 기간의 슬롯이 예약 페이지에서 사라집니다.
          </p>
        </ConfirmDialog>
      )}
    </section>
  );
}

function PeriodModal({ product, period, onClose }: { product: Product; period: OperatingPeriod | null; onClose: () => void }) {
  const me = useCurrentMe();
  const timeZone = me.business.timeZone;
  const toast = useToast();
  const invalidate = useInvalidateCatalog();
  const today = todayKey(timeZone);
  // Periods may not overlap: a new one starts the day after the last one ends.
  const lastEnd = (product.operatingPeriods ?? []).reduce((latest, p) => (p.endsOn > latest ? p.endsOn : latest), '');
  const firstFree = lastEnd && lastEnd >= today ? addDays(lastEnd, 1) : today;
  const [from, setFrom] = useState(period?.startsOn ?? firstFree);
  const [to, setTo] = useState(period?.endsOn ?? addDays(firstFree, 90));
  const [week, setWeek] = useState<WeekDraft>(period ? weekDraftOf(period.weeklyHours) : DEFAULT_WEEK);
  const [opensAt, setOpensAt] = useState(period?.bookingOpensAt ? toLocalInput(period.bookingOpensAt, timeZone) : '');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);

  const save = useMutation({
    mutationFn: () => {
      const weeklyHours = weeklyHoursOfDraft(week);
      const body = { startsOn: from, endsOn: to, weeklyHours, bookingOpensAt: opensAt ? fromLocalInput(opensAt, timeZone) : null };
      return period
        ? api.patch('/api/products/{id}/operating-periods/{periodId}', { path: { id: product.id, periodId: period.id }, body })
        : api.post('/api/products/{id}/operating-periods', { path: { id: product.id }, body });
    },
    onSuccess: () => {
      invalidate();
      toast(period ? '운영기간을 저장했습니다.' : '운영기간을 등록했습니다.', 'success');
      onClose();
    },
    onError: (error) => {
      setErrors(fieldErrors(error));
      setFormError(catalogMessage(error, timeZone));
    },
  });

  function submit(event: FormEvent) {
    event.preventDefault();
    setFormError(null);
    const found: Record<string, string> = {};
    if (!from) found.startsOn = '시작일을 고르세요.';
    if (!to) found.endsOn = '종료일을 고르세요.';
    else if (from && to < from) found.endsOn = '종료일은 시작일과 같거나 늦어야 합니다.';
    const bad = badWeekdays(week);
    if (bad.length > 0) found.weeklyHours = `${bad.map((d) => WEEKDAY_LABELS[d]).join(', ')}요일: 시작 시간은 종료 시간보다 빨라야 합니다.`;
    else if (WEEKDAYS.every((day) => week[day].length === 0)) found.weeklyHours = '운영하는 요일을 하나 이상 정하세요.';
    setErrors(found);
    if (Object.keys(found).length === 0) save.mutate();
  }

  return (
    <Modal title={period ? '운영기간 수정' : '운영기간 등록'} onClose={onClose} width={640}>
      <form className="form-grid" onSubmit={submit} noValidate data-testid="operating-period-form">
        <div className="field-row">
          <Field label="시작일" error={errors.startsOn}>
            <input type="date" value={from} onChange={(e) => setFrom(e.target.value)} />
          </Field>
          <Field label="종료일" error={errors.endsOn}>
            <input type="date" value={to} min={from} onChange={(e) => setTo(e.target.value)} />
          </Field>
        </div>
        <div className="field">
          <span>요일별 운영시간</span>
          <WeekHoursEditor week={week} onChange={setWeek} />
          <span className="muted field-help">점심시간처럼 쉬는 시간이 있으면 시간대를 둘로 나누세요 (예: 09:00~12:00, 13:00~18:00). 종료 00:00은 자정입니다.</span>
          <FieldError message={errors.weeklyHours} />
        </div>
        <Field
          label="예약시작 일시"
          error={errors.bookingOpensAt}
          help="이 일시부터 예약 페이지에 예약하기 버튼이 보입니다. 비우면 저장하는 즉시 예약을 받습니다."
        >
          <input type="datetime-local" value={opensAt} onChange={(e) => setOpensAt(e.target.value)} />
        </Field>
        {formError && <p className="form-error">{formError}</p>}
        <div className="form-actions">
          <button type="button" className="btn" onClick={onClose}>
            취소
          </button>
          <button type="submit" className="btn btn-primary" disabled={save.isPending}>
            {save.isPending ? '저장 중…' : '저장'}
          </button>
        </div>
      </form>
    </Modal>
  );
}
