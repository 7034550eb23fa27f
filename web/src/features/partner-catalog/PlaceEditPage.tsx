import { useState, type FormEvent } from 'react';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { useMutation } from '@tanstack/react-query';
import { api, errorMessage, type Body } from '../../api/client';
import { canManageSettings, useCurrentMe } from '../auth/auth';
import { ConfirmDialog } from '../../ui/ConfirmDialog';
import { useToast } from '../../ui/Toast';
import { fieldErrors, formMessage, placePublicUrl, useInvalidateCatalog, usePlace } from './catalogApi';
import { OPERATING_STATUS_LABELS } from '../../../../src/shared/labels/products';
import { PlaceImages } from './PlaceImages';
import { PlaceOpening } from './PlaceOpening';
import { CopyUrlButton, ReadOnlyNotice, TagInput } from './parts';
import { Field } from '../../ui/Field';
import type { OperatingStatus, Place } from '../../api/models';

type PlaceDraft = Required<Omit<Body<'/api/places', 'post'>, 'sortOrder' | 'checkInTime' | 'checkOutTime' | 'hotelGrade'>> & {
  checkInTime: string;
  checkOutTime: string;
  hotelGrade: string;
};

const EMPTY_PLACE: PlaceDraft = {
  name: '',
  category: '',
  address: '',
  phone: '',
  operatingStatus: 'open',
  exposed: true,
  homepage: '',
  introduction: '',
  bookingNotes: '',
  notices: '',
  amenities: [],
  extraServices: [],
  checkInTime: '',
  checkOutTime: '',
  hotelGrade: '',
};

function draftOf(place: Place): PlaceDraft {
  return {
    name: place.name,
    category: place.category ?? '',
    address: place.address ?? '',
    phone: place.phone ?? '',
    operatingStatus: place.operatingStatus,
    exposed: place.exposed,
    homepage: place.homepage ?? '',
    introduction: place.introduction ?? '',
    bookingNotes: place.bookingNotes ?? '',
    notices: place.notices ?? '',
    amenities: place.amenities ?? [],
    extraServices: place.extraServices ?? [],
    checkInTime: place.checkInTime ?? '',
    checkOutTime: place.checkOutTime ?? '',
    hotelGrade: place.hotelGrade ?? '',
  };
}

/** BOOK-1: /partner/places/new and /partner/places/:placeId. */
export function PlaceEditPage() {
  const { placeId } = useParams();
  const isNew = !placeId || placeId === 'new';
  const place = usePlace(isNew ? undefined : placeId);

  if (!isNew && place.isPending) return <div className="page-loading">불러오는 중…</div>;
  if (!isNew && place.isError)
    return (
      <div className="cat-page">
        <Link className="back-link" to="/partner/places">
          ← 장소 관리
        </Link>
        <p className="form-error">{errorMessage(place.error)}</p>
      </div>
    );
  return <PlaceForm key={place.data?.id ?? 'new'} place={isNew ? null : (place.data ?? null)} />;
}

function PlaceForm({ place }: { place: Place | null }) {
  const me = useCurrentMe();
  const canEdit = canManageSettings(me);
  const toast = useToast();
  const navigate = useNavigate();
  const invalidate = useInvalidateCatalog();
  const [draft, setDraft] = useState<PlaceDraft>(place ? draftOf(place) : EMPTY_PLACE);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [confirmDelete, setConfirmDelete] = useState(false);
  const set = <K extends keyof PlaceDraft>(key: K, value: PlaceDraft[K]) => setDraft((current) => ({ ...current, [key]: value }));

  const save = useMutation({
    mutationFn: () => {
      const body = {
        ...draft,
        name: draft.name.trim(),
        checkInTime: draft.checkInTime || null,
        checkOutTime: draft.checkOutTime || null,
        hotelGrade: draft.hotelGrade.trim() || null,
      };
      return place ? api.patch('/api/places/{id}', { path: { id: place.id }, body }) : api.post('/api/places', { body });
    },
    onSuccess: (saved) => {
      invalidate();
      toast(place ? '장소를 저장했습니다.' : '장소를 추가했습니다. 이제 이미지와 상품을 추가해 보세요.', 'success');
      if (!place && saved?.id) navigate(`/partner/places/${saved.id}`, { replace: true });
    },
    onError: (error) => {
      const fields = fieldErrors(error);
      setErrors(fields);
      setFormError(formMessage(error));
    },
  });

  const remove = useMutation({
    mutationFn: () => api.delete('/api/places/{id}', { path: { id: place!.id } }),
    onSuccess: () => {
      invalidate();
      toast('장소를 삭제했습니다.', 'success');
      navigate('/partner/places');
    },
  });

  function submit(event: FormEvent) {
    event.preventDefault();
    setErrors({});
    setFormError(null);
    if (!draft.name.trim()) {
      setErrors({ name: '장소 이름을 입력하세요.' });
      return;
    }
    save.mutate();
  }

  return (
    <div className="cat-page" data-testid="place-edit-page">
      <Link className="back-link" to="/partner/places">
        ← 장소 관리
      </Link>
      <div className="page-header">
        <h1>{place ? (canEdit ? '장소 수정' : '장소 정보') : '장소 추가'}</h1>
        {place && <CopyUrlButton url={placePublicUrl(place)} label="장소 URL 복사" what="장소 페이지" />}
      </div>
      {!canEdit && <ReadOnlyNotice />}
      <form onSubmit={submit} noValidate>
        <fieldset disabled={!canEdit || save.isPending} className="cat-fieldset">
          <section className="card form-grid">
            <h3>기본 정보</h3>
            <div className="field-row">
              <Field label="장소 이름 *" error={errors.name}>
                <input value={draft.name} onChange={(e) => set('name', e.target.value)} placeholder="예: 예약치과 강남점" maxLength={100} />
              </Field>
              <Field label="카테고리" error={errors.category}>
                <input value={draft.category} onChange={(e) => set('category', e.target.value)} placeholder="예: 치과, 헤어샵, 공방" />
              </Field>
            </div>
            <Field label="주소" error={errors.address}>
              <input value={draft.address} onChange={(e) => set('address', e.target.value)} placeholder="예: 서울 강남구 테헤란로 123, 4층" />
            </Field>
            <div className="field-row">
              <Field label="전화번호" error={errors.phone}>
                <input value={draft.phone} onChange={(e) => set('phone', e.target.value)} placeholder="02-123-4567" inputMode="tel" />
              </Field>
              <Field label="운영 상태" error={errors.operatingStatus}>
                <select value={draft.operatingStatus} onChange={(e) => set('operatingStatus', e.target.value as OperatingStatus)}>
                  {(Object.keys(OPERATING_STATUS_LABELS) as OperatingStatus[]).map((status) => (
                    <option key={status} value={status}>
                      {OPERATING_STATUS_LABELS[status]}
                    </option>
                  ))}
                </select>
              </Field>
            </div>
            <label className="switch-row">
              <input type="checkbox" className="switch" checked={draft.exposed} onChange={(e) => set('exposed', e.target.checked)} />
              <span>
                <strong>노출 여부: {draft.exposed ? '노출 ON' : '노출 OFF'}</strong>
                <span className="muted block">끄면 장소 페이지와 장소의 모든 상품이 예약 페이지에 보이지 않습니다.</span>
              </span>
            </label>
          </section>

          <section className="card form-grid">
            <h3>추가 정보</h3>
            <p className="muted cat-section-help">예약 고객에게 장소 페이지에서 보여 주는 정보입니다. 필요한 것만 입력하세요.</p>
            <Field label="홈페이지" error={errors.homepage}>
              <input value={draft.homepage} onChange={(e) => set('homepage', e.target.value)} placeholder="https://" inputMode="url" />
            </Field>
            <Field label="소개" error={errors.introduction}>
              <textarea rows={4} value={draft.introduction} onChange={(e) => set('introduction', e.target.value)} />
            </Field>
            <Field label="예약 안내" error={errors.bookingNotes} help="예약 전에 고객이 알아야 할 내용 (예: 방문 10분 전 도착)">
              <textarea rows={3} value={draft.bookingNotes} onChange={(e) => set('bookingNotes', e.target.value)} />
            </Field>
            <Field label="공지사항" error={errors.notices}>
              <textarea rows={3} value={draft.notices} onChange={(e) => set('notices', e.target.value)} />
            </Field>
            <div className="field-row">
              <div className="field">
                <span>편의시설</span>
                <TagInput label="편의시설" value={draft.amenities} onChange={(v) => set('amenities', v)} placeholder="예: 주차, 와이파이 (Enter로 추가)" disabled={!canEdit} />
              </div>
              <div className="field">
                <span>부가서비스</span>
                <TagInput label="부가서비스" value={draft.extraServices} onChange={(v) => set('extraServices', v)} placeholder="예: 발렛파킹, 포장 (Enter로 추가)" disabled={!canEdit} />
              </div>
            </div>
            {/* Lodging fields only for lodging: a clinic or a café has no 체크인 or 호텔 등급 (kept visible when a place already has them). */}
            {(isLodging(draft.category) || Boolean(draft.checkInTime || draft.checkOutTime || draft.hotelGrade)) && (
            <div className="field-row">
              <Field label="체크인 시간" error={errors.checkInTime}>
                <input type="time" value={draft.checkInTime} onChange={(e) => set('checkInTime', e.target.value)} />
              </Field>
              <Field label="체크아웃 시간" error={errors.checkOutTime}>
                <input type="time" value={draft.checkOutTime} onChange={(e) => set('checkOutTime', e.target.value)} />
              </Field>
              <Field label="호텔 등급" error={errors.hotelGrade}>
                <input value={draft.hotelGrade} onChange={(e) => set('hotelGrade', e.target.value)} placeholder="숙박 업소만 (예: 4성급)" />
              </Field>
            </div>
            )}
          </section>
        </fieldset>
        {canEdit && (
          <div className="cat-sticky-actions">
            {formError && <p className="form-error">{formError}</p>}
            <div className="form-actions">
              {place && (
                <button type="button" className="btn btn-danger cat-left" onClick={() => setConfirmDelete(true)}>
                  장소 삭제
                </button>
              )}
              <Link className="btn" to="/partner/places">
                취소
              </Link>
              <button type="submit" className="btn btn-primary" disabled={save.isPending}>
                {save.isPending ? '저장 중…' : place ? '저장' : '장소 추가'}
              </button>
            </div>
          </div>
        )}
      </form>

      {place ? (
        <PlaceImages place={place} canEdit={canEdit} />
      ) : (
        <section className="card">
          <h3>장소 이미지</h3>
          <p className="muted">장소를 추가한 뒤 이미지를 올릴 수 있습니다.</p>
        </section>
      )}

      {place ? (
        <PlaceOpening place={place} canEdit={canEdit} />
      ) : (
        <section className="card">
          <h3>영업시간·휴무일</h3>
          <p className="muted">장소를 추가한 뒤 영업시간, 공휴일 휴무, 임시휴무를 정할 수 있습니다.</p>
        </section>
      )}

      {confirmDelete && place && (
        <ConfirmDialog
          title="장소 삭제"
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
            <strong>{place.name}</strong> 장소를 삭제할까요? 이미지도 함께 지워지며 되돌릴 수 없습니다.
          </p>
          <p className="muted">상품이 있는 장소는 삭제할 수 없습니다. 잠시 닫으려면 노출을 끄세요.</p>
        </ConfirmDialog>
      )}
    </div>
  );
}

/** A lodging category (숙박, 호텔, 펜션 …): the only places with check-in times and a hotel grade. */
function isLodging(category: string): boolean {
  return /숙박|호텔|모텔|펜션|리조트|게스트하우스|한옥스테이|캠핑|글램핑|민박/.test(category);
}
