import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, errorMessage } from '../../api/client';
import { keys } from '../../api/keys';
import { Pagination } from '../../ui/Pagination';
import { hasPermission, useCurrentMe } from '../auth/auth';
import { ConfirmDialog } from '../../ui/ConfirmDialog';
import { useToast } from '../../ui/Toast';
import { formatDate, formatDateTime, formatFriendlyDateTime, formatPhone } from '../../../../src/shared/format';
import { RECIPIENT_STATUSES, RECIPIENT_STATUS_LABELS, periodLabel } from './labels';
import { MessageStatusBadge, RecipientStatusBadge, isDue } from './MessageStatusBadge';
import { useMessage } from './messagesApi';
import { ReportChart } from './ReportChart';
import { addDays, dateKeyOf } from '../../../../src/shared/time';
import type { Message, MessageReport, RecipientStatus } from '../../api/models';
import { AudienceCounts } from './compose/AudienceSummary';

const LIVE_MS = 3_000;
const PAGE_SIZE = 50;

/** Deliveries still on their way: the page polls until every recipient has a final status. */
function isLive(message: Message | undefined): boolean {
  if (!message) return false;
  if (message.status === 'sending' || isDue(message)) return true;
  return message.status === 'sent' && message.counts.pending + message.counts.accepted + message.counts.sent > 0;
}

export function MessageDetailPage() {
  const { id = '' } = useParams();
  const me = useCurrentMe();
  const timeZone = me.business.timeZone;
  const message = useMessage(id, (data) => (isLive(data) ? LIVE_MS : data?.status === 'scheduled' || data?.status === 'waiting' ? 30_000 : false));
  const m = message.data;

  return (
    <div className="msg-detail">
      <Link to="/messages" className="back-link">
        ← 문자 / 알림톡
      </Link>
      {message.isPending && <p className="muted">불러오는 중…</p>}
      {message.isError && <p className="form-error">{errorMessage(message.error)}</p>}
      {m && (
        <>
          <div className="page-header">
            <div>
              <h1>{m.title}</h1>
              <p className="muted">
                {m.channelLabel} · {m.couponLabel} · 유효 기간 {m.validityLabel} · {m.audienceLabel}
              </p>
            </div>
            <MessageStatusBadge message={m} />
          </div>
          <MessageHeader message={m} />
          {(m.status === 'scheduled' || m.status === 'waiting') && !isDue(m) && <ScheduledAudience message={m} />}
          {m.status !== 'scheduled' && m.status !== 'waiting' && m.status !== 'cancelled' && (
          <div className="msg-count-cards" data-testid="recipient-counts">
            <CountCard label="발송 대상" value={m.recipientCount} />
            {RECIPIENT_STATUSES.map((status) => (
              <CountCard key={status} label={RECIPIENT_STATUS_LABELS[status]} value={m.counts[status] ?? 0} status={status} />
            ))}
            <CountCard label="쿠폰 사용" value={m.couponsRedeemed} />
          </div>
          )}
          {isLive(m) && <p className="muted msg-small msg-live">● 발송 결과를 받는 중이에요. 몇 초마다 자동으로 새로고침돼요.</p>}
          {(m.status === 'sent' || m.status === 'sending' || m.status === 'failed') && <Report message={m} timeZone={timeZone} />}
          {m.status !== 'scheduled' && m.status !== 'waiting' && m.status !== 'cancelled' && <Recipients message={m} live={isLive(m)} timeZone={timeZone} />}
        </>
      )}
    </div>
  );
}

function MessageHeader({ message }: { message: Message }) {
  const me = useCurrentMe();
  const timeZone = me.business.timeZone;
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const toast = useToast();
  const [confirming, setConfirming] = useState(false);
  const canSend = hasPermission(me, 'messages.send');
  const pending = message.status === 'scheduled' || message.status === 'waiting';
  const cancel = useMutation({
    mutationFn: () => api.post('/api/messages/{id}/cancel', { path: { id: message.id } }),
    onSuccess: (updated) => {
      if (updated?.id) queryClient.setQueryData(keys.messages.one(message.id), updated);
      queryClient.invalidateQueries({ queryKey: keys.messages.all });
      toast('예약을 취소했습니다.', 'success');
      setConfirming(false);
    },
  });

  return (
    <section className="card msg-info">
      <dl className="msg-dl msg-dl-wide">
        <dt>{pending ? '발송 예정' : '발송 요청'}</dt>
        <dd className="strong">{formatFriendlyDateTime(message.sendAt, timeZone)}</dd>
        {message.startedAt && (
          <>
            <dt>발송 시작</dt>
            <dd>{formatDateTime(message.startedAt, timeZone)}</dd>
          </>
        )}
        {message.finishedAt && (
          <>
            <dt>발송 완료</dt>
            <dd>{formatDateTime(message.finishedAt, timeZone)}</dd>
          </>
        )}
        {!pending && (
          <>
            <dt>제외</dt>
            <dd>{message.excludedCount.toLocaleString('ko-KR')}명 (마케팅 수신 미동의·수신거부 등)</dd>
          </>
        )}
        <dt>메시지 성과</dt>
        <dd>{periodLabel(message.settings?.performance)}</dd>
        {message.statusReason && (
          <>
            <dt>사유</dt>
            <dd>{message.statusReason}</dd>
          </>
        )}
      </dl>
      <details className="msg-body-details">
        <summary>본문 보기</summary>
        <p className="pre-wrap">{message.body}</p>
      </details>
      {pending && canSend && (
        <div className="row-actions">
          <button type="button" className="btn btn-danger" onClick={() => setConfirming(true)}>
            예약 취소
          </button>
          <button type="button" className="btn btn-primary" disabled={!message.editable} onClick={() => navigate(`/messages/${message.id}/edit`)}>
            ✎ 수정
          </button>
        </div>
      )}
      {confirming && (
        <ConfirmDialog
          title="예약 취소"
          confirmLabel="예약 취소"
          cancelLabel="닫기"
          danger
          busy={cancel.isPending}
          error={cancel.isError ? errorMessage(cancel.error) : null}
          onConfirm={() => cancel.mutate()}
          onCancel={() => setConfirming(false)}
        >
          <p>이 메시지의 예약을 취소할까요? 취소한 메시지는 발송되지 않아요.</p>
        </ConfirmDialog>
      )}
    </section>
  );
}

/** Before sending, who would receive it now (recipients are fixed when sending starts). */
function ScheduledAudience({ message }: { message: Message }) {
  const answer = useQuery({
    queryKey: keys.messages.audience(message.id, message.version),
    queryFn: () => api.post('/api/messages/audience', { body: { audience: message.audience, settings: message.settings } }),
  });
  return (
    <section className="card">
      <h2>예상 발송 대상</h2>
      <p className="muted msg-small">지금 기준으로 계산한 인원이에요. 받는 사람은 발송을 시작할 때 확정돼요.</p>
      <AudienceCounts answer={answer.data} error={answer.isError ? errorMessage(answer.error) : null} loading={answer.isFetching} />
    </section>
  );
}

function CountCard({ label, value, status }: { label: string; value: number; status?: RecipientStatus }) {
  return (
    <div className={`msg-count${status && value > 0 ? ` msg-count-${status}` : ''}`} data-testid={status ? `count-${status}` : undefined}>
      <span className="msg-count-label">{label}</span>
      <strong>{value.toLocaleString('ko-KR')}</strong>
    </div>
  );
}

/** Every day of the period, so quiet days show as empty bars rather than vanish. */
function fillDays(report: MessageReport, timeZone: string): MessageReport['daily'] {
  if (!report.period) return report.daily;
  const byDate = new Map(report.daily.map((d) => [d.date, d]));
  const first = dateKeyOf(report.period.from, timeZone);
  const last = dateKeyOf(new Date(new Date(report.period.to).getTime() - 1), timeZone);
  const days: MessageReport['daily'] = [];
  for (let day = first; day <= last && days.length < 120; day = addDays(day, 1)) days.push(byDate.get(day) ?? { date: day, visits: 0, coupons: 0 });
  return days.length > 0 ? days : report.daily;
}

function Report({ message, timeZone }: { message: Message; timeZone: string }) {
  const live = isLive(message);
  const report = useQuery({
    queryKey: keys.messages.report(message.id, message.counts.delivered, message.counts.failed, message.couponsRedeemed),
    queryFn: () => api.get('/api/messages/{id}/report', { path: { id: message.id } }),
    placeholderData: keepPreviousData,
    refetchInterval: live ? LIVE_MS * 2 : 60_000,
  });
  const r = report.data;

  return (
    <section className="card msg-report" data-testid="message-report">
      <div className="card-header">
        <h2>성과 리포트</h2>
        {r?.period && (
          <span className="muted msg-small">
            집계 기간 {formatDate(r.period.from, timeZone)} ~ {formatDate(new Date(new Date(r.period.to).getTime() - 1).toISOString(), timeZone)}
            {r.period.over === false && ' (집계 중)'}
          </span>
        )}
      </div>
      {report.isError && <p className="muted">{errorMessage(report.error)}</p>}
      {r && (
        <>
          <div className="msg-report-figures">
            <Figure label="수신 완료" value={r.delivered} unit="명" />
            <Figure label="실패" value={r.failed} unit="명" />
            <Figure label="방문" value={r.visited} unit="명" note={r.delivered > 0 ? `${Math.round((r.visited / r.delivered) * 100)}%` : undefined} />
            <Figure label="쿠폰 사용" value={r.couponsUsed} unit="장" note={r.delivered > 0 ? `${Math.round((r.couponsUsed / r.delivered) * 100)}%` : undefined} />
          </div>
          {r.measured === false && <p className="muted msg-small">메시지 성과 설정을 하지 않아 발송 후 7일 동안의 방문으로 집계해요.</p>}
          <ReportChart daily={fillDays(r, timeZone)} />
        </>
      )}
    </section>
  );
}

function Figure({ label, value, unit, note }: { label: string; value: number; unit: string; note?: string }) {
  return (
    <div className="msg-figure" data-testid={`report-${label}`}>
      <span className="muted">{label}</span>
      <span>
        <strong>{value.toLocaleString('ko-KR')}</strong>
        {unit}
        {note && <span className="muted msg-small"> ({note})</span>}
      </span>
    </div>
  );
}

function Recipients({ message, live, timeZone }: { message: Message; live: boolean; timeZone: string }) {
  const [status, setStatus] = useState<RecipientStatus | ''>('');
  const [page, setPage] = useState(0);
  // Keyed on the counts too: a delivery report that moves a count also refreshes the rows.
  const countsKey = RECIPIENT_STATUSES.map((s) => message.counts[s] ?? 0).join(':') + `:${message.couponsRedeemed}`;
  const recipients = useQuery({
    queryKey: keys.messages.recipients(message.id, status, page, countsKey),
    queryFn: () =>
      api.get('/api/messages/{id}/recipients', { path: { id: message.id }, query: { status: status || undefined, limit: PAGE_SIZE, offset: page * PAGE_SIZE } }),
    placeholderData: keepPreviousData,
    refetchInterval: live ? LIVE_MS : false,
  });
  const items = recipients.data?.items ?? [];
  const total = recipients.data?.total;
  const hasNext = total !== undefined ? (page + 1) * PAGE_SIZE < total : items.length === PAGE_SIZE;

  return (
    <section className="card msg-recipients">
      <div className="card-header">
        <h2>받는 사람</h2>
        <div className="segmented" role="radiogroup" aria-label="수신 상태">
          {(['', ...RECIPIENT_STATUSES] as const).map((s) => (
            <button
              key={s || 'all'}
              type="button"
              role="radio"
              aria-checked={status === s}
              className={status === s ? 'active' : undefined}
              onClick={() => {
                setStatus(s);
                setPage(0);
              }}
            >
              {s ? RECIPIENT_STATUS_LABELS[s] : '전체'}
              {s && <span className="msg-seg-count">{(message.counts[s] ?? 0).toLocaleString('ko-KR')}</span>}
            </button>
          ))}
        </div>
      </div>
      {recipients.isError && <p className="form-error">{errorMessage(recipients.error)}</p>}
      <table className="table msg-table">
        <thead>
          <tr>
            <th>이름</th>
            <th>전화번호</th>
            <th>상태</th>
            <th>쿠폰 코드</th>
            <th>사용 여부</th>
          </tr>
        </thead>
        <tbody>
          {items.map((recipient) => (
            <tr key={recipient.id} data-testid="recipient-row">
              <td>
                {recipient.customerId ? (
                  <Link to={`/customers/${recipient.customerId}`} className="strong">
                    {recipient.name}
                  </Link>
                ) : (
                  <span className="strong">{recipient.name}</span>
                )}
              </td>
              <td className="nowrap">{formatPhone(recipient.phone)}</td>
              <td>
                <RecipientStatusBadge status={recipient.status} label={recipient.statusLabel} />
                {recipient.statusReason && <span className="block muted msg-small">{recipient.statusReason}</span>}
                {recipient.fallback && (
                  <span className="block msg-small" data-testid="recipient-fallback">
                    {recipient.fallback.channelLabel}로 대신 보냄 · {recipient.fallback.statusLabel}
                  </span>
                )}
              </td>
              <td className="nowrap">
                <code className="msg-code">{recipient.couponCode}</code>
                <span className="block muted msg-small">{formatDate(new Date(Date.parse(recipient.couponExpiresAt) - 1).toISOString(), timeZone)}까지</span>
              </td>
              <td className="nowrap">
                {recipient.couponRedeemedAt ? (
                  <span className="badge badge-green" title={formatDateTime(recipient.couponRedeemedAt, timeZone)}>
                    사용 {formatDate(recipient.couponRedeemedAt, timeZone)}
                  </span>
                ) : (
                  <span className="muted">미사용</span>
                )}
              </td>
            </tr>
          ))}
          {recipients.data && items.length === 0 && (
            <tr>
              <td colSpan={5} className="center muted">
                {status ? `${RECIPIENT_STATUS_LABELS[status]} 상태인 받는 사람이 없어요.` : '받는 사람이 없어요.'}
              </td>
            </tr>
          )}
        </tbody>
      </table>
      <Pagination page={page} onPage={setPage} hasNext={hasNext} />
    </section>
  );
}
