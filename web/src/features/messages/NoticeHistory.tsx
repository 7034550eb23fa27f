import { useQuery } from '@tanstack/react-query';
import { api, errorMessage } from '../../api/client';
import { keys } from '../../api/keys';
import type { Notice } from '../../api/models';
import { formatDateTime } from '../../../../src/shared/format';
import { useCurrentMe } from '../auth/auth';

const STATUS_BADGES: Record<Notice['status'], string> = {
  pending: 'badge badge-grey',
  sending: 'badge badge-amber',
  accepted: 'badge badge-amber',
  sent: 'badge badge-amber',
  delivered: 'badge badge-green',
  failed: 'badge badge-red',
  cancelled: 'badge badge-grey',
};

/** One notice as a line: what, when, by which channel, and how it ended (with Solapi's reason when it failed or was not sent). */
export function NoticeLine({ notice, showRecipient = false }: { notice: Notice; showRecipient?: boolean }) {
  const zone = useCurrentMe().business.timeZone;
  const when = notice.sentAt ?? notice.sendAt;
  return (
    <li data-testid="notice-line">
      <strong>{notice.eventLabel}</strong>
      {showRecipient && (
        <span>
          {notice.name} · {notice.phone}
        </span>
      )}
      <span className={STATUS_BADGES[notice.status]}>{notice.statusLabel}</span>
      {notice.channelLabel && <span className="muted small">{notice.channelLabel}</span>}
      <span className="muted small">
        {notice.sentAt ? '' : notice.status === 'pending' ? '예정 ' : ''}
        {formatDateTime(when, zone)}
      </span>
      {notice.statusReason && (notice.status === 'failed' || notice.status === 'cancelled') && <span className="muted small">· {notice.statusReason}</span>}
    </li>
  );
}

/** 알림 내역 of a schedule (NOTI-1 … NOTI-3): what the customer was told about it, and what is still to go. */
export function ScheduleNoticeHistory({ scheduleId }: { scheduleId: string }) {
  const notices = useQuery({ queryKey: keys.notices('schedule', scheduleId), queryFn: () => api.get('/api/notices', { query: { scheduleId, limit: 20 } }).then((res) => res.items) });
  if (notices.isError) return <p className="form-error">{errorMessage(notices.error)}</p>;
  if (!notices.data) return null;
  return (
    <section className="drawer-section" data-testid="schedule-notices">
      <h3>고객 알림</h3>
      {notices.data.length === 0 ? (
        <p className="muted">보낸 알림이 없습니다.</p>
      ) : (
        <ul className="notice-history">
          {notices.data.map((notice) => (
            <NoticeLine key={notice.id} notice={notice} />
          ))}
        </ul>
      )}
    </section>
  );
}
