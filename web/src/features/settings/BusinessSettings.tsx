import { useState, type FormEvent } from 'react';
import { useQuery } from '@tanstack/react-query';
import { api, ApiError, errorMessage } from '../../api/client';
import { keys } from '../../api/keys';
import { ConfirmDialog } from '../../ui/ConfirmDialog';
import { useToast } from '../../ui/Toast';
import { formatPhone } from '../../../../src/shared/format';
import { TIME_ZONES, timeZoneLabel } from './labels';
import { SERVICE_TYPE_LABELS } from '../../../../src/shared/labels/settings';
import type { Business, ServiceType } from '../../api/models';
import { useBusinessUpdate } from './useBusinessUpdate';

export function BusinessSettings() {
  const business = useQuery({ queryKey: keys.business, queryFn: () => api.get('/api/business') });

  return (
    <>
      <h2 className="settings-title">업체 정보</h2>
      {business.isPending && <p className="muted">불러오는 중…</p>}
      {business.isError && <p className="form-error">{errorMessage(business.error)}</p>}
      {business.data && <BusinessForm key={JSON.stringify(business.data)} business={business.data} />}
    </>
  );
}

function BusinessForm({ business }: { business: Business }) {
  const toast = useToast();
  const update = useBusinessUpdate();
  const [name, setName] = useState(business.name);
  const [phone, setPhone] = useState(formatPhone(business.phone));
  const [serviceType, setServiceType] = useState<ServiceType>(business.serviceType);
  const [timeZone, setTimeZone] = useState(business.timeZone);
  const [formError, setFormError] = useState<string | null>(null);
  // NAVER-1: a service type without Naver while connected asks before the connection is turned off.
  const [naverQuestion, setNaverQuestion] = useState<string | null>(null);
  const zones = TIME_ZONES.includes(business.timeZone) ? TIME_ZONES : [business.timeZone, ...TIME_ZONES];

  function save(disconnectNaver: boolean) {
    update.mutate(
      { name: name.trim(), phone: phone.trim(), serviceType, timeZone, ...(disconnectNaver ? { disconnectNaver } : {}) },
      {
        onSuccess: () => {
          setNaverQuestion(null);
          toast(disconnectNaver ? '업체 정보를 저장하고 네이버예약 연동을 껐습니다.' : '업체 정보를 저장했습니다.', 'success');
        },
        onError: (error) => {
          if (error instanceof ApiError && error.code === 'NAVER_CONNECTED_SERVICE_TYPE' && !disconnectNaver) return setNaverQuestion(error.message);
          setNaverQuestion(null);
          setFormError(errorMessage(error));
        },
      },
    );
  }

  function submit(event: FormEvent) {
    event.preventDefault();
    setFormError(null);
    if (!name.trim()) return setFormError('업체명을 입력하세요.');
    save(false);
  }

  return (
    <form className="card form-grid narrow" onSubmit={submit}>
      <label className="field">
        <span>업체명</span>
        <input value={name} onChange={(event) => setName(event.target.value)} required />
      </label>
      <label className="field">
        <span>대표 전화번호</span>
        <input value={phone} onChange={(event) => setPhone(event.target.value)} placeholder="02-123-4567" inputMode="tel" />
      </label>
      <label className="field">
        <span>서비스 유형</span>
        <select value={serviceType} onChange={(event) => setServiceType(event.target.value as ServiceType)}>
          {Object.entries(SERVICE_TYPE_LABELS).map(([value, label]) => (
            <option key={value} value={value}>
              {label}
            </option>
          ))}
        </select>
      </label>
      <label className="field">
        <span>시간대</span>
        <select value={timeZone} onChange={(event) => setTimeZone(event.target.value)}>
          {zones.map((zone) => (
            <option key={zone} value={zone}>
              {timeZoneLabel(zone)}
            </option>
          ))}
        </select>
      </label>
      {formError && <p className="form-error">{formError}</p>}
      <div className="form-actions">
        <button type="submit" className="btn btn-primary" disabled={update.isPending}>
          저장
        </button>
      </div>
      {naverQuestion && (
        <ConfirmDialog
          title="네이버예약 연동을 끌까요?"
          confirmLabel="연동 끄고 저장"
          danger
          busy={update.isPending}
          onConfirm={() => save(true)}
          onCancel={() => setNaverQuestion(null)}
        >
          <p>{SERVICE_TYPE_LABELS[serviceType]}은(는) 네이버예약 연동을 쓸 수 없는 업종입니다. 저장하면 네이버예약 연동이 꺼지고, 새 네이버 예약이 더 이상 캘린더에 들어오지 않습니다.</p>
        </ConfirmDialog>
      )}
    </form>
  );
}
