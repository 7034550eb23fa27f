import { Navigate, Outlet, Route, Routes } from 'react-router-dom';
import { canManageSettings, useCurrentMe } from '../features/auth/auth';
import { CalendarPage } from '../features/calendar/CalendarPage';
import { CustomersPage } from '../features/customers/CustomersPage';
import { CustomerDetailPage } from '../features/customers/CustomerDetailPage';
import { SettingsPage } from '../features/settings/SettingsPage';
import { BusinessSettings } from '../features/settings/BusinessSettings';
import { DepartmentSettings } from '../features/settings/DepartmentSettings';
import { StaffSettings } from '../features/settings/StaffSettings';
import { UserSettings } from '../features/settings/UserSettings';
import { PermissionSettings } from '../features/settings/PermissionSettings';
import { MemoTypeSettings } from '../features/settings/MemoTypeSettings';
import { NaverSettings } from '../features/settings/NaverSettings';
import { CustomerGradeSettings } from '../features/settings/CustomerGradeSettings';
import { CustomerTagSettings } from '../features/settings/CustomerTagSettings';
import { PosKeySettings } from '../features/settings/PosKeySettings';
import { BackupSettings } from '../features/settings/BackupSettings';
import { MessagingSettings } from '../features/settings/MessagingSettings';
import { NoticeSettings } from '../features/settings/NoticeSettings';
import { PaymentSettings } from '../features/settings/PaymentSettings';
import { FeeSettings } from '../features/settings/FeeSettings';

export { LoginPage } from '../features/auth/LoginPage';
export { SignupPage } from '../features/auth/SignupPage';
export { Layout } from '../app-shell/Layout';

/** The shop's own screens (CORE-*): calendar, customers, settings. One lazy chunk with the sign-in pages and the app's frame. */
export function CrmApp() {
  return (
    <Routes>
      <Route path="calendar" element={<CalendarPage />} />
      <Route path="customers" element={<CustomersPage />} />
      <Route path="customers/:id" element={<CustomerDetailPage />} />
      <Route path="settings" element={<RequireSettings />}>
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
          <Route path="messaging" element={<MessagingSettings />} />
          <Route path="notices" element={<NoticeSettings />} />
          <Route path="payments" element={<PaymentSettings />} />
          <Route path="fees" element={<FeeSettings />} />
          <Route path="backups" element={<BackupSettings />} />
        </Route>
      </Route>
      <Route path="*" element={<Navigate to="/calendar" replace />} />
    </Routes>
  );
}

function RequireSettings() {
  const me = useCurrentMe();
  if (!canManageSettings(me)) return <Navigate to="/calendar" replace />;
  return <Outlet />;
}
