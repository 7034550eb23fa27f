import { NavLink, Outlet, useNavigate } from 'react-router-dom';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../api/client';
import { canManageSettings, canUsePartnerCenter, hasPermission, useCurrentMe } from '../features/auth/auth';
import { useScheduleParam } from '../features/calendar/useScheduleParam';
import { NotificationBell } from '../features/notifications/NotificationBell';
import { SchedulePanel } from '../features/calendar/SchedulePanel';

export function Layout() {
  const me = useCurrentMe();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const { scheduleId, closeSchedule } = useScheduleParam();

  const logout = useMutation({
    mutationFn: () => api.post('/api/auth/logout'),
    onSettled: () => {
      queryClient.clear();
      navigate('/login', { replace: true });
    },
  });

  return (
    <div className="app-shell">
      <header className="topbar">
        <div className="topbar-brand">
          <span className="brand-mark">예약</span>
          <span className="brand-business" title={me.business.name}>
            {me.business.name}
          </span>
        </div>
        <nav className="topbar-nav">
          <NavLink to="/calendar">캘린더</NavLink>
          {hasPermission(me, 'customers.view') && <NavLink to="/customers">고객</NavLink>}
          {(hasPermission(me, 'messages.send') || hasPermission(me, 'customers.view')) && <NavLink to="/messages">메시지</NavLink>}
          {canUsePartnerCenter(me) && <NavLink to="/partner">파트너센터</NavLink>}
          {canManageSettings(me) && <NavLink to="/settings">설정</NavLink>}
        </nav>
        <div className="topbar-right">
          <NotificationBell />
          <span className="topbar-user">{me.user.name}</span>
          <button type="button" className="btn btn-ghost btn-sm" onClick={() => logout.mutate()} disabled={logout.isPending}>
            로그아웃
          </button>
        </div>
      </header>
      <main className="app-main">
        <Outlet />
      </main>
      {scheduleId && <SchedulePanel key={scheduleId} scheduleId={scheduleId} onClose={closeSchedule} />}
    </div>
  );
}
