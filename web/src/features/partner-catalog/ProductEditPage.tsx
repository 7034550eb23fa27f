import { useState } from 'react';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router-dom';
import { useMutation } from '@tanstack/react-query';
import { api, errorMessage } from '../../api/client';
import { canManageSettings, useCurrentMe } from '../auth/auth';
import { ConfirmDialog } from '../../ui/ConfirmDialog';
import { useToast } from '../../ui/Toast';
import { productPublicUrl, useInvalidateCatalog, useProduct } from './catalogApi';
import { BOOKING_TYPE_LABELS, CONFIRMATION_MODE_LABELS, INVENTORY_MODE_LABELS } from '../../../../src/shared/labels/products';
import { OperatingPeriods } from './OperatingPeriods';
import { CopyUrlButton, ExposureBadge, ReadOnlyNotice } from './parts';
import { ProductForm } from './ProductForm';
import { ScheduledInventory } from './ScheduledInventory';
import { SlotGrid } from './SlotGrid';
import type { Product } from '../../api/models';

type Tab = 'basic' | 'schedule' | 'stock';

/** BOOK-2..6: /partner/products/:productId. */
export function ProductEditPage() {
  const { productId } = useParams();
  const product = useProduct(productId);

  if (product.isPending) return <div className="page-loading">불러오는 중…</div>;
  if (product.isError)
    return (
      <div className="cat-page">
        <Link className="back-link" to="/partner/places">
          ← 장소 관리
        </Link>
        <p className="form-error">{errorMessage(product.error)}</p>
      </div>
    );
  return <ProductEditor product={product.data} />;
}

function ProductEditor({ product }: { product: Product }) {
  const me = useCurrentMe();
  const canEdit = canManageSettings(me);
  const toast = useToast();
  const navigate = useNavigate();
  const invalidate = useInvalidateCatalog();
  const [params, setParams] = useSearchParams();
  const tab = (['basic', 'schedule', 'stock'].includes(params.get('tab') ?? '') ? params.get('tab') : 'basic') as Tab;
  const [confirmDelete, setConfirmDelete] = useState(false);
  const timeSlot = product.bookingType === 'time_slot';
  const tabs: { key: Tab; label: string }[] = timeSlot
    ? [
        { key: 'basic', label: '기본 정보' },
        { key: 'schedule', label: '운영기간' },
        { key: 'stock', label: '예약 스케줄 (슬롯 노출)' },
      ]
    : [
        { key: 'basic', label: '기본 정보' },
        { key: 'schedule', label: '일정 · 가격' },
        { key: 'stock', label: '예약 스케줄 · 수량' },
      ];

  const exposure = useMutation({
    mutationFn: (exposed: boolean) => api.patch('/api/products/{id}', { path: { id: product.id }, body: { exposed } }),
    onSuccess: (_, exposed) => {
      invalidate();
      toast(exposed ? '상품을 예약 페이지에 노출합니다.' : '상품을 예약 페이지에서 숨겼습니다.', 'success');
    },
    onError: (error) => toast(errorMessage(error), 'error'),
  });

  const remove = useMutation({
    mutationFn: () => api.delete('/api/products/{id}', { path: { id: product.id } }),
    onSuccess: () => {
      invalidate();
      toast('상품을 삭제했습니다.', 'success');
      navigate('/partner/places');
    },
  });

  return (
    <div className="cat-page" data-testid="product-edit-page">
      <Link className="back-link" to="/partner/places">
        ← 장소 관리{product.placeName ? ` · ${product.placeName}` : ''}
      </Link>
      <div className="page-header cat-product-header">
        <div>
          <div className="cat-place-title">
            <h1>{product.name}</h1>
            <span className="badge cat-badge-type" title="예약 유형은 바꿀 수 없습니다">
              {BOOKING_TYPE_LABELS[product.bookingType]}
            </span>
          </div>
          <p className="muted cat-subtitle">
            {CONFIRMATION_MODE_LABELS[product.confirmationMode]}
            {product.inventoryMode && ` · 예약수량 관리: ${INVENTORY_MODE_LABELS[product.inventoryMode]}`}
            {product.bookingType === 'time_slot' && ` · ${product.slotMinutes}분 슬롯 · 슬롯당 ${product.capacityPerSlot}명`}
          </p>
        </div>
        <div className="cat-actions">
          {canEdit ? (
            <label className="switch-row cat-exposure" title="예약 페이지 노출">
              <input
                type="checkbox"
                className="switch"
                checked={product.exposed}
                disabled={exposure.isPending}
                onChange={(event) => exposure.mutate(event.target.checked)}
                aria-label="노출"
              />
              <span className="strong">{product.exposed ? '노출 ON' : '노출 OFF'}</span>
            </label>
          ) : (
            <ExposureBadge exposed={product.exposed} />
          )}
          <CopyUrlButton url={productPublicUrl(product)} label="상품 URL 복사" what="상품 페이지" />
          {canEdit && (
            <button type="button" className="btn btn-sm btn-danger" onClick={() => setConfirmDelete(true)}>
              상품 삭제
            </button>
          )}
        </div>
      </div>
      {!canEdit && <ReadOnlyNotice />}

      <div className="segmented cat-tabs" role="tablist">
        {tabs.map((t) => (
          <button
            key={t.key}
            type="button"
            role="tab"
            aria-selected={tab === t.key}
            className={tab === t.key ? 'active' : ''}
            onClick={() => setParams(t.key === 'basic' ? {} : { tab: t.key }, { replace: true })}
          >
            {t.label}
          </button>
        ))}
      </div>

      {tab === 'basic' && (
        <ProductForm
          key={product.id}
          bookingType={product.bookingType}
          product={product}
          placeId={product.placeId}
          canEdit={canEdit}
          header={
            <section className="card cat-fixed-type">
              <span className="field-label">예약 유형</span>
              <span className="strong">{BOOKING_TYPE_LABELS[product.bookingType]}</span>
              <span className="muted">상품을 만든 뒤에는 바꿀 수 없습니다.</span>
            </section>
          }
          onSaved={() => {
            invalidate();
            toast('기본 정보를 저장했습니다.', 'success');
          }}
        />
      )}
      {tab === 'schedule' && timeSlot && <OperatingPeriods product={product} canEdit={canEdit} />}
      {tab === 'stock' && timeSlot && <SlotGrid product={product} canEdit={canEdit} />}
      {tab !== 'basic' && !timeSlot && <ScheduledInventory product={product} canEdit={canEdit} part={tab === 'schedule' ? 'schedule' : 'stock'} />}

      {confirmDelete && (
        <ConfirmDialog
          title="상품 삭제"
          confirmLabel="삭제"
          danger
          busy={remove.isPending}
          error={remove.isError ? errorMessage(remove.error) : null}
          onConfirm={() => remove.mutate()}
          onCancel={() => {
            setConfirmDelete(false);
            remove.reset();
          }}
        >
          <p>
            <strong>{product.name}</strong> 상품을 삭제할까요? 일정, 가격, 예약 스케줄도 함께 지워지며 되돌릴 수 없습니다.
          </p>
          <p className="muted">예약이 있는 상품은 삭제할 수 없습니다. 더 이상 예약을 받지 않으려면 노출을 끄세요.</p>
        </ConfirmDialog>
      )}
    </div>
  );
}
