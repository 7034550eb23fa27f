import { Link } from 'react-router-dom';
import { errorMessage } from '../../api/client';
import { canManageSettings, useCurrentMe } from '../auth/auth';
import { imageUrl, placePublicUrl, productPublicUrl, usePlaces } from './catalogApi';
import { BOOKING_TYPE_LABELS } from '../../../../src/shared/labels/products';
import { CopyUrlButton, ExposureBadge, OperatingStatusBadge, ReadOnlyNotice } from './parts';
import type { Place } from '../../api/models';

/** BOOK-1: 장소 목록, each place with its products and the addresses to share. */
export function PlacesPage() {
  const me = useCurrentMe();
  const canEdit = canManageSettings(me);
  const places = usePlaces();

  return (
    <div className="cat-page" data-testid="places-page">
      <div className="page-header">
        <div>
          <h1>장소 관리</h1>
          <p className="muted cat-subtitle">예약을 받는 장소와 장소별 상품입니다. 장소·상품 페이지 URL을 복사해 고객에게 알려 보세요.</p>
        </div>
        {canEdit && (
          <Link className="btn btn-primary" to="/partner/places/new">
            + 장소 추가
          </Link>
        )}
      </div>
      {!canEdit && <ReadOnlyNotice />}
      {places.isPending && <p className="muted">불러오는 중…</p>}
      {places.isError && <p className="form-error">{errorMessage(places.error)}</p>}
      {places.isSuccess && places.data.length === 0 && (
        <div className="empty-state cat-empty">
          <p>등록된 장소가 없습니다. 장소를 추가해 예약 페이지를 열어 보세요.</p>
          {canEdit && (
            <Link className="btn btn-primary" to="/partner/places/new">
              + 장소 추가
            </Link>
          )}
        </div>
      )}
      <div className="cat-place-list">
        {places.data?.map((place) => <PlaceCard key={place.id} place={place} canEdit={canEdit} />)}
      </div>
    </div>
  );
}

function PlaceCard({ place, canEdit }: { place: Place; canEdit: boolean }) {
  const thumbnail = place.images?.[0];
  const products = place.products ?? [];

  return (
    <section className="card cat-place-card" data-testid="place-card">
      <div className="cat-place-head">
        <div className="cat-thumb">
          {thumbnail ? <img src={imageUrl(thumbnail)} alt={`${place.name} 대표 이미지`} loading="lazy" /> : <span className="muted">이미지 없음</span>}
        </div>
        <div className="cat-place-info">
          <div className="cat-place-title">
            <h2>{place.name}</h2>
            <OperatingStatusBadge status={place.operatingStatus} />
            <ExposureBadge exposed={place.exposed} />
          </div>
          <p className="muted cat-place-meta">
            {[place.category, place.address, place.phone].filter(Boolean).join(' · ') || '기본 정보를 입력해 주세요.'}
          </p>
          <div className="cat-actions">
            {canEdit && (
              <Link className="btn btn-sm btn-primary" to={`/partner/products/new?placeId=${place.id}`}>
                + 상품 추가
              </Link>
            )}
            <Link className="btn btn-sm" to={`/partner/places/${place.id}`}>
              {canEdit ? '장소 수정' : '장소 보기'}
            </Link>
            <CopyUrlButton url={placePublicUrl(place)} label="장소 URL 복사" what="장소 페이지" />
          </div>
        </div>
      </div>
      <div className="cat-product-list">
        <h3>상품 {products.length}개</h3>
        {products.length === 0 ? (
          <p className="muted cat-product-empty">
            아직 상품이 없습니다.{canEdit && ' "상품 추가"로 예약받을 상품을 만들어 보세요.'}
          </p>
        ) : (
          <table className="table cat-product-table">
            <thead>
              <tr>
                <th>상품명</th>
                <th>예약 유형</th>
                <th>노출</th>
                <th className="col-actions" />
              </tr>
            </thead>
            <tbody>
              {products.map((product) => (
                <tr key={product.id} data-testid="place-product-row">
                  <td>
                    <Link to={`/partner/products/${product.id}`} className="strong">
                      {product.name}
                    </Link>
                  </td>
                  <td>{BOOKING_TYPE_LABELS[product.bookingType] ?? product.bookingType}</td>
                  <td>
                    <ExposureBadge exposed={product.exposed} />
                  </td>
                  <td>
                    <div className="row-actions">
                      <Link className="btn btn-sm" to={`/partner/products/${product.id}`}>
                        {canEdit ? '수정' : '보기'}
                      </Link>
                      <CopyUrlButton url={productPublicUrl(product)} what={`'${product.name}' 상품 페이지`} />
                    </div>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </div>
    </section>
  );
}
