import { useState, type FormEvent } from 'react';
import { useSearchParams } from 'react-router-dom';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, errorMessage } from '../../api/client';
import { keys } from '../../api/keys';
import { Pagination } from '../../ui/Pagination';
import { hasPermission, useCurrentMe } from '../auth/auth';
import { useToast } from '../../ui/Toast';
import { formatDateTime, formatPhone } from '../../../../src/shared/format';
import type { Inquiry } from '../../api/models';

type InquiryFilter = 'unanswered' | 'all';

const PAGE_SIZE = 30;

/** 고객문의 (BOOK-11): questions left on the booking page, unanswered ones first. */
export function InquiriesPage() {
  const [searchParams, setSearchParams] = useSearchParams();
  const filter: InquiryFilter = searchParams.get('status') === 'all' ? 'all' : 'unanswered';
  const page = Math.max(0, Number(searchParams.get('page') ?? 0) || 0);

  // The server lists unanswered inquiries first, newest first within each group.
  const inquiries = useQuery({
    queryKey: keys.partner.inquiries(filter, page),
    queryFn: () => api.get('/api/inquiries', { query: { status: filter, limit: PAGE_SIZE, offset: page * PAGE_SIZE } }),
    placeholderData: keepPreviousData,
  });

  const items = inquiries.data?.items ?? [];
  const unanswered = inquiries.data?.unansweredCount;
  const hasNext = items.length === PAGE_SIZE;
  const setPage = (next: number) => setSearchParams(next > 0 ? { status: filter, page: String(next) } : { status: filter });

  return (
    <div className="partner-inquiries">
      <div className="page-header">
        <h1>고객문의</h1>
      </div>
      <div className="toolbar">
        <div className="segmented" role="group" aria-label="문의 보기">
          <button type="button" className={filter === 'unanswered' ? 'active' : ''} onClick={() => setSearchParams({ status: 'unanswered' })}>
            미답변
          </button>
          <button type="button" className={filter === 'all' ? 'active' : ''} onClick={() => setSearchParams({ status: 'all' })}>
            전체
          </button>
        </div>
        {unanswered !== undefined && (
          <span className="muted" data-testid="inquiries-unanswered-count">
            미답변 {unanswered.toLocaleString('ko-KR')}건
          </span>
        )}
      </div>

      {inquiries.isError && <p className="form-error">{errorMessage(inquiries.error)}</p>}
      {inquiries.isPending && <p className="muted">불러오는 중…</p>}
      {inquiries.data && items.length === 0 && (
        <div className="empty-state" data-testid="inquiries-empty">
          {filter === 'unanswered' ? '답변을 기다리는 문의가 없습니다.' : '받은 고객문의가 없습니다. 예약페이지에서 남긴 문의가 여기에 표시됩니다.'}
        </div>
      )}
      <ul className="inquiry-list">
        {items.map((inquiry) => (
          <InquiryItem key={inquiry.id} inquiry={inquiry} />
        ))}
      </ul>
      <Pagination page={page} onPage={setPage} hasNext={hasNext} />
    </div>
  );
}

function InquiryItem({ inquiry }: { inquiry: Inquiry }) {
  const me = useCurrentMe();
  const timeZone = me.business.timeZone;
  const canReply = hasPermission(me, 'bookings.manage');
  const answered = inquiry.reply !== null;
  const about = [inquiry.place?.name, inquiry.product?.name].filter(Boolean).join(' · ');

  return (
    <li className={`inquiry card${answered ? ' answered' : ''}`} data-testid="inquiry" data-answered={answered}>
      <div className="inquiry-head">
        <span className={`badge ${answered ? 'badge-green' : 'badge-amber'}`}>{answered ? '답변완료' : '미답변'}</span>
        <span className="strong">{inquiry.authorName}</span>
        <span className="muted">{formatPhone(inquiry.authorPhone)}</span>
        {about && <span className="inquiry-about">{about}</span>}
        <span className="inquiry-time muted">{formatDateTime(inquiry.createdAt, timeZone)}</span>
      </div>
      <p className="inquiry-body pre-wrap">{inquiry.body}</p>
      {answered ? (
        <div className="inquiry-reply" data-testid="inquiry-reply">
          <div className="inquiry-reply-head">
            <span className="strong">답변</span>
            <span className="muted">
              {inquiry.repliedAt ? formatDateTime(inquiry.repliedAt, timeZone) : ''}
              {inquiry.repliedByName ? ` · ${inquiry.repliedByName}` : ''}
            </span>
          </div>
          <p className="pre-wrap">{inquiry.reply}</p>
        </div>
      ) : (
        canReply && <ReplyForm inquiry={inquiry} />
      )}
    </li>
  );
}

function ReplyForm({ inquiry }: { inquiry: Inquiry }) {
  const queryClient = useQueryClient();
  const toast = useToast();
  const [body, setBody] = useState('');
  const [error, setError] = useState<string | null>(null);

  const reply = useMutation({
    mutationFn: () => api.post('/api/inquiries/{id}/reply', { path: { id: inquiry.id }, body: { body: body.trim() } }),
    onSuccess: () => {
      toast('답변을 등록했습니다.', 'success');
      queryClient.invalidateQueries({ queryKey: keys.partner.inquiriesAll });
      queryClient.invalidateQueries({ queryKey: keys.partner.summary });
    },
    onError: (err) => {
      setError(errorMessage(err));
      toast(errorMessage(err), 'error');
    },
  });

  function submit(event: FormEvent) {
    event.preventDefault();
    setError(null);
    if (!body.trim()) return setError('답변 내용을 입력하세요.');
    reply.mutate();
  }

  return (
    <form className="inquiry-reply-form" onSubmit={submit}>
      <textarea
        rows={3}
        value={body}
        onChange={(event) => {
          setBody(event.target.value);
          // The message was about what was there; once it changes, it no longer holds.
          setError(null);
        }}
        placeholder="고객에게 보낼 답변을 입력하세요"
        aria-label={`${inquiry.authorName} 님 문의에 답변`}
        maxLength={2000}
      />
      {error && <p className="form-error">{error}</p>}
      <div className="form-actions">
        <button type="submit" className="btn btn-primary btn-sm" disabled={reply.isPending}>
          답변 등록
        </button>
      </div>
    </form>
  );
}
