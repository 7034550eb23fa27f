import { useEffect } from 'react';
import { Navigate, Outlet, Route, Routes, useNavigate } from 'react-router-dom';
import { useQueryClient } from '@tanstack/react-query';
import { ApiError, errorMessage, setUnauthorizedHandler } from './api';
import { MeContext, canManageSettings, useCurrentMe, useMe } from './auth';
import { Layout } from './components/Layout';
import { LoginPage } from './pages/LoginPage';
import { SignupPage } from './pages/SignupPage';
import { CalendarPage } from './pages/CalendarPage';
import { CustomersPage } from './pages/CustomersPage';
import { CustomerDetailPage } from './pages/CustomerDetailPage';
import { SettingsPage } from './pages/settings/SettingsPage';
import { BusinessSettings } from './pages/settings/BusinessSettings';
import { DepartmentSettings } from './pages/settings/DepartmentSettings';
import { StaffSettings } from './pages/settings/StaffSettings';
import { UserSettings } from './pages/settings/UserSettings';
import { PermissionSettings } from './pages/settings/PermissionSettings';
import { MemoTypeSettings } from './pages/settings/MemoTypeSettings';
import { NaverSettings } from './pages/settings/NaverSettings';
import { BookingApp } from './booking/BookingApp';
import { PartnerApp } from './partner/PartnerApp';
import { MessagesApp } from './messages/MessagesApp';
import { OptOutPage } from './messages/OptOutPage';
import { CustomerGradeSettings } from './pages/settings/CustomerGradeSettings';
import { CustomerTagSettings } from './pages/settings/CustomerTagSettings';
import { PosKeySettings } from './pages/settings/PosKeySettings';
import { BackupSettings } from './pages/settings/BackupSettings';

const PUBLIC_PATHS = ['/login', '/signup'];
/** The booking page is public: a 401 there (never expected) must not send a customer to the shop's login. */
const isPublicPath = (path: string) =>
  PUBLIC_PATHS.includes(path) || path === '/book' || path.startsWith('/book/') || path.startsWith('/optout');

export function App() {
  const navigate = useNavigate();
  const queryClient = useQueryClient();

  useEffect(() => {
    setUnauthorizedHandler(() => {
      if (isPublicPath(window.location.pathname)) return;
      queryClient.clear();
      navigate('/login', { replace: true });
    });
  }, [navigate, queryClient]);

  return (
    <Routes>
      <Route path="/login" element={<LoginPage />} />
      <Route path="/signup" element={<SignupPage />} />
      <Route path="/book/*" element={<BookingApp />} />
      <Route path="/optout/:token" element={<OptOutPage />} />
      <Route element={<RequireAuth />}>
        <Route path="/calendar" element={<CalendarPage />} />
        <Route path="/customers" element={<CustomersPage />} />
        <Route path="/customers/:id" element={<CustomerDetailPage />} />
        <Route path="/partner/*" element={<PartnerApp />} />
        <Route path="/messages/*" element={<MessagesApp />} />
        <Route path="/settings" element={<RequireSettings />}>
          <Route element={<SettingsPage />}>
            <Route index element={<Navigate to="business" replace />} />
            <Route path="business" element={<BusinessSettings />} />
            <Route path="departments" element={<DepartmentSettings />} />
            <Route path="staff" element={<StaffSettings />} />
            <Route path="users" element={<UserSettings />} />
            <Route path="permissions" element={<PermissionSettings />} />
            <Route path="memo-types" element={<MemoTypeSettings />} />
            <Route path="naver" element={<NaverSettings />} />
            <Route path="customer-grades" element={<CustomerGradeSettings />} />
            <Route path="customer-tags" element={<CustomerTagSettings />} />
            <Route path="pos-keys" element={<PosKeySettings />} />
            <Route path="backups" element={<BackupSettings />} />
          </Route>
        </Route>
      </Route>
      <Route path="*" element={<Navigate to="/calendar" replace />} />
    </Routes>
  );
}

function RequireAuth() {
  const me = useMe();
  if (me.isPending) return <div className="page-loading">불러오는 중…</div>;
  if (me.isError) {
    if (me.error instanceof ApiError && me.error.status === 401) return <Navigate to="/login" replace />;
    return (
      <div className="page-loading">
        <p>{errorMessage(me.error)}</p>
        <button className="btn" onClick={() => me.refetch()}>
          다시 시도
        </button>
      </div>
    );
  }
  return (
    <MeContext.Provider value={me.data}>
      <Layout />
    </MeContext.Provider>
  );
}

function RequireSettings() {
  const me = useCurrentMe();
  if (!canManageSettings(me)) return <Navigate to="/calendar" replace />;
  return <Outlet />;
}
