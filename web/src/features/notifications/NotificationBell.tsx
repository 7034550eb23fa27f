import { useEffect, useRef, useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, errorMessage } from '../../api/client';
import { keys } from '../../api/keys';
import { useCurrentMe } from '../auth/auth';
import { formatFriendlyDateTime } from '../../../../src/shared/format';
import { dateKeyOf } from '../../../../src/shared/time';
import type { Notification, NotificationList } from '../../api/models';
import { useToast } from '../../ui/Toast';


export function NotificationBell() {
  const me = useCurrentMe();
  const timeZone = me.business.timeZone;
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const toast = useToast();
  const [open, setOpen] = useState(false);
  const rootRef = useRef<HTMLDivElement>(null);

  const notifications = useQuery({
    queryKey: keys.notifications,
    queryFn: () => api.get('/api/notifications'),
  });

  useEffect(() => {
    const source = new EventSource('/api/notifications/stream', { withCredentials: true });
    const onNotification = (event: MessageEvent<string>) => {
      try {
        const data = JSON.parse(event.data) as { notification: Notification; unread: number };
        queryClient.setQueryData<NotificationList>(keys.notifications, (old) =>
          old ? { items: [data.notification, ...old.items.filter((n) => n.id !== data.notification.id)], unread: data.unread } : old,
        );
        toast(data.notification.title, 'info');
      } catch {
        // A malformed event still means something changed; the refetch below picks it up.
      }
      queryClient.invalidateQueries({ queryKey: keys.notifications });
      // New channel bookings show up in the calendar without a reload.
      queryClient.invalidateQueries({ queryKey: keys.calendar.all });
    };
    // Sent on every (re)connect: anything missed while disconnected is picked up here.
    const onReady = () => queryClient.invalidateQueries({ queryKey: keys.notifications });
    source.addEventListener('notification', onNotification as EventListener);
    source.addEventListener('ready', onReady);
    return () => {
      source.removeEventListener('notification', onNotification as EventListener);
      source.removeEventListener('ready', onReady);
      source.close();
    };
  }, [queryClient, toast]);

  useEffect(() => {
    if (!open) return;
    // Opening the bell always shows the newest list, even if a push was missed (a stream that had not connected yet).
    queryClient.invalidateQueries({ queryKey: keys.notifications });
    const onPointerDown = (event: PointerEvent) => {
      if (rootRef.current && !rootRef.current.contains(event.target as Node)) setOpen(false);
    };
    document.addEventListener('pointerdown', onPointerDown);
    return () => document.removeEventListener('pointerdown', onPointerDown);
  }, [open, queryClient]);

  const markRead = useMutation({
    mutationFn: (id: string) => api.post('/api/notifications/{id}/read', { path: { id } }),
    onSettled: () => queryClient.invalidateQueries({ queryKey: keys.notifications }),
  });

  const markAllRead = useMutation({
    mutationFn: () => api.post('/api/notifications/read-all'),
    onError: (error) => toast(errorMessage(error), 'error'),
    onSettled: () => queryClient.invalidateQueries({ queryKey: keys.notifications }),
  });

  async function openNotification(notification: Notification) {
    setOpen(false);
    if (!notification.readAt) markRead.mutate(notification.id);
    if (!notification.scheduleId) return;
    try {
      const schedule = await queryClient.fetchQuery({
        queryKey: keys.schedule.one(notification.scheduleId),
        queryFn: () => api.get('/api/schedules/{id}', { path: { id: notification.scheduleId! } }),
      });
      navigate(`/calendar?date=${dateKeyOf(schedule.startsAt, timeZone)}&schedule=${schedule.id}`);
    } catch (error) {
      toast(errorMessage(error), 'error');
    }
  }

  const unread = notifications.data?.unread ?? 0;
  const items = notifications.data?.items ?? [];

  return (
    <div className="bell" ref={rootRef}>
      <button
        type="button"
        className="icon-btn bell-button"
        aria-label={unread > 0 ? `알림 ${unread}개 읽지 않음` : '알림'}
        onClick={() => setOpen((value) => !value)}
      >
        <BellIcon />
        {unread > 0 && (
          <span className="bell-badge" data-testid="unread-badge">
            {unread > 99 ? '99+' : unread}
          </span>
        )}
      </button>
      {open && (
        <div className="bell-dropdown">
          <div className="bell-header">
            <strong>알림</strong>
            <button type="button" className="link-btn" onClick={() => markAllRead.mutate()} disabled={unread === 0 || markAllRead.isPending}>
              모두 읽음
            </button>
          </div>
          {notifications.isError && <p className="bell-empty">{errorMessage(notifications.error)}</p>}
          {notifications.isSuccess && items.length === 0 && <p className="bell-empty">새 알림이 없습니다.</p>}
          <ul className="bell-list">
            {items.map((notification) => (
              <li key={notification.id}>
                <button
                  type="button"
                  className={`bell-item${notification.readAt ? '' : ' unread'}`}
                  onClick={() => openNotification(notification)}
                >
                  <span className="bell-item-title">{notification.title}</span>
                  {notification.body && <span className="bell-item-body">{notification.body}</span>}
                  <span className="bell-item-time">{formatFriendlyDateTime(notification.createdAt, timeZone)}</span>
                </button>
              </li>
            ))}
          </ul>
        </div>
      )}
    </div>
  );
}

/** Drawn rather than the 🔔 emoji, which shows as an empty box where no emoji font is installed. */
function BellIcon() {
  return (
    <svg width="20" height="20" viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" strokeLinejoin="round" aria-hidden="true">
      <path d="M6 8a6 6 0 0 1 12 0c0 7 3 9 3 9H3s3-2 3-9" />
      <path d="M10.3 21a1.94 1.94 0 0 0 3.4 0" />
    </svg>
  );
}
