import { useState } from 'react';
import { Link, Navigate, useNavigate, useSearchParams } from 'react-router-dom';
import { errorMessage } from '../../api/client';
import { canManageSettings, useCurrentMe } from '../auth/auth';
import { useToast } from '../../ui/Toast';
import { SERVICE_TYPE_LABELS } from '../../../../src/shared/labels/settings';
import { useCatalogOptions, useInvalidateCatalog, usePlace } from './catalogApi';
import { BOOKING_TYPE_HELP } from './labels';
import { ProductForm } from './ProductForm';
import type { BookingType } from '../../api/models';

/** BOOK-2: /partner/products/new?placeId=: first the 예약 유형, then the rest. */
export function ProductNewPage() {
  const me = useCurrentMe();
  const [params] = useSearchParams();
  const placeId = params.get('placeId') ?? '';
  const place = usePlace(placeId || undefined);
  const options = useCatalogOptions(me.business.serviceType);
  const navigate = useNavigate();
  const toast = useToast();
  const invalidate = useInvalidateCatalog();
  const [bookingType, setBookingType] = useState<BookingType | null>(null);

  if (!canManageSettings(me)) return <Navigate to="/partner/places" replace />;
  if (!placeId)
    return (
      <div className="cat-page">
        <Link className="back-link" to="/partner/places">
          ← 장소 관리
        </Link>
        <p className="form-error">상품을 추가할 장소를 먼저 고르세요. 장소 관리에서 장소의 "상품 추가"를 누르세요.</p>
      </div>
    );

  const typeChooser = (
    <section className="card form-grid" data-testid="booking-type-step">
      <h3>1. 예약 유형 선택</h3>
      <p className="hint hint-warning">예약 유형은 상품을 만든 뒤에는 바꿀 수 없습니다. 다른 유형이 필요하면 새 상품을 만드세요.</p>
      <div className="cat-type-grid" role="radiogroup" aria-label="예약 유형">
        {options.bookingTypes.map((option) => (
          <label
            key={option.value}
            className={`cat-type${bookingType === option.value ? ' selected' : ''}${option.allowed ? '' : ' disabled'}`}
            data-testid={`booking-type-${option.value}`}
          >
            <input
              type="radio"
              name="bookingType"
              value={option.value}
              disabled={!option.allowed}
              checked={bookingType === option.value}
              onChange={() => setBookingType(option.value)}
            />
            <strong>{option.label}</strong>
            <span className="muted">{BOOKING_TYPE_HELP[option.value]}</span>
            {!option.allowed && <span className="cat-type-reason">선택 불가: {option.reason}</span>}
          </label>
        ))}
      </div>
      <p className="muted cat-section-help">
        업종({SERVICE_TYPE_LABELS[me.business.serviceType]})에 맞는 예약 유형만 고를 수 있습니다.
      </p>
    </section>
  );

  return (
    <div className="cat-page" data-testid="product-new-page">
      <Link className="back-link" to="/partner/places">
        ← 장소 관리
      </Link>
      <div className="page-header">
        <div>
          <h1>상품 추가</h1>
          <p className="muted cat-subtitle">
            {place.data ? `장소: ${place.data.name}` : place.isError ? errorMessage(place.error) : '\u00a0'}
          </p>
        </div>
      </div>
      {bookingType === null ? (
        typeChooser
      ) : (
        <ProductForm
          bookingType={bookingType}
          product={null}
          placeId={placeId}
          canEdit
          header={typeChooser}
          onCancel={() => navigate('/partner/places')}
          onSaved={(product) => {
            invalidate();
            toast('상품을 만들었습니다. 이제 일정과 예약 수량을 등록하세요.', 'success');
            navigate(`/partner/products/${product.id}?tab=schedule`, { replace: true });
          }}
        />
      )}
    </div>
  );
}
