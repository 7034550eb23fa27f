import { useState, type FormEvent } from 'react';
import { useQuery } from '@tanstack/react-query';
import { api, errorMessage } from '../../api';
import { useToast } from '../../components/Toast';
import { formatPhone } from '../../format';
import { SERVICE_TYPE_LABELS, TIME_ZONES } from '../../labels';
import type { Business, ServiceType } from '../../types';
import { useBusinessUpdate } from './useBusinessUpdate';

export function BusinessSettings() {
  const business = useQuery({ queryKey: ['business'], queryFn: () => api.get<Business>('/api/business') });

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
  const zones = TIME_ZONES.includes(business.timeZone) ? TIME_ZONES : [business.timeZone, ...TIME_ZONES];

  function submit(event: FormEvent) {
    event.preventDefault();
    setFormError(null);
    if (!name.trim()) return setFormError('업체명을 입력하세요.');
    update.mutate(
      { name: name.trim(), phone: phone.trim(), serviceType, timeZone },
      {
        onSuccess: () => toast('업체 정보를 저장했습니다.', 'success'),
        onError: (error) => setFormError(errorMessage(error)),
      },
    );
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
              {zone === 'Asia/Seoul' ? 'Asia/Seoul (한국 표준시)' : zone}
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
    </form>
  );
}
