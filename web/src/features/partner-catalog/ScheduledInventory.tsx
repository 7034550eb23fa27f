import { useMemo, useState, type FormEvent, type ReactNode } from 'react';
import { useMutation } from '@tanstack/react-query';
import { ApiError, api, errorMessage, type Body } from '../../api/client';
import { useCurrentMe } from '../auth/auth';
import { ConfirmDialog } from '../../ui/ConfirmDialog';
import { Modal } from '../../ui/Modal';
import { useToast } from '../../ui/Toast';
import { formatDateTime, formatShortDateTitle, formatWon } from '../../../../src/shared/format';
import { addDays, fromLocalInput, toLocalInput, todayKey } from '../../../../src/shared/time';
import { catalogMessage, fieldErrors, formMessage, stockMap, useInvalidateCatalog } from './catalogApi';
import { modeAllowsPriceMax, quantityOnBookingSchedule } from './labels';
import { INVENTORY_MODE_LABELS } from '../../../../src/shared/labels/products';
import { numberOrNull, textOf } from './parts';
import { Field } from '../../ui/Field';
import type { BookingSchedule, Product, ProductPrice, ProductSchedule, ScheduleUsage } from '../../api/models';

/** "12월 5일 (토) 14:00", "12월 5일 (토)" or "2026-12-01 ~ 2027-02-28". */
export function usageLabel(usage: ScheduleUsage): string {
  if (usage.kind === 'date_time') return `${formatShortDateTitle(usage.date)} ${usage.startTime}`;
  if (usage.kind === 'date') return formatShortDateTitle(usage.date);
  return `${usage.from} ~ ${usage.to}`;
}

const usageSortKey = (usage: ScheduleUsage) => (usage.kind === 'date_time' ? `${usage.date}T${usage.startTime}` : usage.kind === 'date' ? usage.date : usage.from);

/** BOOK-4, BOOK-5: 일정, 가격, 예약 스케줄 and 예약수량 of 날짜/시간형, 날짜형 and 상시형 products. */
export function ScheduledInventory({ product, canEdit, part }: { product: Product; canEdit: boolean; part: 'schedule' | 'stock' }) {
  const schedules = useMemo(() => [...(product.schedules ?? [])].sort((a, b) => usageSortKey(a.usage).localeCompare(usageSortKey(b.usage))), [product.schedules]);
  const prices = product.prices ?? [];
  if (part === 'schedule')
    return (
      <>
        <SchedulesCard product={product} schedules={schedules} canEdit={canEdit} />
        <PricesCard product={product} prices={prices} canEdit={canEdit} />
      </>
    );
  return (
    <>
      <BookingScheduleCreator product={product} schedules={schedules} prices={prices} canEdit={canEdit} />
      <BookingSchedulesTable product={product} schedules={schedules} prices={prices} canEdit={canEdit} />
      {(product.inventoryMode === 'per_date_time' || product.inventoryMode === 'per_date') && <StockTable product={product} schedules={schedules} canEdit={canEdit} />}
      {product.inventoryMode === 'per_period' && <PeriodQuantity product={product} canEdit={canEdit} />}
    </>
  );
}

// ------------------------------------------------------------------ 일정

function SchedulesCard({ product, schedules, canEdit }: { product: Product; schedules: ProductSchedule[]; canEdit: boolean }) {
  const me = useCurrentMe();
  const timeZone = me.business.timeZone;
  const [editing, setEditing] = useState<ProductSchedule | 'new' | null>(null);
  const [deleting, setDeleting] = useState<ProductSchedule | null>(null);
  const always = product.bookingType === 'always';
  const canAdd = canEdit && !(always && schedules.length >= 1);

  return (
    <section className="card" data-testid="schedules">
      <div className="card-header">
        <h3>{always ? '일정 (이용기간)' : '일정'}</h3>
        {canAdd && (
          <button type="button" className="btn btn-sm btn-primary" onClick={() => setEditing('new')}>
            + 일정 등록
          </button>
        )}
      </div>
      <p className="muted cat-section-help">
        {always
          ? '상시형 상품은 이용기간 하나를 일정으로 가집니다. 고객은 이 기간 안에서 언제든 이용합니다.'
          : product.bookingType === 'date_time'
            ? '고객이 고르는 이용 날짜와 시작 시간입니다. 예약 시작/종료 일시 사이에만 예약을 받습니다.'
            : '고객이 고르는 이용 날짜입니다. 예약 시작/종료 일시 사이에만 예약을 받습니다.'}
      </p>
      {schedules.length === 0 ? (
        <div className="empty-state cat-empty-sm">등록된 일정이 없습니다. {always ? '이용기간을' : '일정을'} 등록하세요.</div>
      ) : (
        <table className="table">
          <thead>
            <tr>
              <th>{always ? '이용기간' : product.bookingType === 'date' ? '이용일' : '이용 일시'}</th>
              <th>예약 시작 일시</th>
              <th>예약 종료 일시</th>
              <th className="col-actions" />
            </tr>
          </thead>
          <tbody>
            {schedules.map((schedule) => (
              <tr key={schedule.id} data-testid="schedule-row">
                <td className="strong">{usageLabel(schedule.usage)}</td>
                <td>{formatDateTime(schedule.bookingOpensAt, timeZone)}</td>
                <td>{formatDateTime(schedule.bookingClosesAt, timeZone)}</td>
                <td>
                  {canEdit && (
                    <div className="row-actions">
                      <button type="button" className="btn btn-sm" onClick={() => setEditing(schedule)}>
                        수정
                      </button>
                      {!always && (
                        <button type="button" className="btn btn-sm btn-danger" onClick={() => setDeleting(schedule)}>
                          삭제
                        </button>
                      )}
                    </div>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {editing && <ScheduleModal product={product} schedule={editing === 'new' ? null : editing} onClose={() => setEditing(null)} />}
      {deleting && (
        <DeleteDialog
          title="일정 삭제"
          remove={() => api.delete('/api/products/{id}/schedules/{scheduleId}', { path: { id: product.id, scheduleId: deleting.id } })}
          done="일정을 삭제했습니다."
          onClose={() => setDeleting(null)}
        >
          <p>
            <strong>{usageLabel(deleting.usage)}</strong> 일정을 삭제할까요? 이 일정으로 만든 예약 스케줄도 함께 지워집니다.
          </p>
        </DeleteDialog>
      )}
    </section>
  );
}

function ScheduleModal({ product, schedule, onClose }: { product: Product; schedule: ProductSchedule | null; onClose: () => void }) {
  const me = useCurrentMe();
  const timeZone = me.business.timeZone;
  const toast = useToast();
  const invalidate = useInvalidateCatalog();
  const today = todayKey(timeZone);
  const kind = product.bookingType === 'date_time' ? 'date_time' : product.bookingType === 'date' ? 'date' : 'period';
  const usage = schedule?.usage;
  const [date, setDate] = useState(usage && usage.kind !== 'period' ? usage.date : addDays(today, 7));
  const [startTime, setStartTime] = useState(usage?.kind === 'date_time' ? usage.startTime : '14:00');
  const [from, setFrom] = useState(usage?.kind === 'period' ? usage.from : today);
  const [to, setTo] = useState(usage?.kind === 'period' ? usage.to : addDays(today, 89));
  const [opensAt, setOpensAt] = useState(schedule ? toLocalInput(schedule.bookingOpensAt, timeZone) : `${today}T00:00`);
  const [closesAt, setClosesAt] = useState(schedule ? toLocalInput(schedule.bookingClosesAt, timeZone) : '');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  // Until the owner picks one, booking closes when the usage starts (or the period ends).
  const autoClose = kind === 'date_time' ? `${date}T${startTime}` : kind === 'date' ? `${addDays(date, 1)}T00:00` : `${addDays(to, 1)}T00:00`;
  const effectiveClose = closesAt || autoClose;

  const save = useMutation({
    mutationFn: () => {
      const usage: ScheduleUsage = kind === 'date_time' ? { kind, date, startTime } : kind === 'date' ? { kind, date } : { kind, from, to };
      // An unreadable date-time goes as '' so the server names the field.
      const body = { usage, bookingOpensAt: fromLocalInput(opensAt, timeZone) ?? '', bookingClosesAt: fromLocalInput(effectiveClose, timeZone) ?? '' };
      return schedule
        ? api.patch('/api/products/{id}/schedules/{scheduleId}', { path: { id: product.id, scheduleId: schedule.id }, body })
        : api.post('/api/products/{id}/schedules', { path: { id: product.id }, body });
    },
    onSuccess: () => {
      invalidate();
      toast(schedule ? '일정을 저장했습니다.' : '일정을 등록했습니다.', 'success');
      onClose();
    },
    onError: (error) => {
      setErrors(fieldErrors(error));
      setFormError(formMessage(error));
    },
  });

  function submit(event: FormEvent) {
    event.preventDefault();
    setFormError(null);
    const found: Record<string, string> = {};
    if (kind !== 'period' && !date) found.usage = '이용 날짜를 고르세요.';
    if (kind === 'date_time' && !startTime) found.usage = '시작 시간을 입력하세요.';
    if (kind === 'period' && (!from || !to || to < from)) found.usage = '이용기간의 시작일은 종료일과 같거나 빨라야 합니다.';
    if (!opensAt) found.bookingOpensAt = '예약 시작 일시를 입력하세요.';
    if (opensAt && effectiveClose <= opensAt) found.bookingClosesAt = '예약 종료 일시는 예약 시작 일시보다 늦어야 합니다.';
    setErrors(found);
    if (Object.keys(found).length === 0) save.mutate();
  }

  return (
    <Modal title={schedule ? '일정 수정' : '일정 등록'} onClose={onClose} width={560}>
      <form className="form-grid" onSubmit={submit} noValidate data-testid="schedule-form">
        <div className="field-row">
          {kind === 'period' ? (
            <>
              <Field label="이용기간 시작일" error={errors.usage}>
                <input type="date" value={from} onChange={(e) => setFrom(e.target.value)} />
              </Field>
              <Field label="이용기간 종료일">
                <input type="date" value={to} min={from} onChange={(e) => setTo(e.target.value)} />
              </Field>
            </>
          ) : (
            <>
              <Field label="이용 날짜" error={errors.usage}>
                <input type="date" value={date} onChange={(e) => setDate(e.target.value)} />
              </Field>
              {kind === 'date_time' && (
                <Field label="시작 시간">
                  <input type="time" step={300} value={startTime} onChange={(e) => setStartTime(e.target.value)} />
                </Field>
              )}
            </>
          )}
        </div>
        <div className="field-row">
          <Field label="예약 시작 일시" error={errors.bookingOpensAt}>
            <input type="datetime-local" value={opensAt} onChange={(e) => setOpensAt(e.target.value)} />
          </Field>
          <Field
            label="예약 종료 일시"
            error={errors.bookingClosesAt}
            help={closesAt ? undefined : kind === 'date_time' ? '정하지 않으면 이용 시작 시각에 마감합니다.' : kind === 'date' ? '정하지 않으면 이용일이 끝날 때 마감합니다.' : '정하지 않으면 이용기간이 끝날 때 마감합니다.'}
          >
            <input type="datetime-local" value={closesAt || autoClose} onChange={(e) => setClosesAt(e.target.value)} />
          </Field>
        </div>
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

// ------------------------------------------------------------------ 가격

function PricesCard({ product, prices, canEdit }: { product: Product; prices: ProductPrice[]; canEdit: boolean }) {
  const [editing, setEditing] = useState<ProductPrice | 'new' | null>(null);
  const [deleting, setDeleting] = useState<ProductPrice | null>(null);
  const showMax = modeAllowsPriceMax(product.inventoryMode);

  return (
    <section className="card" data-testid="prices">
      <div className="card-header">
        <h3>가격</h3>
        {canEdit && (
          <button type="button" className="btn btn-sm btn-primary" onClick={() => setEditing('new')}>
            + 가격 등록
          </button>
        )}
      </div>
      <p className="muted cat-section-help">
        성인, 어린이처럼 이름을 붙인 금액과 그 가격으로 예약할 수 있는 기간(예약가능 기간)입니다.
        {showMax
          ? ' 최대 예약 수량을 정하면 어떤 일정을 골라도 그 가격은 그 수량까지만 예약됩니다.'
          : ` 최대 예약 수량은 예약수량 관리가 날짜/시간별, 날짜별, 기간 내 수량 관리일 때만 정할 수 있습니다 (지금: ${product.inventoryMode ? INVENTORY_MODE_LABELS[product.inventoryMode] : '-'}).`}
      </p>
      {prices.length === 0 ? (
        <div className="empty-state cat-empty-sm">등록된 가격이 없습니다. 가격을 등록하세요.</div>
      ) : (
        <table className="table">
          <thead>
            <tr>
              <th>이름</th>
              <th>금액</th>
              <th>예약가능 기간</th>
              {showMax && <th>최대 예약 수량</th>}
              <th className="col-actions" />
            </tr>
          </thead>
          <tbody>
            {prices.map((price) => (
              <tr key={price.id} data-testid="price-row">
                <td className="strong">{price.name}</td>
                <td>{formatWon(price.amount)}</td>
                <td>
                  {price.bookableFrom} ~ {price.bookableTo}
                </td>
                {showMax && (
                  <td>
                    {price.maxQuantity === null ? <span className="muted">제한 없음</span> : `${price.maxQuantity}개`}
                    {(price.taken ?? 0) > 0 && <span className="muted"> (예약 {price.taken})</span>}
                  </td>
                )}
                <td>
                  {canEdit && (
                    <div className="row-actions">
                      <button type="button" className="btn btn-sm" onClick={() => setEditing(price)}>
                        수정
                      </button>
                      <button type="button" className="btn btn-sm btn-danger" onClick={() => setDeleting(price)}>
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
      {editing && <PriceModal product={product} price={editing === 'new' ? null : editing} showMax={showMax} onClose={() => setEditing(null)} />}
      {deleting && (
        <DeleteDialog title="가격 삭제" remove={() => api.delete('/api/products/{id}/prices/{priceId}', { path: { id: product.id, priceId: deleting.id } })} done="가격을 삭제했습니다." onClose={() => setDeleting(null)}>
          <p>
            <strong>{deleting.name}</strong> ({formatWon(deleting.amount)}) 가격을 삭제할까요? 이 가격으로 만든 예약 스케줄도 함께 지워집니다.
          </p>
        </DeleteDialog>
      )}
    </section>
  );
}

function PriceModal({ product, price, showMax, onClose }: { product: Product; price: ProductPrice | null; showMax: boolean; onClose: () => void }) {
  const me = useCurrentMe();
  const toast = useToast();
  const invalidate = useInvalidateCatalog();
  const today = todayKey(me.business.timeZone);
  const [name, setName] = useState(price?.name ?? '');
  const [amount, setAmount] = useState(textOf(price?.amount));
  const [from, setFrom] = useState(price?.bookableFrom ?? today);
  const [to, setTo] = useState(price?.bookableTo ?? addDays(today, 89));
  const [maxQuantity, setMaxQuantity] = useState(textOf(price?.maxQuantity));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);

  const save = useMutation({
    mutationFn: () => {
      const body: Body<'/api/products/{id}/prices', 'post'> = { name: name.trim(), amount: Number(amount), bookableFrom: from, bookableTo: to };
      if (showMax) body.maxQuantity = numberOrNull(maxQuantity);
      return price
        ? api.patch('/api/products/{id}/prices/{priceId}', { path: { id: product.id, priceId: price.id }, body })
        : api.post('/api/products/{id}/prices', { path: { id: product.id }, body });
    },
    onSuccess: () => {
      invalidate();
      toast(price ? '가격을 저장했습니다.' : '가격을 등록했습니다.', 'success');
      onClose();
    },
    onError: (error) => {
      setErrors(fieldErrors(error));
      setFormError(formMessage(error));
    },
  });

  function submit(event: FormEvent) {
    event.preventDefault();
    setFormError(null);
    const found: Record<string, string> = {};
    if (!name.trim()) found.name = '가격 이름을 입력하세요. (예: 성인)';
    if (!/^\d+$/.test(amount)) found.amount = '금액을 0원 이상의 숫자로 입력하세요.';
    if (!from || !to || to < from) found.bookableTo = '예약가능 기간의 시작일은 종료일과 같거나 빨라야 합니다.';
    if (showMax && maxQuantity && (!/^\d+$/.test(maxQuantity) || Number(maxQuantity) < 1)) found.maxQuantity = '최대 예약 수량은 1 이상의 숫자로 입력하세요.';
    setErrors(found);
    if (Object.keys(found).length === 0) save.mutate();
  }

  return (
    <Modal title={price ? '가격 수정' : '가격 등록'} onClose={onClose} width={520}>
      <form className="form-grid" onSubmit={submit} noValidate data-testid="price-form">
        <div className="field-row">
          <Field label="이름" error={errors.name}>
            <input value={name} onChange={(e) => setName(e.target.value)} placeholder="예: 성인, 어린이, 1인" maxLength={50} />
          </Field>
          <Field label="금액 (원)" error={errors.amount}>
            <input inputMode="numeric" value={amount} onChange={(e) => setAmount(e.target.value.replace(/[^\d]/g, ''))} placeholder="30000" />
          </Field>
        </div>
        <div className="field-row">
          <Field label="예약가능 기간 시작일" error={errors.bookableFrom}>
            <input type="date" value={from} onChange={(e) => setFrom(e.target.value)} />
          </Field>
          <Field label="예약가능 기간 종료일" error={errors.bookableTo}>
            <input type="date" value={to} min={from} onChange={(e) => setTo(e.target.value)} />
          </Field>
        </div>
        {showMax && (
          <Field label="최대 예약 수량" error={errors.maxQuantity} help="비우면 제한 없음. 어떤 일정을 골라도 이 가격은 이 수량을 넘겨 예약할 수 없습니다.">
            <input type="number" min={1} value={maxQuantity} onChange={(e) => setMaxQuantity(e.target.value)} />
          </Field>
        )}
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

// ------------------------------------------------------------------ 예약 스케줄

function BookingScheduleCreator({ product, schedules, prices, canEdit }: { product: Product; schedules: ProductSchedule[]; prices: ProductPrice[]; canEdit: boolean }) {
  const toast = useToast();
  const invalidate = useInvalidateCatalog();
  const [scheduleIds, setScheduleIds] = useState<string[]>([]);
  const [priceIds, setPriceIds] = useState<string[]>([]);
  const [quantity, setQuantity] = useState(quantityOnBookingSchedule(product.inventoryMode) ? '10' : '');
  const [error, setError] = useState<string | null>(null);
  const withQuantity = quantityOnBookingSchedule(product.inventoryMode);
  // 날짜/시간별 and 날짜별: the server may also set those dates' stock at once.
  const stockMode = product.inventoryMode === 'per_date_time' || product.inventoryMode === 'per_date';
  const existing = new Set((product.bookingSchedules ?? []).map((b) => `${b.scheduleId}|${b.priceId}`));
  const pairs = scheduleIds.flatMap((s) => priceIds.map((p) => `${s}|${p}`));
  const duplicates = pairs.filter((pair) => existing.has(pair));
  const scheduleName = (id: string) => {
    const s = schedules.find((x) => x.id === id);
    return s ? usageLabel(s.usage) : '알 수 없는 일정';
  };
  const priceName = (id: string) => prices.find((x) => x.id === id)?.name ?? '알 수 없는 가격';

  const create = useMutation({
    mutationFn: () =>
      api.post('/api/products/{id}/booking-schedules', {
        path: { id: product.id },
        body: { scheduleIds, priceIds, ...(withQuantity || (stockMode && quantity !== '') ? { quantity: Number(quantity) } : {}) },
      }),
    onSuccess: () => {
      invalidate();
      toast(`예약 스케줄 ${pairs.length}개를 만들었습니다.`, 'success');
      setScheduleIds([]);
      setPriceIds([]);
    },
    onError: (e) => setError(noOverlapMessage(e, scheduleName, priceName) ?? errorMessage(e)),
  });

  if (!canEdit) return null;

  function submit(event: FormEvent) {
    event.preventDefault();
    setError(null);
    if (scheduleIds.length === 0 || priceIds.length === 0) return setError('일정과 가격을 하나 이상씩 고르세요.');
    if ((withQuantity || quantity !== '') && !/^\d+$/.test(quantity)) return setError('예약가능 수량을 0 이상의 숫자로 입력하세요.');
    if (duplicates.length > 0) {
      const [s, p] = duplicates[0].split('|');
      return setError(`이미 있는 예약 스케줄이 포함되어 있습니다: ${scheduleName(s)} · ${priceName(p)}${duplicates.length > 1 ? ` 외 ${duplicates.length - 1}개` : ''}. 선택에서 빼 주세요.`);
    }
    create.mutate();
  }

  const toggle = (list: string[], set: (next: string[]) => void, id: string) => set(list.includes(id) ? list.filter((x) => x !== id) : [...list, id]);

  return (
    <form className="card form-grid" onSubmit={submit} data-testid="booking-schedule-creator">
      <h3>예약 스케줄 생성</h3>
      <p className="muted cat-section-help">
        일정과 가격을 골라 예약 스케줄을 한 번에 만듭니다. 고른 일정 × 가격의 모든 조합이 만들어지며, 일정의 예약 시작/종료 일시와 가격의 예약가능 기간이 최소 1일 이상 겹쳐야 합니다.
      </p>
      {schedules.length === 0 || prices.length === 0 ? (
        <p className="hint hint-warning">먼저 "일정 · 가격" 탭에서 일정과 가격을 등록하세요.</p>
      ) : (
        <>
          <div className="cat-pick-columns">
            <PickList
              title="일정"
              items={schedules.map((s) => ({ id: s.id, label: usageLabel(s.usage) }))}
              selected={scheduleIds}
              onToggle={(id) => toggle(scheduleIds, setScheduleIds, id)}
              onAll={(all) => setScheduleIds(all ? schedules.map((s) => s.id) : [])}
            />
            <PickList
              title="가격"
              items={prices.map((p) => ({ id: p.id, label: `${p.name} · ${formatWon(p.amount)}` }))}
              selected={priceIds}
              onToggle={(id) => toggle(priceIds, setPriceIds, id)}
              onAll={(all) => setPriceIds(all ? prices.map((p) => p.id) : [])}
            />
          </div>
          <div className="cat-create-row">
            {withQuantity || stockMode ? (
              <label className="field cat-field-narrow">
                <span>{withQuantity ? '예약가능 수량 (일괄)' : `${product.inventoryMode === 'per_date' ? '날짜별' : '날짜/시간별'} 수량 (선택)`}</span>
                <input type="number" min={0} value={quantity} onChange={(e) => setQuantity(e.target.value)} placeholder={withQuantity ? '' : '비우면 그대로'} />
              </label>
            ) : (
              <p className="muted">
                수량은 {product.inventoryMode ? INVENTORY_MODE_LABELS[product.inventoryMode] : ''}로 정합니다 (아래).
              </p>
            )}
            <button type="submit" className="btn btn-primary" disabled={create.isPending || pairs.length === 0}>
              예약 스케줄 생성{pairs.length > 0 ? ` (${pairs.length}개)` : ''}
            </button>
          </div>
        </>
      )}
      {error && (
        <p className="hint hint-danger" role="alert" data-testid="booking-schedule-error">
          {error}
        </p>
      )}
    </form>
  );
}

/** BOOKING_SCHEDULE_NO_OVERLAP: the server's words, and the pair by name when its details say which. */
function noOverlapMessage(error: unknown, scheduleName: (id: string) => string, priceName: (id: string) => string): string | null {
  if (!(error instanceof ApiError) || error.code !== 'BOOKING_SCHEDULE_NO_OVERLAP') return null;
  const details = (error instanceof ApiError ? error.details : null) as { scheduleId?: string; priceId?: string; pairs?: unknown[] } | null;
  if (!details?.scheduleId || !details.priceId) return error.message;
  const others = (details.pairs?.length ?? 1) - 1;
  return `일정 "${scheduleName(details.scheduleId)}" × 가격 "${priceName(details.priceId)}"${others > 0 ? ` 외 ${others}개 조합` : ''}: ${error.message}`;
}

function PickList({
  title,
  items,
  selected,
  onToggle,
  onAll,
}: {
  title: string;
  items: { id: string; label: string }[];
  selected: string[];
  onToggle: (id: string) => void;
  onAll: (all: boolean) => void;
}) {
  const all = items.length > 0 && items.every((item) => selected.includes(item.id));
  return (
    <div className="cat-pick">
      <label className="checkbox cat-pick-head">
        <input type="checkbox" checked={all} onChange={(e) => onAll(e.target.checked)} />
        <span className="strong">
          {title} 전체 ({selected.length}/{items.length})
        </span>
      </label>
      <div className="cat-pick-list">
        {items.map((item) => (
          <label key={item.id} className="checkbox">
            <input type="checkbox" checked={selected.includes(item.id)} onChange={() => onToggle(item.id)} />
            <span>{item.label}</span>
          </label>
        ))}
      </div>
    </div>
  );
}

function BookingSchedulesTable({ product, schedules, prices, canEdit }: { product: Product; schedules: ProductSchedule[]; prices: ProductPrice[]; canEdit: boolean }) {
  const [deleting, setDeleting] = useState<BookingSchedule | null>(null);
  const withQuantity = quantityOnBookingSchedule(product.inventoryMode);
  const scheduleById = new Map(schedules.map((s) => [s.id, s]));
  const priceById = new Map(prices.map((p) => [p.id, p]));
  const rows = [...(product.bookingSchedules ?? [])].sort((a, b) => {
    const sa = scheduleById.get(a.scheduleId);
    const sb = scheduleById.get(b.scheduleId);
    return (sa ? usageSortKey(sa.usage) : '').localeCompare(sb ? usageSortKey(sb.usage) : '') || (priceById.get(a.priceId)?.name ?? '').localeCompare(priceById.get(b.priceId)?.name ?? '', 'ko');
  });

  return (
    <section className="card" data-testid="booking-schedules">
      <h3>
        예약 스케줄 <span className="muted cat-count">{rows.length}개</span>
      </h3>
      <p className="muted cat-section-help">
        예약 스케줄은 일정과 가격이 연결된, 고객이 예약하는 최소 단위입니다.
        {withQuantity ? ' 일괄 등록한 수량은 여기서 하나씩 바꿀 수 있습니다.' : ''}
      </p>
      {rows.length === 0 ? (
        <div className="empty-state cat-empty-sm">예약 스케줄이 없습니다. 위에서 일정과 가격을 골라 만드세요.</div>
      ) : (
        <table className="table">
          <thead>
            <tr>
              <th>일정</th>
              <th>가격</th>
              <th>{withQuantity ? '예약가능 수량' : '수량'}</th>
              {withQuantity && <th>예약됨</th>}
              <th className="col-actions" />
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => {
              const schedule = scheduleById.get(row.scheduleId);
              const price = priceById.get(row.priceId);
              return (
                <BookingScheduleRow
                  key={`${row.id}:${row.quantity}`}
                  product={product}
                  row={row}
                  scheduleLabel={schedule ? usageLabel(schedule.usage) : '-'}
                  priceLabel={price ? `${price.name} · ${formatWon(price.amount)}` : '-'}
                  withQuantity={withQuantity}
                  canEdit={canEdit}
                  onDelete={() => setDeleting(row)}
                />
              );
            })}
          </tbody>
        </table>
      )}
      {deleting && (
        <DeleteDialog
          title="예약 스케줄 삭제"
          remove={() => api.delete('/api/products/{id}/booking-schedules/{bookingScheduleId}', { path: { id: product.id, bookingScheduleId: deleting.id } })}
          done="예약 스케줄을 삭제했습니다."
          onClose={() => setDeleting(null)}
        >
          <p>이 예약 스케줄을 삭제할까요? 고객이 더 이상 이 일정·가격으로 예약할 수 없습니다.</p>
        </DeleteDialog>
      )}
    </section>
  );
}

function BookingScheduleRow({
  product,
  row,
  scheduleLabel,
  priceLabel,
  withQuantity,
  canEdit,
  onDelete,
}: {
  product: Product;
  row: BookingSchedule;
  scheduleLabel: string;
  priceLabel: string;
  withQuantity: boolean;
  canEdit: boolean;
  onDelete: () => void;
}) {
  const toast = useToast();
  const invalidate = useInvalidateCatalog();
  const [quantity, setQuantity] = useState(textOf(row.quantity));
  const save = useMutation({
    mutationFn: () => api.patch('/api/products/{id}/booking-schedules/{bookingScheduleId}', { path: { id: product.id, bookingScheduleId: row.id }, body: { quantity: Number(quantity) } }),
    onSuccess: () => {
      invalidate();
      toast('수량을 저장했습니다.', 'success');
    },
  });
  const dirty = quantity !== textOf(row.quantity);

  return (
    <tr data-testid="booking-schedule-row">
      <td className="strong">{scheduleLabel}</td>
      <td>{priceLabel}</td>
      <td>
        {withQuantity ? (
          <div className="cat-qty-cell">
            <input
              type="number"
              min={0}
              className="cat-qty"
              aria-label="예약가능 수량"
              value={quantity}
              disabled={!canEdit}
              onChange={(e) => {
                setQuantity(e.target.value);
                save.reset();
              }}
            />
            {canEdit && (
              <button type="button" className="btn btn-sm" disabled={!dirty || !/^\d+$/.test(quantity) || save.isPending} onClick={() => save.mutate()}>
                저장
              </button>
            )}
            {save.isError && <span className="cat-field-error">{errorMessage(save.error)}</span>}
          </div>
        ) : (
          <span className="muted">{product.inventoryMode ? INVENTORY_MODE_LABELS[product.inventoryMode] : '-'}</span>
        )}
      </td>
      {withQuantity && <td>{row.taken ?? 0}</td>}
      <td>
        {canEdit && (
          <div className="row-actions">
            <button type="button" className="btn btn-sm btn-danger" onClick={onDelete}>
              삭제
            </button>
          </div>
        )}
      </td>
    </tr>
  );
}

// ------------------------------------------------------------------ 날짜/시간별, 날짜별, 기간 내 수량

function StockTable({ product, schedules, canEdit }: { product: Product; schedules: ProductSchedule[]; canEdit: boolean }) {
  const toast = useToast();
  const invalidate = useInvalidateCatalog();
  const perDateTime = product.inventoryMode === 'per_date_time';
  const saved = stockMap(product);
  const takenByKey = new Map(Array.isArray(product.stock) ? product.stock.map((entry) => [entry.key, entry.taken ?? 0]) : []);
  const rows = useMemo(() => {
    const map = new Map<string, { key: string; label: string; sessions: number }>();
    for (const schedule of schedules) {
      const usage = schedule.usage;
      if (usage.kind === 'period') continue;
      const key = perDateTime && usage.kind === 'date_time' ? `${usage.date}T${usage.startTime}` : usage.date;
      const label = perDateTime && usage.kind === 'date_time' ? `${formatShortDateTitle(usage.date)} ${usage.startTime}` : formatShortDateTitle(usage.date);
      const row = map.get(key) ?? { key, label, sessions: 0 };
      row.sessions += 1;
      map.set(key, row);
    }
    return [...map.values()].sort((a, b) => a.key.localeCompare(b.key));
  }, [schedules, perDateTime]);
  const [drafts, setDrafts] = useState<Record<string, string>>({});
  const [bulk, setBulk] = useState('');
  const [error, setError] = useState<string | null>(null);
  const valueOf = (key: string) => drafts[key] ?? textOf(saved[key]);
  const changed = rows.filter((row) => valueOf(row.key) !== textOf(saved[row.key]) && valueOf(row.key) !== '');

  const save = useMutation({
    mutationFn: () => api.put('/api/products/{id}/stock', { path: { id: product.id }, body: { entries: changed.map((row) => ({ key: row.key, quantity: Number(valueOf(row.key)) })) } }),
    onSuccess: () => {
      invalidate();
      setDrafts({});
      toast('예약가능 수량을 저장했습니다.', 'success');
    },
    onError: (e) => {
      // INVENTORY_BELOW_TAKEN names its pool ("date:<productId>:2026-12-24"), PRODUCT_STOCK_KEY_INVALID its key.
      const details = e instanceof ApiError ? (e.details as { key?: string; pool?: string } | undefined) : undefined;
      const key = details?.key ?? details?.pool?.split(`${product.id}:`)[1];
      const row = key ? rows.find((r) => r.key === key) : undefined;
      setError(row ? `${row.label}: ${errorMessage(e)}` : errorMessage(e));
    },
  });

  function submit(event: FormEvent) {
    event.preventDefault();
    setError(null);
    if (changed.some((row) => !/^\d+$/.test(valueOf(row.key)))) return setError('수량은 0 이상의 숫자로 입력하세요.');
    save.mutate();
  }

  const missing = rows.filter((row) => valueOf(row.key) === '').length;

  return (
    <form className="card" onSubmit={submit} data-testid="stock-table">
      <div className="card-header">
        <h3>{perDateTime ? '날짜/시간별 예약가능 수량' : '날짜별 예약가능 수량'}</h3>
        {canEdit && rows.length > 0 && (
          <div className="cat-bulk">
            <input type="number" min={0} className="cat-qty" aria-label="일괄 입력 수량" value={bulk} onChange={(e) => setBulk(e.target.value)} placeholder="수량" />
            <button
              type="button"
              className="btn btn-sm"
              disabled={!/^\d+$/.test(bulk)}
              onClick={() => setDrafts(Object.fromEntries(rows.map((row) => [row.key, bulk])))}
            >
              일괄 입력
            </button>
          </div>
        )}
      </div>
      <p className="muted cat-section-help">
        {perDateTime ? '같은 날짜·시간의 모든 가격이 이 수량을 함께 씁니다.' : '같은 날짜의 모든 일정과 가격이 이 수량을 함께 씁니다.'}
        {canEdit && ' 일괄 입력은 모든 행에 같은 값을 넣고, 저장을 눌러야 반영됩니다.'}
      </p>
      {rows.length === 0 ? (
        <div className="empty-state cat-empty-sm">일정을 등록하면 여기서 수량을 정할 수 있습니다.</div>
      ) : (
        <>
          {missing > 0 && <p className="hint hint-warning">수량이 비어 있는 {perDateTime ? '날짜/시간' : '날짜'}가 {missing}개 있습니다. 수량이 없으면 예약을 받지 않습니다.</p>}
          <table className="table">
            <thead>
              <tr>
                <th>{perDateTime ? '날짜/시간' : '날짜'}</th>
                {!perDateTime && <th>일정 수</th>}
                <th>예약됨</th>
                <th>예약가능 수량</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <tr key={row.key} data-testid="stock-row" className={drafts[row.key] !== undefined && drafts[row.key] !== textOf(saved[row.key]) ? 'cat-row-dirty' : undefined}>
                  <td className="strong">{row.label}</td>
                  {!perDateTime && <td>{row.sessions}</td>}
                  <td>{takenByKey.get(row.key) ?? 0}</td>
                  <td>
                    <input
                      type="number"
                      min={0}
                      className="cat-qty"
                      aria-label={`${row.label} 수량`}
                      value={valueOf(row.key)}
                      disabled={!canEdit}
                      onChange={(e) => setDrafts((current) => ({ ...current, [row.key]: e.target.value }))}
                    />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
      {error && (
        <p className="form-error cat-gap" role="alert">
          {error}
        </p>
      )}
      {canEdit && rows.length > 0 && (
        <div className="form-actions cat-gap">
          {changed.length > 0 && (
            <button type="button" className="btn" onClick={() => setDrafts({})}>
              되돌리기
            </button>
          )}
          <button type="submit" className="btn btn-primary" disabled={changed.length === 0 || save.isPending}>
            수량 저장{changed.length > 0 ? ` (${changed.length}개)` : ''}
          </button>
        </div>
      )}
    </form>
  );
}

function PeriodQuantity({ product, canEdit }: { product: Product; canEdit: boolean }) {
  const toast = useToast();
  const invalidate = useInvalidateCatalog();
  const [value, setValue] = useState(textOf(product.periodQuantity));
  const save = useMutation({
    mutationFn: () => api.patch('/api/products/{id}', { path: { id: product.id }, body: { periodQuantity: Number(value) } }),
    onSuccess: () => {
      invalidate();
      toast('기간 내 예약가능 수량을 저장했습니다.', 'success');
    },
  });
  return (
    <section className="card form-grid" data-testid="period-quantity">
      <h3>기간 내 예약가능 수량</h3>
      <p className="muted cat-section-help">상품 전체에 하나의 수량입니다. 모든 일정과 가격의 예약이 이 수량을 함께 씁니다.</p>
      {product.periodQuantity === null && <p className="hint hint-warning">수량을 정하지 않아 아직 예약을 받지 않습니다.</p>}
      <div className="inline-form">
        <input type="number" min={0} className="cat-qty" aria-label="기간 내 수량" value={value} disabled={!canEdit} onChange={(e) => setValue(e.target.value)} />
        {canEdit && (
          <button type="button" className="btn btn-primary" disabled={!/^\d+$/.test(value) || value === textOf(product.periodQuantity) || save.isPending} onClick={() => save.mutate()}>
            저장
          </button>
        )}
      </div>
      {save.isError && <p className="form-error">{errorMessage(save.error)}</p>}
    </section>
  );
}

// ------------------------------------------------------------------ shared

function DeleteDialog({ title, remove: run, done, onClose, children }: { title: string; remove: () => Promise<unknown>; done: string; onClose: () => void; children: ReactNode }) {
  const me = useCurrentMe();
  const toast = useToast();
  const invalidate = useInvalidateCatalog();
  const remove = useMutation({
    mutationFn: run,
    onSuccess: () => {
      invalidate();
      toast(done, 'success');
      onClose();
    },
  });
  return (
    <ConfirmDialog title={title} confirmLabel="삭제" danger busy={remove.isPending} error={remove.isError ? catalogMessage(remove.error, me.business.timeZone) : null} onConfirm={() => remove.mutate()} onCancel={onClose}>
      {children}
    </ConfirmDialog>
  );
}
