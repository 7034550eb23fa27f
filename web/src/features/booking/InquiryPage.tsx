import { useState, type FormEvent } from 'react';
import { Link, useParams, useSearchParams } from 'react-router-dom';
import { errorMessage } from '../../api/client';
import { BookingShell, ErrorView, LoadingView, NotFoundView } from './components';
import { isNotFound, normalizePhoneInput, publicApi, usePublicPlace } from './publicApi';
import { Field } from '../../ui/Field';
import { fieldErrorsOf } from '../../ui/fieldErrors';

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
      const fields = fieldErrorsOf(error, { PHONE_INVALID: 'phone' });
      const named = { name: fields.get('name'), phone: fields.get('phone'), body: fields.get('body') };
      setErrors(named.name || named.phone || named.body ? named : { form: errorMessage(error) });
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
        <Field tone="booking" label="이름" error={errors.name}>
          <input autoComplete="name" maxLength={50} value={name} onChange={(e) => setName(e.target.value)} />
        </Field>
        <Field tone="booking" label="휴대폰 번호" error={errors.phone}>
          <input type="tel" inputMode="tel" autoComplete="tel-national" placeholder="010-1234-5678" maxLength={20} value={phone} onChange={(e) => setPhone(e.target.value)} />
        </Field>
        <Field tone="booking" label="문의 내용" error={errors.body} help={`${body.length}/${BODY_MAX}자`}>
          <textarea rows={6} maxLength={BODY_MAX} value={body} onChange={(e) => setBody(e.target.value)} />
        </Field>
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
