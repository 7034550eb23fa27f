import { useState, type FormEvent } from 'react';
import { Link, useParams } from 'react-router-dom';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, errorMessage } from '../api';
import { hasPermission, useCurrentMe } from '../auth';
import { StatusBadge } from '../components/StatusBadge';
import { useToast } from '../components/Toast';
import { formatDate, formatDateTime, formatPhone, formatTimeRange } from '../format';
import { useScheduleParam } from '../hooks';
import type { Customer, CustomerSchedule } from '../types';

export function CustomerDetailPage() {
  const { id = '' } = useParams();
  const customer = useQuery({
    queryKey: ['customer', id],
    queryFn: () => api.get<Customer>(`/api/customers/${id}`),
  });

  return (
    <div className="page">
      <div className="page-header">
        <div>
          <Link to="/customers" className="back-link">
            ← 고객 목록
          </Link>
          <h1>{customer.data?.name ?? '고객'}</h1>
        </div>
      </div>
      {customer.isPending && <p className="muted">불러오는 중…</p>}
      {customer.isError && <p className="form-error">{errorMessage(customer.error)}</p>}
      {customer.data && (
        <div className="detail-grid">
          <CustomerInfo customer={customer.data} />
          <CustomerSchedules customerId={customer.data.id} />
        </div>
      )}
    </div>
  );
}

function CustomerInfo({ customer }: { customer: Customer }) {
  const me = useCurrentMe();
  const timeZone = me.business.timeZone;
  const [editing, setEditing] = useState(false);

  if (editing) return <CustomerEditForm customer={customer} onDone={() => setEditing(false)} />;

  return (
    <section className="card">
      <div className="card-header">
        <h2>고객 정보</h2>
        {hasPermission(me, 'customers.edit') && (
          <button type="button" className="btn btn-sm" onClick={() => setEditing(true)}>
            수정
          </button>
        )}
      </div>
      <dl className="info-list">
        <dt>이름</dt>
        <dd>{customer.name}</dd>
        <dt>전화번호</dt>
        <dd>{formatPhone(customer.phone)}</dd>
        <dt>등급</dt>
        <dd>{customer.grade || '-'}</dd>
        <dt>태그</dt>
        <dd>
          {customer.tags.length > 0 ? (
            <span className="tag-list">
              {customer.tags.map((tag) => (
                <span key={tag} className="badge badge-grey">
                  {tag}
                </span>
              ))}
            </span>
          ) : (
            '-'
          )}
        </dd>
        <dt>마케팅 수신</dt>
        <dd>
          {customer.marketingConsent
            ? `동의${customer.marketingConsentAt ? ` (${formatDate(customer.marketingConsentAt, timeZone)})` : ''}`
            : '미동의'}
        </dd>
        <dt>야간 광고 수신</dt>
        <dd>{customer.nightAdConsent ? '동의' : '미동의'}</dd>
        <dt>등록일</dt>
        <dd>{formatDateTime(customer.createdAt, timeZone)}</dd>
        <dt>메모</dt>
        <dd className="pre-wrap">{customer.memo || '-'}</dd>
      </dl>
    </section>
  );
}

function CustomerEditForm({ customer, onDone }: { customer: Customer; onDone: () => void }) {
  const queryClient = useQueryClient();
  const toast = useToast();
  const [name, setName] = useState(customer.name);
  const [phone, setPhone] = useState(customer.phone);
  const [grade, setGrade] = useState(customer.grade ?? '');
  const [tags, setTags] = useState(customer.tags.join(', '));
  const [memo, setMemo] = useState(customer.memo);
  const [marketingConsent, setMarketingConsent] = useState(customer.marketingConsent);
  const [nightAdConsent, setNightAdConsent] = useState(customer.nightAdConsent);
  const [formError, setFormError] = useState<string | null>(null);

  const save = useMutation({
    mutationFn: (body: Record<string, unknown>) => api.patch<Customer>(`/api/customers/${customer.id}`, body),
    onSuccess: (updated) => {
      queryClient.setQueryData(['customer', customer.id], updated);
      queryClient.invalidateQueries({ queryKey: ['customers'] });
      toast('고객 정보를 저장했습니다.', 'success');
      onDone();
    },
    onError: (error) => setFormError(errorMessage(error)),
  });

  function submit(event: FormEvent) {
    event.preventDefault();
    setFormError(null);
    if (!name.trim()) return setFormError('이름을 입력하세요.');
    const body: Record<string, unknown> = {
      name: name.trim(),
      grade: grade.trim() || null,
      tags: [...new Set(tags.split(',').map((tag) => tag.trim()).filter(Boolean))],
      memo: memo.trim(),
      marketingConsent,
      nightAdConsent,
    };
    // A masked number cannot be sent back; only a number the user typed replaces it.
    if (!customer.phoneMasked && phone.trim() !== customer.phone) body.phone = phone.trim();
    save.mutate(body);
  }

  return (
    <section className="card">
      <h2>고객 정보 수정</h2>
      <form className="form-grid" onSubmit={submit}>
        <label className="field">
          <span>이름</span>
          <input value={name} onChange={(event) => setName(event.target.value)} required />
        </label>
        <label className="field">
          <span>전화번호</span>
          <input
            value={phone}
            onChange={(event) => setPhone(event.target.value)}
            disabled={customer.phoneMasked}
            inputMode="tel"
            title={customer.phoneMasked ? '전체 전화번호 보기 권한이 있어야 수정할 수 있습니다.' : undefined}
          />
        </label>
        <div className="field-row">
          <label className="field">
            <span>등급</span>
            <input value={grade} onChange={(event) => setGrade(event.target.value)} placeholder="예: VIP" />
          </label>
          <label className="field">
            <span>태그</span>
            <input value={tags} onChange={(event) => setTags(event.target.value)} placeholder="쉼표로 구분 (예: 재방문, 소개)" />
          </label>
        </div>
        <label className="field">
          <span>메모</span>
          <textarea rows={4} value={memo} onChange={(event) => setMemo(event.target.value)} />
        </label>
        <label className="checkbox">
          <input type="checkbox" checked={marketingConsent} onChange={(event) => setMarketingConsent(event.target.checked)} />
          <span>마케팅 수신 동의</span>
        </label>
        <label className="checkbox">
          <input type="checkbox" checked={nightAdConsent} onChange={(event) => setNightAdConsent(event.target.checked)} />
          <span>야간 광고 수신 동의</span>
        </label>
        {formError && <p className="form-error">{formError}</p>}
        <div className="form-actions">
          <button type="button" className="btn" onClick={onDone}>
            취소
          </button>
          <button type="submit" className="btn btn-primary" disabled={save.isPending}>
            저장
          </button>
        </div>
      </form>
    </section>
  );
}

function CustomerSchedules({ customerId }: { customerId: string }) {
  const me = useCurrentMe();
  const timeZone = me.business.timeZone;
  const { openSchedule } = useScheduleParam();
  const schedules = useQuery({
    queryKey: ['customer-schedules', customerId],
    queryFn: () => api.get<{ items: CustomerSchedule[] }>(`/api/customers/${customerId}/schedules`).then((res) => res.items),
  });

  return (
    <section className="card">
      <h2>일정</h2>
      {schedules.isPending && <p className="muted">불러오는 중…</p>}
      {schedules.isError && <p className="form-error">{errorMessage(schedules.error)}</p>}
      {schedules.data?.length === 0 && <p className="muted">일정이 없습니다.</p>}
      {schedules.data && schedules.data.length > 0 && (
        <table className="table table-clickable">
          <thead>
            <tr>
              <th>날짜</th>
              <th>시간</th>
              <th>담당자</th>
              <th>상태</th>
            </tr>
          </thead>
          <tbody>
            {schedules.data.map((schedule) => (
              <tr key={schedule.id} onClick={() => openSchedule(schedule.id)} data-testid="customer-schedule-row">
                <td>{formatDate(schedule.startsAt, timeZone)}</td>
                <td>{formatTimeRange(schedule.startsAt, schedule.endsAt, timeZone)}</td>
                <td>{schedule.staffName}</td>
                <td>
                  <StatusBadge status={schedule.status} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
