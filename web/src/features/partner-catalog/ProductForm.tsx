import { useState, type FormEvent, type ReactNode } from 'react';
import { useMutation } from '@tanstack/react-query';
import { api, type Body } from '../../api/client';
import { useCurrentMe } from '../auth/auth';
import { bySortOrder, useDepartments, useStaffList } from '../settings/queries';
import { catalogMessage, fieldErrors, useCatalogOptions } from './catalogApi';
import { CONFIRMATION_MODE_HELP, INVENTORY_MODE_HELP, type CatalogLimits } from './labels';
import { BOOKING_TYPE_LABELS, CONFIRMATION_MODE_LABELS, PAYMENT_MODE_LABELS } from '../../../../src/shared/labels/products';
import { FieldError, numberOrNull, textOf } from './parts';
import { Field } from '../../ui/Field';
import type { BookingType, ConfirmationMode, InventoryMode, PaymentMode, Product, ScheduledBookingType } from '../../api/models';

interface TierDraft {
  hoursBefore: string;
  refundPercent: string;
}

interface ProductDraft {
  name: string;
  description: string;
  confirmationMode: ConfirmationMode;
  paymentMode: PaymentMode;
  priceAmount: string;
  staffId: string;
  departmentId: string;
  maxQuantityPerBooking: string;
  cancellationPolicy: TierDraft[];
  slotMinutes: string;
  capacityPerSlot: string;
  horizonMonths: string;
  durationMinutes: string;
  inventoryMode: InventoryMode | '';
  periodQuantity: string;
}

function draftOf(product: Product | null, defaultMode: InventoryMode | ''): ProductDraft {
  return {
    name: product?.name ?? '',
    description: product?.description ?? '',
    confirmationMode: product?.confirmationMode ?? 'instant',
    paymentMode: product?.paymentMode ?? 'on_site',
    priceAmount: textOf(product?.priceAmount),
    staffId: product?.staffId ?? '',
    departmentId: product?.departmentId ?? '',
    maxQuantityPerBooking: textOf(product?.maxQuantityPerBooking ?? 10),
    cancellationPolicy: (product?.cancellationPolicy ?? []).map((tier) => ({ hoursBefore: String(tier.hoursBefore), refundPercent: String(tier.refundPercent) })),
    slotMinutes: textOf(product?.slotMinutes ?? 30),
    capacityPerSlot: textOf(product?.capacityPerSlot ?? 1),
    horizonMonths: textOf(product?.horizonMonths ?? 2),
    durationMinutes: textOf(product?.durationMinutes ?? 60),
    inventoryMode: product?.inventoryMode ?? defaultMode,
    periodQuantity: textOf(product?.periodQuantity),
  };
}

/** Checks what the form can know before the server does; the server checks all again. */
function localErrors(draft: ProductDraft, bookingType: BookingType, limits: CatalogLimits): Record<string, string> {
  const errors: Record<string, string> = {};
  const whole = (text: string) => /^\d+$/.test(text.trim());
  if (!draft.name.trim()) errors.name = '상품명을 입력하세요.';
  if (draft.priceAmount.trim() && !whole(draft.priceAmount)) errors.priceAmount = '가격은 0원 이상의 원 단위 숫자로 입력하세요.';
  const max = Number(draft.maxQuantityPerBooking);
  if (!whole(draft.maxQuantityPerBooking) || max < 1 || max > limits.maxQuantityPerBookingMax)
    errors.maxQuantityPerBooking = `1에서 ${limits.maxQuantityPerBookingMax} 사이로 입력하세요.`;
  const hours = draft.cancellationPolicy.map((tier) => tier.hoursBefore.trim());
  if (draft.cancellationPolicy.some((tier) => !whole(tier.hoursBefore) || !whole(tier.refundPercent) || Number(tier.refundPercent) > 100))
    errors.cancellationPolicy = '시간은 0 이상, 환불 비율은 0~100% 사이 숫자로 입력하세요.';
  else if (new Set(hours).size !== hours.length) errors.cancellationPolicy = '같은 시간의 기준이 두 번 있습니다.';
  if (bookingType === 'time_slot') {
    const slot = Number(draft.slotMinutes);
    if (!whole(draft.slotMinutes) || slot < limits.slotMinutesMin || slot > limits.slotMinutesMax || slot % limits.slotMinutesStep !== 0)
      errors.slotMinutes = `슬롯 길이는 ${limits.slotMinutesMin}분에서 ${limits.slotMinutesMax}분 사이, ${limits.slotMinutesStep}분 단위여야 합니다.`;
    const capacity = Number(draft.capacityPerSlot);
    if (!whole(draft.capacityPerSlot) || capacity < 1 || capacity > limits.capacityPerSlotMax)
      errors.capacityPerSlot = `슬롯당 인원은 1명에서 ${limits.capacityPerSlotMax}명 사이여야 합니다.`;
  } else {
    if (!draft.inventoryMode) errors.inventoryMode = '예약수량 관리 방식을 고르세요.';
    if (draft.inventoryMode === 'per_period' && !whole(draft.periodQuantity)) errors.periodQuantity = '기간 내 예약가능 수량을 0 이상의 숫자로 입력하세요.';
    if (bookingType === 'date_time' && (!whole(draft.durationMinutes) || Number(draft.durationMinutes) < 5))
      errors.durationMinutes = '이용 시간을 분 단위로 입력하세요.';
  }
  return errors;
}

type ProductFields = Omit<Body<'/api/products', 'post'>, 'placeId' | 'bookingType'>;

function payloadOf(draft: ProductDraft, bookingType: BookingType, departmentsEnabled: boolean): ProductFields {
  const body: ProductFields = {
    name: draft.name.trim(),
    description: draft.description,
    confirmationMode: draft.confirmationMode,
    paymentMode: draft.paymentMode,
    priceAmount: numberOrNull(draft.priceAmount),
    staffId: draft.staffId || null,
    maxQuantityPerBooking: Number(draft.maxQuantityPerBooking),
    cancellationPolicy: draft.cancellationPolicy
      .map((tier) => ({ hoursBefore: Number(tier.hoursBefore), refundPercent: Number(tier.refundPercent) }))
      .sort((a, b) => b.hoursBefore - a.hoursBefore),
  };
  if (departmentsEnabled) body.departmentId = draft.departmentId || null;
  if (bookingType === 'time_slot') {
    body.slotMinutes = Number(draft.slotMinutes);
    body.capacityPerSlot = Number(draft.capacityPerSlot);
    body.horizonMonths = Number(draft.horizonMonths);
  } else {
    body.inventoryMode = draft.inventoryMode || undefined;
    if (draft.inventoryMode === 'per_period') body.periodQuantity = Number(draft.periodQuantity);
    if (bookingType === 'date_time') body.durationMinutes = Number(draft.durationMinutes);
  }
  return body;
}

interface ProductFormProps {
  bookingType: BookingType;
  /** null: creating in `placeId`. */
  product: Product | null;
  placeId: string;
  canEdit: boolean;
  /** Shown above the first section (the type chooser or the fixed type). */
  header?: ReactNode;
  onSaved: (product: Product) => void;
  onCancel?: () => void;
}

/** 상품 기본정보: the same fields to create and to edit; the booking type is chosen before and never sent on edit. */
export function ProductForm({ bookingType, product, placeId, canEdit, header, onSaved, onCancel }: ProductFormProps) {
  const me = useCurrentMe();
  const options = useCatalogOptions(me.business.serviceType);
  const limits = options.limits;
  const modeOptions = bookingType === 'time_slot' ? [] : options.inventoryModes[bookingType as ScheduledBookingType];
  const [draft, setDraft] = useState<ProductDraft>(() => draftOf(product, modeOptions[0]?.value ?? ''));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const staff = useStaffList();
  const departments = useDepartments();
  const departmentsEnabled = me.business.departmentsEnabled;
  const set = <K extends keyof ProductDraft>(key: K, value: ProductDraft[K]) => setDraft((current) => ({ ...current, [key]: value }));
  // On the new-product page the type can still change under a filled form: keep the mode one the type allows.
  const inventoryMode = modeOptions.some((mode) => mode.value === draft.inventoryMode) ? draft.inventoryMode : (modeOptions[0]?.value ?? '');
  const staffChoices = [...(staff.data ?? [])]
    .filter((s) => (s.kind === 'user' || s.kind === 'resource') && (s.active || s.id === draft.staffId))
    .sort(bySortOrder);

  const save = useMutation({
    mutationFn: () => {
      const body = payloadOf({ ...draft, inventoryMode }, bookingType, departmentsEnabled);
      return product
        ? api.patch('/api/products/{id}', { path: { id: product.id }, body: { ...body, version: product.version } })
        : api.post('/api/products', { body: { ...body, placeId, bookingType } });
    },
    onSuccess: (saved) => onSaved(saved),
    onError: (error) => {
      setErrors(fieldErrors(error));
      setFormError(catalogMessage(error, me.business.timeZone));
    },
  });

  function submit(event: FormEvent) {
    event.preventDefault();
    setFormError(null);
    const found = localErrors({ ...draft, inventoryMode }, bookingType, limits);
    setErrors(found);
    if (Object.keys(found).length > 0) {
      setFormError('입력값을 확인해 주세요.');
      return;
    }
    save.mutate();
  }

  const setTier = (index: number, change: Partial<TierDraft>) =>
    set(
      'cancellationPolicy',
      draft.cancellationPolicy.map((tier, i) => (i === index ? { ...tier, ...change } : tier)),
    );

  return (
    <form onSubmit={submit} noValidate data-testid="product-form">
      <fieldset disabled={!canEdit || save.isPending} className="cat-fieldset">
        {header}
        <section className="card form-grid">
          <h3>기본 정보</h3>
          <Field label="상품명 *" error={errors.name}>
            <input value={draft.name} onChange={(e) => set('name', e.target.value)} placeholder="예: 스케일링, 원데이 클래스" maxLength={100} />
          </Field>
          <Field label="상품 설명" error={errors.description}>
            <textarea rows={3} value={draft.description} onChange={(e) => set('description', e.target.value)} placeholder="예약 페이지에서 고객이 보는 설명입니다." />
          </Field>

          <div className="field">
            <span>확정 방식</span>
            <div className="cat-choice-row" role="radiogroup" aria-label="확정 방식">
              {(Object.keys(CONFIRMATION_MODE_LABELS) as ConfirmationMode[]).map((mode) => (
                <label key={mode} className={`cat-choice${draft.confirmationMode === mode ? ' selected' : ''}`}>
                  <input type="radio" name="confirmationMode" checked={draft.confirmationMode === mode} onChange={() => set('confirmationMode', mode)} />
                  <span>
                    <strong>{CONFIRMATION_MODE_LABELS[mode]}</strong>
                    <span className="muted block">{CONFIRMATION_MODE_HELP[mode]}</span>
                  </span>
                </label>
              ))}
            </div>
            <FieldError message={errors.confirmationMode} />
          </div>

          <div className="field-row">
            <div className="field">
              <span>결제 방식</span>
              <div className="radio-row" role="radiogroup" aria-label="결제 방식">
                {(Object.keys(PAYMENT_MODE_LABELS) as PaymentMode[]).map((mode) => (
                  <label key={mode} className="checkbox">
                    <input type="radio" name="paymentMode" checked={draft.paymentMode === mode} onChange={() => set('paymentMode', mode)} />
                    <span>{PAYMENT_MODE_LABELS[mode]}</span>
                  </label>
                ))}
              </div>
              {draft.paymentMode === 'prepaid' && (
                <p className="muted field-help" data-testid="prepaid-help">
                  고객이 예약할 때 토스페이먼츠로 결제합니다. 설정 &gt; 결제에 토스페이먼츠 키가 있어야 결제를 받을 수 있습니다.
                </p>
              )}
              <FieldError message={errors.paymentMode} />
            </div>
            <Field
              label="가격 표시 (원)"
              error={errors.priceAmount}
              help={
                bookingType === 'time_slot'
                  ? draft.paymentMode === 'prepaid'
                    ? '고객이 예약할 때 1명당 이 금액을 결제합니다.'
                    : '예약 페이지에 안내용으로 보여 줍니다. 비우면 가격을 표시하지 않습니다.'
                  : '상품 목록에 보여 줄 대표 가격입니다. 실제 가격은 \'일정 · 가격\'에서 등록합니다.'
              }
            >
              <input inputMode="numeric" value={draft.priceAmount} onChange={(e) => set('priceAmount', e.target.value.replace(/[^\d]/g, ''))} placeholder="예: 30000" />
            </Field>
          </div>

          <div className="field-row">
            <Field label="담당자" error={errors.staffId} help="예약이 들어오면 이 담당자의 캘린더에 일정이 생깁니다. 비우면 '예약페이지' 열에 들어옵니다.">
              <select value={draft.staffId} onChange={(e) => set('staffId', e.target.value)}>
                <option value="">지정 안 함 (예약페이지)</option>
                {staffChoices.map((s) => (
                  <option key={s.id} value={s.id}>
                    {s.name}
                    {s.active ? '' : ' (비활성)'}
                  </option>
                ))}
              </select>
            </Field>
            {departmentsEnabled && (
              <Field label="부서" error={errors.departmentId}>
                <select value={draft.departmentId} onChange={(e) => set('departmentId', e.target.value)}>
                  <option value="">부서 없음</option>
                  {[...(departments.data ?? [])].sort(bySortOrder).map((d) => (
                    <option key={d.id} value={d.id}>
                      {d.name}
                    </option>
                  ))}
                </select>
              </Field>
            )}
            <Field label="1회 최대 예약 수량" error={errors.maxQuantityPerBooking} help={`고객 한 명이 한 번에 예약할 수 있는 수량 (1~${limits.maxQuantityPerBookingMax})`}>
              <input type="number" min={1} max={limits.maxQuantityPerBookingMax} value={draft.maxQuantityPerBooking} onChange={(e) => set('maxQuantityPerBooking', e.target.value)} />
            </Field>
          </div>
        </section>

        {bookingType === 'time_slot' ? (
          <section className="card form-grid">
            <h3>시간 슬롯</h3>
            <div className="field-row">
              <Field label="슬롯 길이 (분)" error={errors.slotMinutes} help={`${limits.slotMinutesMin}~${limits.slotMinutesMax}분, ${limits.slotMinutesStep}분 단위`}>
                <input type="number" min={limits.slotMinutesMin} max={limits.slotMinutesMax} step={limits.slotMinutesStep} value={draft.slotMinutes} onChange={(e) => set('slotMinutes', e.target.value)} />
              </Field>
              <Field label="슬롯당 인원" error={errors.capacityPerSlot} help={`한 슬롯에 받을 수 있는 인원 (최대 ${limits.capacityPerSlotMax}명)`}>
                <input type="number" min={1} max={limits.capacityPerSlotMax} value={draft.capacityPerSlot} onChange={(e) => set('capacityPerSlot', e.target.value)} />
              </Field>
              <Field label="노출 기간" error={errors.horizonMonths} help="오늘부터 몇 개월 앞까지 예약을 받을지 정합니다.">
                <select value={draft.horizonMonths} onChange={(e) => set('horizonMonths', e.target.value)}>
                  {Array.from({ length: limits.horizonMonthsMax }, (_, i) => i + 1).map((months) => (
                    <option key={months} value={String(months)}>
                      {months}개월
                    </option>
                  ))}
                </select>
              </Field>
            </div>
          </section>
        ) : (
          <section className="card form-grid">
            <h3>예약수량 관리</h3>
            <div className="cat-choice-grid" role="radiogroup" aria-label="예약수량 관리">
              {modeOptions.map((mode) => (
                <label key={mode.value} className={`cat-choice${inventoryMode === mode.value ? ' selected' : ''}`}>
                  <input type="radio" name="inventoryMode" checked={inventoryMode === mode.value} onChange={() => set('inventoryMode', mode.value)} />
                  <span>
                    <strong>{mode.label}</strong>
                    <span className="muted block">{INVENTORY_MODE_HELP[mode.value]}</span>
                  </span>
                </label>
              ))}
            </div>
            <FieldError message={errors.inventoryMode} />
            {(bookingType === 'date_time' || inventoryMode === 'per_period') && (
              <div className="field-row">
                {inventoryMode === 'per_period' && (
                  <Field label="기간 내 예약가능 수량" error={errors.periodQuantity} help="상품 전체에 하나의 수량입니다." className="cat-field-narrow">
                    <input type="number" min={0} value={draft.periodQuantity} onChange={(e) => set('periodQuantity', e.target.value)} />
                  </Field>
                )}
                {bookingType === 'date_time' && (
                  <Field label="이용 시간 (분)" error={errors.durationMinutes} help="한 회차가 캘린더에서 차지하는 시간입니다." className="cat-field-narrow">
                    <input type="number" min={5} step={5} value={draft.durationMinutes} onChange={(e) => set('durationMinutes', e.target.value)} />
                  </Field>
                )}
              </div>
            )}
          </section>
        )}

        <section className="card form-grid">
          <h3>취소 규정</h3>
          <p className="muted cat-section-help">
            고객이 직접 취소할 수 있는 기한과 환불 비율입니다. 규정이 없으면 이용 시작 전까지 전액 환불로 취소할 수 있습니다.
          </p>
          {draft.cancellationPolicy.length > 0 && (
            <ul className="cat-tiers">
              {draft.cancellationPolicy.map((tier, index) => (
                <li key={index} data-testid="cancellation-tier">
                  <span>이용</span>
                  <input type="number" min={0} aria-label="몇 시간 전" value={tier.hoursBefore} onChange={(e) => setTier(index, { hoursBefore: e.target.value })} />
                  <span>시간 전까지</span>
                  <input type="number" min={0} max={100} aria-label="환불 비율" value={tier.refundPercent} onChange={(e) => setTier(index, { refundPercent: e.target.value })} />
                  <span>% 환불</span>
                  {canEdit && (
                    <button
                      type="button"
                      className="link-btn danger"
                      onClick={() =>
                        set(
                          'cancellationPolicy',
                          draft.cancellationPolicy.filter((_, i) => i !== index),
                        )
                      }
                    >
                      삭제
                    </button>
                  )}
                </li>
              ))}
            </ul>
          )}
          {draft.cancellationPolicy.length === 0 && <p className="muted">취소 규정 없음: 이용 시작 전까지 전액 환불</p>}
          <FieldError message={errors.cancellationPolicy} />
          {canEdit && (
            <div>
              <button
                type="button"
                className="btn btn-sm"
                onClick={() =>
                  set('cancellationPolicy', [
                    ...draft.cancellationPolicy,
                    draft.cancellationPolicy.length === 0 ? { hoursBefore: '24', refundPercent: '100' } : { hoursBefore: '', refundPercent: '' },
                  ])
                }
              >
                + 기준 추가
              </button>
            </div>
          )}
        </section>
      </fieldset>
      {canEdit && (
        <div className="cat-sticky-actions">
          {formError && <p className="form-error">{formError}</p>}
          <div className="form-actions">
            {onCancel && (
              <button type="button" className="btn" onClick={onCancel}>
                취소
              </button>
            )}
            <button type="submit" className="btn btn-primary" disabled={save.isPending}>
              {save.isPending ? '저장 중…' : product ? '기본 정보 저장' : `${BOOKING_TYPE_LABELS[bookingType]} 상품 만들기`}
            </button>
          </div>
        </div>
      )}
    </form>
  );
}
