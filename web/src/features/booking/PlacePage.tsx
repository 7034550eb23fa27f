import { Link, useParams } from 'react-router-dom';
import { formatWon, formatPhone } from '../../../../src/shared/format';
import { BookingShell, ErrorView, LoadingView, NotFoundView } from './components';
import { telHref } from './bookingFormat';
import { isNotFound, usePublicPlace } from './publicApi';
import type { PublicPlace, PublicProductSummary } from '../../api/models';

type PublicImage = PublicPlace['images'][number];

/** 장소 페이지: the place's information and its bookable products (BOOK-1, BOOK-7). */
export function PlacePage() {
  const { placeId = '' } = useParams();
  const place = usePublicPlace(placeId);

  if (place.isError && isNotFound(place.error)) {
    return <NotFoundView title="장소를 찾을 수 없습니다" detail="주소가 바뀌었거나 업체가 더 이상 공개하지 않는 장소일 수 있습니다. 받은 링크를 다시 확인해 주세요." />;
  }
  return (
    <BookingShell title={place.data?.name ?? '예약'}>
      {place.isPending ? <LoadingView /> : place.isError ? <ErrorView error={place.error} onRetry={() => place.refetch()} /> : <PlaceContent place={place.data} />}
    </BookingShell>
  );
}

function PlaceContent({ place }: { place: PublicPlace }) {
  const businessName = place.business.name;
  const amenities = [...(place.amenities ?? []), ...(place.extraServices ?? [])];
  return (
    <>
      <ImageGallery images={place.images ?? []} alt={place.name} />
      <section className="bk-section bk-place-head">
        {place.category && <p className="bk-eyebrow">{place.category}</p>}
        <h2 className="bk-place-name">{place.name}</h2>
        {businessName && businessName !== place.name && <p className="bk-muted">{businessName}</p>}
        {place.operatingStatus && place.operatingStatus !== 'open' && (
          <p className="bk-notice bk-notice-warn">{place.operatingStatus === 'paused' ? '지금은 예약을 잠시 쉬고 있습니다.' : '운영을 종료한 장소입니다.'}</p>
        )}
        <dl className="bk-info-list">
          {place.address && (
            <div>
              <dt>주소</dt>
              <dd>{place.address}</dd>
            </div>
          )}
          {place.phone && (
            <div>
              <dt>전화</dt>
              <dd>
                <a href={telHref(place.phone)} className="bk-tel">
                  {formatPhone(place.phone)}
                </a>
              </dd>
            </div>
          )}
          {place.homepage && (
            <div>
              <dt>홈페이지</dt>
              <dd>
                <a href={place.homepage} target="_blank" rel="noopener noreferrer">
                  {place.homepage.replace(/^https?:\/\//, '')}
                </a>
              </dd>
            </div>
          )}
          {(place.checkInTime || place.checkOutTime) && (
            <div>
              <dt>체크인/아웃</dt>
              <dd>
                {place.checkInTime ?? '-'} / {place.checkOutTime ?? '-'}
              </dd>
            </div>
          )}
        </dl>
      </section>

      <section className="bk-section" aria-labelledby="bk-products-title">
        <h2 id="bk-products-title" className="bk-section-title">
          예약 상품
        </h2>
        {place.products.length === 0 ? (
          <p className="bk-empty">지금 예약할 수 있는 상품이 없습니다.</p>
        ) : (
          <ul className="bk-product-list">
            {place.products.map((product) => (
              <li key={product.id}>
                <ProductCard product={product} />
              </li>
            ))}
          </ul>
        )}
      </section>

      {place.notices && <TextSection title="공지사항" text={place.notices} />}
      {place.introduction && <TextSection title="소개" text={place.introduction} />}
      {place.bookingNotes && <TextSection title="예약 안내" text={place.bookingNotes} />}
      {amenities.length > 0 && (
        <section className="bk-section">
          <h2 className="bk-section-title">편의시설 · 부가서비스</h2>
          <ul className="bk-chips">
            {amenities.map((item) => (
              <li key={item}>{item}</li>
            ))}
          </ul>
        </section>
      )}

      <section className="bk-section bk-inquiry-entry">
        <div>
          <h2 className="bk-section-title">궁금한 점이 있으신가요?</h2>
          <p className="bk-muted">업체에 직접 문의를 남길 수 있습니다.</p>
        </div>
        <Link to={`/book/places/${place.id}/inquiry`} className="bk-btn">
          문의하기
        </Link>
      </section>
    </>
  );
}

function ProductCard({ product }: { product: PublicProductSummary }) {
  const price = product.minAmount ?? product.priceAmount;
  const from = product.maxAmount != null && price != null && product.maxAmount > price;
  return (
    <Link to={`/book/products/${product.id}`} className="bk-product-card" data-testid="product-card">
      <div className="bk-product-card-body">
        <div className="bk-badges">
          <span className="bk-badge">{product.bookingTypeLabel}</span>
          <span className={`bk-badge ${product.confirmationMode === 'instant' ? 'bk-badge-green' : 'bk-badge-amber'}`}>
            {product.confirmationModeLabel}
          </span>
        </div>
        <h3 className="bk-product-name">{product.name}</h3>
        {product.description && <p className="bk-product-desc">{product.description}</p>}
        {price != null && (
          <p className="bk-product-price">
            {formatWon(price)}
            {from ? '~' : ''}
          </p>
        )}
      </div>
      <span className="bk-chevron" aria-hidden="true">
        ›
      </span>
    </Link>
  );
}

function TextSection({ title, text }: { title: string; text: string }) {
  return (
    <section className="bk-section">
      <h2 className="bk-section-title">{title}</h2>
      <p className="bk-pre">{text}</p>
    </section>
  );
}

function ImageGallery({ images, alt }: { images: PublicImage[]; alt: string }) {
  if (images.length === 0) return null;
  return (
    <div className="bk-gallery" aria-label={`${alt} 사진 ${images.length}장`} role="region" tabIndex={0}>
      {images.map((image, index) => (
        <img
          key={image.id}
          className="bk-gallery-img"
          src={image.urls.w640}
          srcSet={`${image.urls.w320} 320w, ${image.urls.w640} 640w, ${image.urls.w1280} 1280w`}
          sizes="(max-width: 480px) 100vw, 480px"
          alt={`${alt} 사진 ${index + 1}`}
          width={image.width}
          height={image.height}
          loading={index === 0 ? 'eager' : 'lazy'}
          decoding="async"
        />
      ))}
    </div>
  );
}
