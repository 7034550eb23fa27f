import { useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, errorMessage } from '../../api/client';
import { hasPermission, useCurrentMe } from '../auth/auth';
import { ConfirmDialog } from '../../ui/ConfirmDialog';
import { Modal } from '../../ui/Modal';
import { useToast } from '../../ui/Toast';
import { formatDateTime, formatFriendlyDateTime } from '../../../../src/shared/format';
import { CHANNEL_LABELS, couponLabel } from './labels';
import { MessageStatusBadge, isDue } from './MessageStatusBadge';
import { listMessages, useDraft } from './messagesApi';
import { keys } from '../../api/keys';
import { Pagination } from '../../ui/Pagination';
import type { Message } from '../../api/models';
import { NoticeLine } from './NoticeHistory';

const PAGE_SIZE = 20;

/** 문자 / 알림톡 메인: the 임시 저장 draft, 새 메시지 작성 and 최근 발송 메시지. */
export function MessagesHome() {
  const me = useCurrentMe();
  const canSend = hasPermission(me, 'messages.send');
  const navigate = useNavigate();
  const [page, setPage] = useState(0);
  const [opened, setOpened] = useState<Message | null>(null);
  const messages = useQuery({
    queryKey: keys.messages.list(page),
    queryFn: () => listMessages(PAGE_SIZE, page * PAGE_SIZE),
    placeholderData: keepPreviousData,
    // Statuses move by themselves (a schedule comes due, deliveries arrive).
    refetchInterval: (query) => (query.state.data?.items.some((m) => m.status === 'sending' || isDue(m)) ? 2_000 : 15_000),
  });
  const items = messages.data?.items ?? [];
  const total = messages.data?.total;
  const hasNext = total !== undefined ? (page + 1) * PAGE_SIZE < total : items.length === PAGE_SIZE;

  function open(message: Message) {
    if ((message.status === 'scheduled' || message.status === 'waiting') && !isDue(message) && canSend) setOpened(message);
    else navigate(`/messages/${message.id}`);
  }

  return (
    <div className="msg-home">
      <div className="page-header">
        <div>
          <h1>문자 / 알림톡</h1>
          <p className="muted">단골·첫 적립 고객에게 쿠폰 메시지를 보내고, 다시 방문했는지 확인해요.</p>
        </div>
        {canSend && (
          <Link to="/messages/new" className="btn btn-primary" data-testid="new-message">
            + 새 메시지 작성
          </Link>
        )}
      </div>

      {canSend && <DraftCard />}

      <section className="card msg-recent">
        <div className="card-header">
          <h2>최근 발송 메시지</h2>
          {messages.isFetching && !messages.isPending && <span className="muted msg-small">새로고침 중…</span>}
        </div>
        {messages.isError && <p className="form-error">{errorMessage(messages.error)}</p>}
        {messages.isPending && <p className="muted">불러오는 중…</p>}
        {messages.data && items.length === 0 && page === 0 && (
          <div className="empty-state">아직 보낸 메시지가 없어요. [새 메시지 작성]으로 첫 쿠폰 메시지를 보내 보세요.</div>
        )}
        {items.length > 0 && (
          <table className="table table-clickable msg-table">
            <thead>
              <tr>
                <th>발송 요청 일시</th>
                <th>메시지</th>
                <th>발송 수단</th>
                <th>상태</th>
                <th className="num">대상</th>
                <th className="num">수신 완료 / 실패</th>
              </tr>
            </thead>
            <tbody>
              {items.map((message) => (
                <tr key={message.id} onClick={() => open(message)} data-testid="message-row" data-message-id={message.id} data-status={message.status}>
                  <td className="nowrap">
                    <button
                      type="button"
                      className="link-btn msg-sendat"
                      onClick={(event) => {
                        event.stopPropagation();
                        open(message);
                      }}
                    >
                      {formatDateTime(message.sendAt, me.business.timeZone)}
                    </button>
                  </td>
                  <td>
                    <span className="strong">{message.title}</span>
                    <span className="block muted msg-small">
                      {message.couponLabel || couponLabel(message.coupon)} · {message.audienceLabel}
                    </span>
                  </td>
                  <td className="nowrap">{message.channelLabel}</td>
                  <td className="nowrap">
                    <MessageStatusBadge message={message} />
                    {message.status === 'scheduled' && !isDue(message) && (
                      <span className="block muted msg-small" data-testid="scheduled-at">
                        {formatFriendlyDateTime(message.sendAt, me.business.timeZone)} 발송
                      </span>
                    )}
                    {message.status === 'waiting' && <span className="block muted msg-small">08:00에 발송</span>}
                  </td>
                  <td className="num nowrap">
                    {message.status === 'scheduled' || message.status === 'waiting' ? (
                      <span className="muted msg-small" title="받는 사람은 발송을 시작할 때 확정돼요.">발송 때 확정</span>
                    ) : (
                      `${message.recipientCount.toLocaleString('ko-KR')}명`
                    )}
                  </td>
                  <td className="num nowrap">
                    {message.status === 'scheduled' || message.status === 'waiting' || message.status === 'cancelled' ? (
                      <span className="muted">–</span>
                    ) : (
                      <>
                        <span className="msg-delivered">{message.counts.delivered.toLocaleString('ko-KR')}</span>
                        <span className="muted"> / </span>
                        <span className={message.counts.failed > 0 ? 'msg-failed' : 'muted'}>{message.counts.failed.toLocaleString('ko-KR')}</span>
                      </>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        <Pagination page={page} onPage={setPage} hasNext={hasNext} />
        <p className="muted msg-small msg-policy">광고 메시지는 21:00 ~ 다음 날 08:00 사이에 보낼 수 없어서, 이 시간으로는 바로 발송도 예약도 할 수 없어요. 많은 고객에게 보내는 중에 21:00가 되면 남은 고객에게는 다음 날 08:00에 이어서 보내요(대기).</p>
      </section>

      {hasPermission(me, 'customers.edit') && <CouponRedeemBox />}

      <RecentNotices />

      {opened && <ScheduledDialog message={opened} onClose={() => setOpened(null)} />}
    </div>
  );
}

function DraftCard() {
  const me = useCurrentMe();
  const queryClient = useQueryClient();
  const toast = useToast();
  const draft = useDraft();
  const [confirming, setConfirming] = useState(false);
  const remove = useMutation({
    mutationFn: () => api.delete('/api/messages/draft'),
    onSuccess: () => {
      queryClient.setQueryData(keys.messages.draft, null);
      setConfirming(false);
      toast('임시 저장한 메시지를 삭제했습니다.', 'success');
    },
  });
  if (!draft.data) return null;
  const content = draft.data.content;

  return (
    <section className="card msg-draft" data-testid="draft-card">
      <div>
        <span className="badge badge-amber">임시 저장</span>
        <h2>{content.title?.trim() || '제목 없는 메시지'}</h2>
        <p className="muted msg-small">
          {[content.channel ? CHANNEL_LABELS[content.channel] : null, couponLabel(content.coupon), draft.data.savedAt ? `${formatDateTime(draft.data.savedAt, me.business.timeZone)} 저장` : null]
            .filter(Boolean)
            .join(' · ')}
        </p>
      </div>
      <div className="row-actions">
        <button type="button" className="btn btn-danger" onClick={() => setConfirming(true)}>
          삭제
        </button>
        <Link to="/messages/new?draft=1" className="btn btn-primary">
          이어서 작성
        </Link>
      </div>
      {confirming && (
        <ConfirmDialog
          title="임시 저장 삭제"
          confirmLabel="삭제"
          danger
          busy={remove.isPending}
          error={remove.isError ? errorMessage(remove.error) : null}
          onConfirm={() => remove.mutate()}
          onCancel={() => setConfirming(false)}
        >
          <p>임시 저장한 메시지를 삭제할까요? 삭제하면 되돌릴 수 없어요.</p>
        </ConfirmDialog>
      )}
    </section>
  );
}

/** Clicking a scheduled message's time offers 예약 취소 and 수정 (seed 002). */
function ScheduledDialog({ message, onClose }: { message: Message; onClose: () => void }) {
  const me = useCurrentMe();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const toast = useToast();
  const [confirming, setConfirming] = useState(false);
  const cancel = useMutation({
    mutationFn: () => api.post('/api/messages/{id}/cancel', { path: { id: message.id } }),
    onSuccess: () => {
      queryClient.invalidateQueries({ queryKey: keys.messages.all });
      toast('예약을 취소했습니다.', 'success');
      onClose();
    },
  });

  return (
    <Modal title="예약 메시지" onClose={onClose} width={440}>
      <div className="form-grid" data-testid="scheduled-dialog">
        <dl className="msg-dl">
          <dt>발송 예정</dt>
          <dd className="strong">{formatFriendlyDateTime(message.sendAt, me.business.timeZone)}</dd>
          <dt>메시지</dt>
          <dd>{message.title}</dd>
          <dt>대상</dt>
          <dd>
            {message.audienceLabel} <span className="muted msg-small">(받는 사람은 발송을 시작할 때 확정돼요)</span>
          </dd>
          <dt>상태</dt>
          <dd>
            <MessageStatusBadge message={message} />
          </dd>
        </dl>
        {cancel.isError && <p className="form-error">{errorMessage(cancel.error)}</p>}
        <div className="form-actions msg-dialog-actions">
          <Link to={`/messages/${message.id}`} className="btn btn-ghost">
            상세 보기
          </Link>
          <button type="button" className="btn btn-danger" onClick={() => setConfirming(true)} disabled={cancel.isPending}>
            예약 취소
          </button>
          <button type="button" className="btn btn-primary" onClick={() => navigate(`/messages/${message.id}/edit`)} disabled={!message.editable}>
            ✎ 수정
          </button>
        </div>
      </div>
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
          <p>
            <strong>{message.title}</strong> 예약을 취소할까요? 취소한 메시지는 발송되지 않아요.
          </p>
        </ConfirmDialog>
      )}
    </Modal>
  );
}

/**
 * 쿠폰 사용 처리 (MSG-11): the code a customer shows at the counter, used
 * once; the same rule as the POS API (an expired or used code is refused
 * with the reason).
 */
function CouponRedeemBox() {
  const toast = useToast();
  const queryClient = useQueryClient();
  const [code, setCode] = useState('');
  const redeem = useMutation({
    mutationFn: (value: string) => api.post('/api/pos/coupons/{code}/redeem', { path: { code: value }, body: {} }),
    onSuccess: (coupon) => {
      setCode('');
      queryClient.invalidateQueries({ queryKey: keys.messages.all });
      toast(`${coupon.name}님의 쿠폰(${couponLabel(coupon.benefit as Parameters<typeof couponLabel>[0])})을 사용 처리했습니다.`, 'success');
    },
  });
  return (
    <section className="card msg-redeem" data-testid="coupon-redeem">
      <h2>쿠폰 사용 처리</h2>
      <form
        className="inline-fields"
        onSubmit={(event) => {
          event.preventDefault();
          const value = code.trim().toUpperCase();
          if (value) redeem.mutate(value);
        }}
      >
        <input aria-label="쿠폰 번호" value={code} onChange={(e) => setCode(e.target.value)} placeholder="고객이 보여 준 쿠폰 번호" autoComplete="off" spellCheck={false} />
        <button type="submit" className="btn btn-primary" disabled={redeem.isPending || code.trim() === ''}>
          {redeem.isPending ? '확인 중…' : '사용 처리'}
        </button>
      </form>
      {redeem.isError && (
        <p className="form-error" role="alert">
          {errorMessage(redeem.error)}
        </p>
      )}
      <p className="muted msg-small">쿠폰 메시지마다 받는 사람의 쿠폰 번호가 들어 있어요. 한 번 사용 처리한 쿠폰은 다시 쓸 수 없어요.</p>
    </section>
  );
}

const NOTICE_PAGE = 20;

/** 고객 알림 (NOTI-1 … NOTI-4, LAW-3): the booking notices and reminders sent one by one, newest first. */
function RecentNotices() {
  const [page, setPage] = useState(0);
  const notices = useQuery({
    queryKey: keys.notices('recent', page),
    queryFn: () => api.get('/api/notices', { query: { limit: NOTICE_PAGE, offset: page * NOTICE_PAGE } }),
    placeholderData: keepPreviousData,
    refetchInterval: 15_000,
  });
  const items = notices.data?.items ?? [];
  return (
    <section className="card msg-recent" data-testid="recent-notices">
      <div className="card-header">
        <h2>고객 알림 내역</h2>
        <Link to="/settings/notices" className="msg-small">
          알림 설정
        </Link>
      </div>
      <p className="muted msg-small">예약 접수·확정·취소, 방문 전 리마인드, 문의 답변, 수신동의 안내처럼 고객 한 명에게 자동으로 보내는 알림이에요.</p>
      {notices.isError && <p className="form-error">{errorMessage(notices.error)}</p>}
      {notices.data && items.length === 0 && page === 0 && <div className="empty-state">아직 보낸 알림이 없어요.</div>}
      {items.length > 0 && (
        <ul className="notice-history">
          {items.map((notice) => (
            <NoticeLine key={notice.id} notice={notice} showRecipient />
          ))}
        </ul>
      )}
      <Pagination page={page} onPage={setPage} hasNext={(page + 1) * NOTICE_PAGE < (notices.data?.total ?? 0)} />
    </section>
  );
}
