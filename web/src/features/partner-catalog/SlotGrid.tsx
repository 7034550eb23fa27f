import { useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, errorMessage } from '../../api/client';
import { keys } from '../../api/keys';
import { SLOT_STATUS_LABELS } from './labels';
import { useCurrentMe } from '../auth/auth';
import { useToast } from '../../ui/Toast';
import { formatShortDateTitle } from '../../../../src/shared/format';
import { addDays, mondayOf, todayKey } from '../../../../src/shared/time';
import type { Product, Slot, SlotStatus, TimeSlotAvailability } from '../../api/models';

/** BOOK-3: one week of slots; a click switches a single slot 노출 ON/OFF. */
export function SlotGrid({ product, canEdit }: { product: Product; canEdit: boolean }) {
  const me = useCurrentMe();
  const timeZone = me.business.timeZone;
  const toast = useToast();
  const queryClient = useQueryClient();
  const today = todayKey(timeZone);
  const [monday, setMonday] = useState(() => mondayOf(today));
  const sunday = addDays(monday, 6);
  const queryKey = keys.catalog.availability(product.id, monday, sunday);
  const availability = useQuery({
    queryKey,
    queryFn: () => api.get('/api/products/{id}/availability', { path: { id: product.id }, query: { from: monday, to: sunday } }),
  });

  // A slot on a closed day (OPS-1) shows as closed whether hidden or not: its own 노출 flag decides the switch.
  const isHidden = (slot: Slot) => slot.hidden ?? slot.status === 'hidden';
  const toggle = useMutation({
    mutationFn: (slot: Slot) => api.put('/api/products/{id}/hidden-slots', { path: { id: product.id }, body: { startsAt: slot.startsAt, hidden: !isHidden(slot) } }),
    onSuccess: (_, slot) => {
      const hidden = !isHidden(slot);
      // Shown at once; the refetch brings the true status (sold out, not open …) of a slot switched back on.
      queryClient.setQueryData<TimeSlotAvailability>(queryKey, (current) =>
        current?.kind === 'time_slot'
          ? {
              ...current,
              days: current.days.map((day) => ({
                ...day,
                slots: day.slots.map((s) => (s.startsAt === slot.startsAt ? { ...s, hidden, status: s.status === 'closed' ? 'closed' : hidden ? 'hidden' : 'bookable' } : s)),
              })),
            }
          : current,
      );
      queryClient.invalidateQueries({ queryKey: keys.catalog.availabilityOf(product.id) });
      toast(`${slot.localTime} 슬롯을 ${hidden ? '노출 OFF' : '노출 ON'} 했습니다.`, 'success');
    },
    onError: (error) => toast(errorMessage(error), 'error'),
  });

  // A time-slot product's availability is always of slots.
  const days = availability.data?.kind === 'time_slot' ? availability.data.days : [];
  const byDate = new Map(days.map((day) => [day.date, day]));
  const closedDays = new Map((availability.data?.closedDays ?? []).map((d) => [d.date, d.reason]));
  const dates = Array.from({ length: 7 }, (_, i) => addDays(monday, i));
  const noPeriods = (product.operatingPeriods ?? []).length === 0;

  return (
    <section className="card" data-testid="slot-grid">
      <div className="card-header">
        <h3>예약 스케줄</h3>
        <div className="cat-week-nav">
          <button type="button" className="btn btn-sm" onClick={() => setMonday(addDays(monday, -7))} aria-label="이전 주">
            ‹ 이전 주
          </button>
          <button type="button" className="btn btn-sm" onClick={() => setMonday(mondayOf(today))}>
            이번 주
          </button>
          <button type="button" className="btn btn-sm" onClick={() => setMonday(addDays(monday, 7))} aria-label="다음 주">
            다음 주 ›
          </button>
          <span className="strong cat-week-title">
            {formatShortDateTitle(monday)} ~ {formatShortDateTitle(sunday)}
          </span>
        </div>
      </div>
      <p className="muted cat-section-help">
        숫자는 남은 인원/슬롯당 인원입니다.{' '}
        {canEdit ? '슬롯을 누르면 그 시간만 노출 ON/OFF 됩니다. 노출 OFF 한 슬롯은 예약 페이지에 보이지 않고 예약도 받지 않습니다.' : ''}
      </p>
      <div className="cat-legend">
        {(Object.keys(SLOT_STATUS_LABELS) as SlotStatus[]).map((status) => (
          <span key={status} className={`cat-slot-chip slot-${status}`}>
            {SLOT_STATUS_LABELS[status]}
          </span>
        ))}
      </div>
      {noPeriods && <p className="hint hint-warning">운영기간이 없어 슬롯이 없습니다. 운영기간 탭에서 먼저 운영기간을 등록하세요.</p>}
      {availability.isError && <p className="form-error">{errorMessage(availability.error)}</p>}
      {availability.isPending && <p className="muted">불러오는 중…</p>}
      {availability.isSuccess && (
        <div className="cat-slot-grid">
          {dates.map((date) => {
            const day = byDate.get(date);
            const slots = day?.slots ?? [];
            return (
              <div key={date} className={`cat-slot-day${date === today ? ' today' : ''}`} data-testid="slot-day">
                <div className="cat-slot-day-title">{formatShortDateTitle(date)}</div>
                {closedDays.has(date) && (
                  <div className="cat-slot-closed-reason" data-testid="slot-day-closed">
                    {closedDays.get(date)}
                  </div>
                )}
                {slots.length === 0 && !closedDays.has(date) && <div className="muted cat-slot-none">운영 안 함</div>}
                {slots.map((slot) => {
                  const clickable = canEdit && slot.status !== 'past';
                  return (
                    <button
                      key={slot.startsAt}
                      type="button"
                      className={`cat-slot slot-${slot.status}`}
                      disabled={!clickable || toggle.isPending}
                      onClick={() => toggle.mutate(slot)}
                      title={`${slot.localTime} ${SLOT_STATUS_LABELS[slot.status] ?? slot.status}${slot.closedReason ? ` (${slot.closedReason})` : ''} · 남은 인원 ${slot.remaining}/${slot.capacity}${clickable ? (isHidden(slot) ? ' · 누르면 노출 ON' : ' · 누르면 노출 OFF') : ''}`}
                      data-testid="slot"
                    >
                      <span className="cat-slot-time">{slot.localTime}</span>
                      <span className="cat-slot-remaining">
                        {slot.status === 'hidden' ? '노출 OFF' : `${slot.remaining}/${slot.capacity}`}
                      </span>
                    </button>
                  );
                })}
              </div>
            );
          })}
        </div>
      )}
    </section>
  );
}
