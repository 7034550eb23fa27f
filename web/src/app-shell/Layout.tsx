import { useEffect, useRef, useState } from 'react';
import { NavLink, Outlet, useLocation, useNavigate } from 'react-router-dom';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../api/client';
import { canManageSettings, canUsePartnerCenter, hasPermission, useCurrentMe } from '../features/auth/auth';
import { useScheduleParam } from '../features/calendar/useScheduleParam';
import { NotificationBell } from '../features/notifications/NotificationBell';
import { SchedulePanel } from '../features/calendar/SchedulePanel';
import './shell.css';

export function Layout() {
  const me = useCurrentMe();
  const navigate = useNavigate();
  const location = useLocation();
  const queryClient = useQueryClient();
  const { scheduleId, closeSchedule } = useScheduleParam();
  // OPS-7: on a phone the sections, the user's name and 로그아웃 fold into one menu beside the bell.
  const [menuOpen, setMenuOpen] = useState(false);
  const menuRef = useRef<HTMLDivElement>(null);

  const logout = useMutation({
    mutationFn: () => api.post('/api/auth/logout'),
    onSettled: () => {
      queryClient.clear();
      navigate('/login', { replace: true });
    },
  });

  // A section chosen in the menu closes it.
  useEffect(() => setMenuOpen(false), [location.pathname]);

  useEffect(() => {
    if (!menuOpen) return;
    const onDown = (event: MouseEvent) => {
      if (!menuRef.current?.contains(event.target as Node)) setMenuOpen(false);
    };
    const onKey = (event: KeyboardEvent) => event.key === 'Escape' && setMenuOpen(false);
    document.addEventListener('mousedown', onDown);
    document.addEventListener('keydown', onKey);
    return () => {
      document.removeEventListener('mousedown', onDown);
      document.removeEventListener('keydown', onKey);
    };
  }, [menuOpen]);

  const links = (
    <>
      <NavLink to="/calendar">캘린더</NavLink>
      {hasPermission(me, 'customers.view') && <NavLink to="/customers">고객</NavLink>}
      {(hasPermission(me, 'messages.send') || hasPermission(me, 'customers.view')) && <NavLink to="/messages">메시지</NavLink>}
      {canUsePartnerCenter(me) && <NavLink to="/partner">파트너센터</NavLink>}
      {canManageSettings(me) && <NavLink to="/settings">설정</NavLink>}
    </>
  );

  return (
    <div className="app-shell">
      <header className="topbar">
        <div className="topbar-brand">
          <span className="brand-mark">예약</span>
          <span className="brand-business" title={me.business.name}>
            {me.business.name}
          </span>
        </div>
        <nav className="topbar-nav" aria-label="주 메뉴">
          {links}
        </nav>
        <div className="topbar-right">
          <NotificationBell />
          <span className="topbar-user">{me.user.name}</span>
          <button type="button" className="btn btn-ghost btn-sm topbar-logout" onClick={() => logout.mutate()} disabled={logout.isPending}>
            로그아웃
          </button>
          <div className="topbar-menu" ref={menuRef}>
            <button
              type="button"
              className="icon-btn topbar-menu-button"
              aria-label="메뉴"
              aria-expanded={menuOpen}
              aria-controls="topbar-menu-panel"
              onClick={() => setMenuOpen((open) => !open)}
            >
              <span aria-hidden="true">☰</span>
            </button>
            {menuOpen && (
              <div className="topbar-menu-panel" id="topbar-menu-panel" data-testid="topbar-menu">
                <nav aria-label="메뉴">{links}</nav>
                <div className="topbar-menu-user">
                  <span className="topbar-menu-name">{me.user.name}</span>
                  <span className="muted topbar-menu-business">{me.business.name}</span>
                </div>
                <button type="button" className="btn btn-sm topbar-menu-logout" onClick={() => logout.mutate()} disabled={logout.isPending}>
                  로그아웃
                </button>
              </div>
            )}
          </div>
        </div>
      </header>
      <main className="app-main">
        <Outlet />
      </main>
      {scheduleId && <SchedulePanel key={scheduleId} scheduleId={scheduleId} onClose={closeSchedule} />}
    </div>
  );
}
