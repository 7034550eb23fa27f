import { useState, type FormEvent } from 'react';
import { Link, useParams, useSearchParams } from 'react-router-dom';
import { ApiError, errorMessage } from '../api';
import { BookingShell, ErrorView, LoadingView, NotFoundView } from './components';
import { fieldMessage, isNotFound, normalizePhoneInput, publicApi, usePublicPlace } from './publicApi';

const BODY_MAX = 2000;

/** 고객문의 (BOOK-11): /book/places/:placeId/inquiry?productId=… */
export function InquiryPage() {
  const { placeId = '' } = useParams();
  const [searchParams] = useSearchParams();
  const productId = searchParams.get('productId') ?? undefined;
  const place = usePublicPlace(placeId);

  if (place.isError && isNotFound(place.error)) return <NotFoundView title="장소를 찾을 수 없습니다" />;
  const product = place.data?.products.find((p) => p.id === productId);
  return (
    <BookingShell title="문의하기" back={productId ? `/book/products/${productId}` : `/book/places/${placeId}`}>
      {place.isPending ? (
        <LoadingView />
      ) : place.isError ? (
        <ErrorView error={place.error} onRetry={() => place.refetch()} />
      ) : (
        <InquiryForm placeId={placeId} placeName={place.data.name} productId={product?.id} productName={product?.name} />
      )}
    </BookingShell>
  );
}

function InquiryForm({ placeId, placeName, productId, productName }: { placeId: string; placeName: string; productId?: string; productName?: string }) {
  const [name, setName] = useState('');
  const [phone, setPhone] = useState('');
  const [body, setBody] = useState('');
  const [errors, setErrors] = useState<{ name?: string; phone?: string; body?: string; form?: string }>({});
  const [busy, setBusy] = useState(false);
  const [sent, setSent] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    const next: typeof errors = {};
    if (!name.trim()) next.name = '이름을 입력해 주세요.';
    if (!phone.trim()) next.phone = '휴대폰 번호를 입력해 주세요.';
    if (!body.trim()) next.body = '문의 내용을 입력해 주세요.';
    setErrors(next);
    if (Object.keys(next).length > 0) return;
    setBusy(true);
    try {
      await publicApi.createInquiry({ placeId, ...(productId ? { productId } : {}), name: name.trim(), phone: normalizePhoneInput(phone), body: body.trim() });
      setSent(true);
    } catch (error) {
      if (error instanceof ApiError && (error.code === 'PHONE_INVALID' || (error.code === 'VALIDATION_FAILED' && /: phone/.test(error.message)))) setErrors({ phone: fieldMessage(error) });
      else if (error instanceof ApiError && error.code === 'VALIDATION_FAILED' && /: body/.test(error.message)) setErrors({ body: fieldMessage(error) });
      else setErrors({ form: errorMessage(error) });
    } finally {
      setBusy(false);
    }
  };

  if (sent) {
    return (
      <div className="bk-state" role="status" data-testid="inquiry-sent">
        <div className="bk-done-mark" aria-hidden="true">
          ✓
        </div>
        <p className="bk-state-title">문의가 접수되었습니다</p>
        <p className="bk-muted">{placeName}에서 확인한 뒤 남겨 주신 번호로 연락드립니다.</p>
        <Link to={productId ? `/book/products/${productId}` : `/book/places/${placeId}`} className="bk-btn">
          돌아가기
        </Link>
      </div>
    );
  }

  return (
    <section className="bk-section">
      <h2 className="bk-section-title">{placeName}에 문의하기</h2>
      {productName && <p className="bk-muted">상품: {productName}</p>}
      <form className="bk-form" onSubmit={submit} noValidate aria-busy={busy}>
        <div className="bk-field">
          <label htmlFor="bk-inq-name">이름</label>
          <input
            id="bk-inq-name"
            autoComplete="name"
            maxLength={50}
            value={name}
            onChange={(e) => setName(e.target.value)}
            aria-invalid={Boolean(errors.name)}
            aria-describedby={errors.name ? 'bk-inq-name-error' : undefined}
          />
          {errors.name && (
            <p id="bk-inq-name-error" className="bk-field-error">
              {errors.name}
            </p>
          )}
        </div>
        <div className="bk-field">
          <label htmlFor="bk-inq-phone">휴대폰 번호</label>
          <input
            id="bk-inq-phone"
            type="tel"
            inputMode="tel"
            autoComplete="tel-national"
            placeholder="010-1234-5678"
            maxLength={20}
            value={phone}
            onChange={(e) => setPhone(e.target.value)}
            aria-invalid={Boolean(errors.phone)}
            aria-describedby={errors.phone ? 'bk-inq-phone-error' : undefined}
          />
          {errors.phone && (
            <p id="bk-inq-phone-error" className="bk-field-error">
              {errors.phone}
            </p>
          )}
        </div>
        <div className="bk-field">
          <label htmlFor="bk-inq-body">문의 내용</label>
          <textarea
            id="bk-inq-body"
            rows={6}
            maxLength={BODY_MAX}
            value={body}
            onChange={(e) => setBody(e.target.value)}
            aria-invalid={Boolean(errors.body)}
            aria-describedby={errors.body ? 'bk-inq-body-error' : 'bk-inq-body-count'}
          />
          {errors.body ? (
            <p id="bk-inq-body-error" className="bk-field-error">
              {errors.body}
            </p>
          ) : (
            <p id="bk-inq-body-count" className="bk-field-help">
              {body.length}/{BODY_MAX}자
            </p>
          )}
        </div>
        {errors.form && (
          <p className="bk-notice bk-notice-error" role="alert">
            {errors.form}
          </p>
        )}
        <button type="submit" className="bk-btn bk-btn-primary bk-btn-block" disabled={busy}>
          {busy ? '보내는 중…' : '문의 보내기'}
        </button>
      </form>
    </section>
  );
}
