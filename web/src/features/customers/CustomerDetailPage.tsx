import { useState, type FormEvent } from 'react';
import { Link, useParams } from 'react-router-dom';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, errorMessage, type Body } from '../../api/client';
import { keys } from '../../api/keys';
import { hasPermission, useCurrentMe } from '../auth/auth';
import { ConfirmDialog } from '../../ui/ConfirmDialog';
import { SourceBadge, StatusBadge } from '../calendar/StatusBadge';
import { useToast } from '../../ui/Toast';
import { formatDate, formatDateTime, formatPhone, formatTimeRange } from '../../../../src/shared/format';
import { useScheduleParam } from '../calendar/useScheduleParam';
import { NAVER_SERVICE_TYPES } from './labels';
import { GroupBadges } from '../loyalty/GroupBadges';
import { useCustomerGrades } from '../loyalty/loyaltyApi';
import { VISIT_SOURCE_LABELS } from '../../../../src/shared/labels/loyalty';
import { ERASURE_CLEARS, ERASURE_KEEPS } from '../../../../src/shared/labels/consents';
import type { ConsentEvent, Customer, Notice } from '../../api/models';

/** The seed's warning: Naver bookings find their customer by name and phone together. */
const NAME_MATCH_NOTICE = '이름과 전화번호 조합으로 고객을 확인합니다. 이름을 바꾸면 다음 네이버 예약 때 새 고객으로 만들어집니다.';

const customerSchedulesQuery = (customerId: string) => ({
  queryKey: keys.customer.schedules(customerId),
  queryFn: () => api.get('/api/customers/{id}/schedules', { path: { id: customerId } }).then((res) => res.items),
});

export function CustomerDetailPage() {
  const { id = '' } = useParams();
  const customer = useQuery({
    queryKey: keys.customer.one(id),
    queryFn: () => api.get('/api/customers/{id}', { path: { id } }),
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
      {customer.data && <SamePhoneCustomers customer={customer.data} />}
      {customer.data && (
        <div className="detail-grid">
          <CustomerInfo customer={customer.data} />
          <div>
            <CustomerLoyalty customer={customer.data} />
            <CustomerSchedules customerId={customer.data.id} />
            <CustomerNotices customerId={customer.data.id} />
            <CustomerConsents customerId={customer.data.id} />
            <CustomerPrivacy customer={customer.data} />
          </div>
        </div>
      )}
    </div>
  );
}

function CustomerInfo({ customer }: { customer: Customer }) {
  const me = useCurrentMe();
  const timeZone = me.business.timeZone;
  const [editing, setEditing] = useState(false);
  // Shares the schedule list's query: the notice matters for customers who came through Naver.
  const schedules = useQuery(customerSchedulesQuery(customer.id));
  const fromNaver = schedules.data?.some((s) => s.source === 'naver') ?? false;

  if (editing) return <CustomerEditForm customer={customer} onDone={() => setEditing(false)} />;

  return (
    <section className="card">
      <div className="card-header">
        <h2>
          고객 정보
          {customer.anonymisedAt && (
            <span className="badge badge-grey" data-testid="customer-anonymised">
              개인정보 삭제됨
            </span>
          )}
        </h2>
        {hasPermission(me, 'customers.edit') && !customer.anonymisedAt && (
          <button type="button" className="btn btn-sm" onClick={() => setEditing(true)}>
            수정
          </button>
        )}
      </div>
      <dl className="info-list">
        <dt>이름</dt>
        <dd>
          {customer.name}
          {fromNaver && (
            <div className="hint hint-danger name-notice" data-testid="customer-name-notice">
              {NAME_MATCH_NOTICE}
            </div>
          )}
        </dd>
        <dt>전화번호</dt>
        <dd>{customer.phone ? formatPhone(customer.phone) : '-'}</dd>
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
        <dd data-testid="customer-marketing">
          {customer.marketingOptedOutAt ? (
            <>
              <span className="badge badge-amber">수신거부</span> <span className="muted">{formatDateTime(customer.marketingOptedOutAt, timeZone)}</span>
            </>
          ) : customer.marketingConsent ? (
            `동의${customer.marketingConsentAt ? ` (${formatDate(customer.marketingConsentAt, timeZone)})` : ''}`
          ) : (
            '미동의'
          )}
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
  const me = useCurrentMe();
  const naverCapable = NAVER_SERVICE_TYPES.includes(me.business.serviceType);
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
  const grades = useCustomerGrades();

  const save = useMutation({
    mutationFn: (body: Body<'/api/customers/{id}', 'patch'>) => api.patch('/api/customers/{id}', { path: { id: customer.id }, body }),
    onSuccess: (updated) => {
      queryClient.setQueryData(keys.customer.one(customer.id), updated);
      queryClient.invalidateQueries({ queryKey: keys.customers.all });
      queryClient.invalidateQueries({ queryKey: keys.customer.consents(customer.id) });
      toast('고객 정보를 저장했습니다.', 'success');
      onDone();
    },
    onError: (error) => setFormError(errorMessage(error)),
  });

  function submit(event: FormEvent) {
    event.preventDefault();
    setFormError(null);
    if (!name.trim()) return setFormError('이름을 입력하세요.');
    const body: Body<'/api/customers/{id}', 'patch'> = {
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
        {naverCapable && (
          <div className={`hint ${name.trim() !== customer.name ? 'hint-danger' : 'hint-muted'} name-notice`} data-testid="customer-name-notice">
            {NAME_MATCH_NOTICE}
          </div>
        )}
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
            <input value={grade} onChange={(event) => setGrade(event.target.value)} placeholder="예: VIP" list="customer-grade-options" />
            <datalist id="customer-grade-options">
              {(grades.data ?? []).map((g) => (
                <option key={g.id} value={g.name} />
              ))}
            </datalist>
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


/** 포인트·방문 (MSG-1): what the customer holds and each visit, newest first. */
function CustomerLoyalty({ customer }: { customer: Customer }) {
  const me = useCurrentMe();
  const timeZone = me.business.timeZone;
  const visits = useQuery({
    queryKey: keys.customer.visits(customer.id),
    queryFn: () => api.get('/api/customers/{id}/visits', { path: { id: customer.id } }).then((res) => res.items),
  });
  const items = [...(visits.data ?? [])].sort((a, b) => b.visitedAt.localeCompare(a.visitedAt));

  return (
    <section className="card" data-testid="customer-loyalty">
      <div className="card-header">
        <h2>
          포인트·방문
          <GroupBadges groups={customer.groups} />
        </h2>
      </div>
      <div className="loyalty-stats">
        <div className="loyalty-stat">
          <span>보유 포인트</span>
          <strong data-testid="points-held">{(customer.pointsHeld ?? 0).toLocaleString('ko-KR')}P</strong>
        </div>
        <div className="loyalty-stat">
          <span>누적 포인트</span>
          <strong>{(customer.pointsAccumulated ?? 0).toLocaleString('ko-KR')}P</strong>
        </div>
        <div className="loyalty-stat">
          <span>방문수</span>
          <strong data-testid="visit-count">{(customer.visitCount ?? 0).toLocaleString('ko-KR')}회</strong>
        </div>
        <div className="loyalty-stat">
          <span>노쇼</span>
          <strong data-testid="no-show-count" className={customer.noShowCount > 0 ? 'text-danger' : undefined}>
            {customer.noShowCount.toLocaleString('ko-KR')}회
          </strong>
        </div>
        <div className="loyalty-stat">
          <span>최근 방문</span>
          <strong>{customer.lastVisitAt ? formatDate(customer.lastVisitAt, timeZone) : '-'}</strong>
        </div>
      </div>
      {visits.isError && <p className="form-error">{errorMessage(visits.error)}</p>}
      {visits.isSuccess && items.length === 0 && <p className="muted">방문 기록이 없습니다. POS 적립이나 완료된 일정이 방문으로 기록돼요.</p>}
      {items.length > 0 && (
        <div className="loyalty-visits">
          <table className="table">
            <thead>
              <tr>
                <th>방문 일시</th>
                <th>경로</th>
                <th className="loyalty-num">결제 금액</th>
                <th className="loyalty-num">적립</th>
                <th className="loyalty-num">사용</th>
              </tr>
            </thead>
            <tbody>
              {items.map((visit) => (
                <tr key={visit.id} data-testid="customer-visit-row">
                  <td className="nowrap">{formatDateTime(visit.visitedAt, timeZone)}</td>
                  <td>{VISIT_SOURCE_LABELS[visit.source] ?? visit.source}</td>
                  <td className="loyalty-num">{visit.amount ? `${visit.amount.toLocaleString('ko-KR')}원` : '-'}</td>
                  <td className="loyalty-num">{visit.pointsEarned ? `+${visit.pointsEarned.toLocaleString('ko-KR')}P` : '-'}</td>
                  <td className="loyalty-num">{visit.pointsUsed ? `-${visit.pointsUsed.toLocaleString('ko-KR')}P` : '-'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

function CustomerSchedules({ customerId }: { customerId: string }) {
  const me = useCurrentMe();
  const timeZone = me.business.timeZone;
  const { openSchedule } = useScheduleParam();
  const schedules = useQuery(customerSchedulesQuery(customerId));

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
                  <span className="badge-pair">
                    <StatusBadge status={schedule.status} rejected={schedule.rejected} />
                    <SourceBadge source={schedule.source} />
                  </span>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

/** Customers with this phone under another name — usually a Naver customer whose name was changed here (NAVER-5). */
function SamePhoneCustomers({ customer }: { customer: Customer }) {
  const me = useCurrentMe();
  const canMerge = hasPermission(me, 'customers.edit');
  const [source, setSource] = useState<Customer | null>(null);
  const duplicates = useQuery({
    queryKey: keys.customer.duplicates(customer.id),
    queryFn: () => api.get('/api/customers/duplicates-by-phone/{id}', { path: { id: customer.id } }).then((res) => res.items),
  });
  const items = duplicates.data ?? [];
  if (items.length === 0) return null;

  return (
    <section className="card same-phone-card" data-testid="same-phone-customers">
      <div className="card-header">
        <h2>같은 전화번호의 다른 고객</h2>
        <span className="badge badge-amber">{items.length}명</span>
      </div>
      <p className="muted same-phone-help">
        네이버 예약은 이름과 전화번호 조합으로 고객을 찾기 때문에, 이름을 바꾼 고객의 다음 예약은 새 고객으로 들어옵니다. 같은 분이라면
        ‘{customer.name}’ 고객으로 병합하세요.
      </p>
      <ul className="same-phone-list">
        {items.map((other) => (
          <li key={other.id} data-testid="same-phone-customer">
            <Link to={`/customers/${other.id}`} className="strong">
              {other.name}
            </Link>
            <span className="muted">{formatPhone(other.phone)}</span>
            <span className="muted">등록 {formatDate(other.createdAt, me.business.timeZone)}</span>
            {canMerge && (
              <button type="button" className="btn btn-sm" onClick={() => setSource(other)}>
                병합
              </button>
            )}
          </li>
        ))}
      </ul>
      {source && <MergeDialog target={customer} source={source} onClose={() => setSource(null)} />}
    </section>
  );
}

function MergeDialog({ target, source, onClose }: { target: Customer; source: Customer; onClose: () => void }) {
  const queryClient = useQueryClient();
  const toast = useToast();
  const sourceSchedules = useQuery(customerSchedulesQuery(source.id));
  const count = sourceSchedules.data?.length;

  const merge = useMutation({
    mutationFn: () => api.post('/api/customers/{id}/merge', { path: { id: target.id }, body: { sourceCustomerId: source.id } }),
    onSuccess: (result) => {
      queryClient.setQueryData(keys.customer.one(target.id), result.customer);
      queryClient.removeQueries({ queryKey: keys.customer.one(source.id) });
      queryClient.removeQueries({ queryKey: keys.customer.schedules(source.id) });
      queryClient.invalidateQueries({ queryKey: keys.customer.duplicatesAll });
      queryClient.invalidateQueries({ queryKey: keys.customer.schedules(target.id) });
      queryClient.invalidateQueries({ queryKey: keys.customers.all });
      queryClient.invalidateQueries({ queryKey: keys.calendar.all });
      queryClient.invalidateQueries({ queryKey: keys.schedule.all });
      toast(`고객을 병합했습니다 (일정 ${result.movedSchedules}건 이동)`, 'success');
      onClose();
    },
  });

  return (
    <ConfirmDialog
      title="고객 병합"
      confirmLabel="병합"
      busy={merge.isPending}
      error={merge.isError ? errorMessage(merge.error) : null}
      onCancel={onClose}
      onConfirm={() => merge.mutate()}
    >
      <p>
        <strong>‘{source.name}’</strong> 고객의 일정{count === undefined ? '' : ` ${count}건`}을 <strong>‘{target.name}’</strong> 고객으로 옮기고,
        ‘{source.name}’ 고객은 삭제합니다.
      </p>
      <p className="muted">태그와 메모는 합쳐지고, 마케팅 수신 동의는 ‘{target.name}’ 고객의 것을 따릅니다. 병합은 되돌릴 수 없습니다.</p>
    </ConfirmDialog>
  );
}

/** 알림 내역 (NOTI-1 … NOTI-4): what the customer was told, newest first, and what is still to go. */
function CustomerNotices({ customerId }: { customerId: string }) {
  const timeZone = useCurrentMe().business.timeZone;
  const notices = useQuery({
    queryKey: keys.notices('customer', customerId),
    queryFn: () => api.get('/api/notices', { query: { customerId, limit: 20 } }).then((res) => res.items),
  });
  return (
    <section className="card" data-testid="customer-notices">
      <h2>알림 내역</h2>
      {notices.isPending && <p className="muted">불러오는 중…</p>}
      {notices.isError && <p className="form-error">{errorMessage(notices.error)}</p>}
      {notices.data?.length === 0 && <p className="muted">보낸 알림이 없습니다.</p>}
      {notices.data && notices.data.length > 0 && (
        <table className="table">
          <thead>
            <tr>
              <th>알림</th>
              <th>일시</th>
              <th>경로</th>
              <th>상태</th>
            </tr>
          </thead>
          <tbody>
            {notices.data.map((notice: Notice) => (
              <tr key={notice.id} data-testid="customer-notice-row">
                <td>{notice.eventLabel}</td>
                <td className="nowrap">
                  {notice.sentAt ? '' : notice.status === 'pending' ? '예정 ' : ''}
                  {formatDateTime(notice.sentAt ?? notice.sendAt, timeZone)}
                </td>
                <td>{notice.channelLabel ?? '-'}</td>
                <td>
                  {notice.statusLabel}
                  {notice.statusReason && (notice.status === 'failed' || notice.status === 'cancelled') && <span className="muted"> · {notice.statusReason}</span>}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

/** 동의 이력 (LAW-2): every grant and withdrawal, when, where from and by whom, newest first. */
function CustomerConsents({ customerId }: { customerId: string }) {
  const timeZone = useCurrentMe().business.timeZone;
  const consents = useQuery({
    queryKey: keys.customer.consents(customerId),
    queryFn: () => api.get('/api/customers/{id}/consents', { path: { id: customerId } }).then((res) => res.items),
  });
  return (
    <section className="card" data-testid="customer-consents">
      <h2>동의 이력</h2>
      {consents.isPending && <p className="muted">불러오는 중…</p>}
      {consents.isError && <p className="form-error">{errorMessage(consents.error)}</p>}
      {consents.data?.length === 0 && <p className="muted">기록된 동의가 없습니다.</p>}
      {consents.data && consents.data.length > 0 && (
        <table className="table">
          <thead>
            <tr>
              <th>일시</th>
              <th>항목</th>
              <th>내용</th>
              <th>경로</th>
            </tr>
          </thead>
          <tbody>
            {consents.data.map((event: ConsentEvent) => (
              <tr key={event.id} data-testid="customer-consent-row">
                <td className="nowrap">{formatDateTime(event.createdAt, timeZone)}</td>
                <td>{event.kindLabel}</td>
                <td>
                  <span className={`badge ${event.granted ? 'badge-green' : 'badge-grey'}`}>{event.grantedLabel}</span>
                </td>
                <td>
                  {event.sourceLabel}
                  {event.actorName && <span className="muted"> · {event.actorName}</span>}
                  {event.detail && <div className="muted">{event.detail}</div>}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

/**
 * 개인정보 (LAW-4): 내려받기 (고객 조회 + 전체 전화번호 보기: the file holds full
 * numbers) and 삭제(익명화) (관리자), which says what it clears and keeps.
 */
function CustomerPrivacy({ customer }: { customer: Customer }) {
  const me = useCurrentMe();
  const canExport = hasPermission(me, 'customers.view') && hasPermission(me, 'customers.phone_full');
  const canErase = me.user.role === 'admin' && !customer.anonymisedAt;
  const [erasing, setErasing] = useState(false);
  if (!canExport && !canErase) return null;
  return (
    <section className="card" data-testid="customer-privacy">
      <h2>개인정보</h2>
      <p className="muted">고객이 자신의 정보를 요청하면 내려받아 전달하고, 삭제를 요청하면 익명화합니다 (개인정보 보호법 제35조, 제36조).</p>
      <div className="form-actions">
        {canExport && (
          <a className="btn" href={`/api/customers/${customer.id}/export`} download data-testid="customer-export">
            개인정보 내려받기
          </a>
        )}
        {canErase && (
          <button type="button" className="btn btn-danger" onClick={() => setErasing(true)} data-testid="customer-anonymise">
            개인정보 삭제(익명화)
          </button>
        )}
      </div>
      {erasing && <AnonymiseDialog customer={customer} onClose={() => setErasing(false)} />}
    </section>
  );
}

function AnonymiseDialog({ customer, onClose }: { customer: Customer; onClose: () => void }) {
  const queryClient = useQueryClient();
  const toast = useToast();
  const [reason, setReason] = useState('');
  const [reasonError, setReasonError] = useState<string | null>(null);
  const anonymise = useMutation({
    mutationFn: () => api.post('/api/customers/{id}/anonymise', { path: { id: customer.id }, body: { reason: reason.trim() } }),
    onSuccess: (updated) => {
      queryClient.setQueryData(keys.customer.one(customer.id), updated);
      queryClient.invalidateQueries({ queryKey: keys.customers.all });
      queryClient.invalidateQueries({ queryKey: keys.customer.consents(customer.id) });
      queryClient.invalidateQueries({ queryKey: keys.customer.schedules(customer.id) });
      queryClient.invalidateQueries({ queryKey: keys.notices('customer', customer.id) });
      queryClient.invalidateQueries({ queryKey: keys.schedule.all });
      toast('고객의 개인정보를 삭제했습니다.', 'success');
      onClose();
    },
  });

  function confirm() {
    if (!reason.trim()) return setReasonError('삭제 사유를 입력해 주세요.');
    setReasonError(null);
    anonymise.mutate();
  }

  return (
    <ConfirmDialog
      title="개인정보 삭제(익명화)"
      confirmLabel="삭제"
      danger
      busy={anonymise.isPending}
      error={anonymise.isError ? errorMessage(anonymise.error) : null}
      onCancel={onClose}
      onConfirm={confirm}
    >
      <p>
        <strong>‘{customer.name}’</strong> 고객의 개인정보를 지웁니다. 되돌릴 수 없습니다.
      </p>
      <p className="strong">지우는 것</p>
      <ul>
        {ERASURE_CLEARS.map((line) => (
          <li key={line}>{line}</li>
        ))}
      </ul>
      <p className="strong">남기는 것</p>
      <ul>
        {ERASURE_KEEPS.map((line) => (
          <li key={line}>{line}</li>
        ))}
      </ul>
      <p className="muted">예정된 일정이나 예약이 있으면 먼저 취소하거나 완료해 주세요. 필요하면 삭제 전에 개인정보를 내려받아 고객에게 전달하세요.</p>
      <label className="field">
        <span>삭제 사유 (필수)</span>
        <textarea rows={2} maxLength={500} value={reason} onChange={(event) => setReason(event.target.value)} placeholder="예: 고객 본인이 전화로 삭제 요청" data-testid="anonymise-reason" />
      </label>
      {reasonError && <p className="form-error">{reasonError}</p>}
    </ConfirmDialog>
  );
}
