import { NavLink, Outlet } from 'react-router-dom';
import { useCurrentMe } from '../auth/auth';

const SECTIONS: { to: string; label: string; adminOnly?: boolean }[] = [
  { to: 'business', label: '업체 정보' },
  { to: 'departments', label: '부서 관리' },
  { to: 'staff', label: '담당자 관리' },
  { to: 'users', label: '사용자 관리' },
  { to: 'permissions', label: '권한 설정' },
  { to: 'memo-types', label: '메모 종류' },
  { to: 'naver', label: '네이버예약 연동' },
  { to: 'customer-grades', label: '고객 등급' },
  { to: 'customer-tags', label: '고객 태그' },
  { to: 'pos-keys', label: 'POS 연동 키' },
  { to: 'messaging', label: '메시지 발송' },
  { to: 'notices', label: '알림 메시지' },
  { to: 'payments', label: '결제' },
  { to: 'fees', label: '수수료' },
  // A backup holds every business of the installation: admins only (the API refuses others too).
  { to: 'backups', label: '백업', adminOnly: true },
];

export function SettingsPage() {
  const isAdmin = useCurrentMe().user.role === 'admin';
  return (
    <div className="page settings-layout">
      <aside className="settings-nav">
        <h1>설정</h1>
        <nav>
          {SECTIONS.filter((section) => isAdmin || !section.adminOnly).map((section) => (
            <NavLink key={section.to} to={section.to}>
              {section.label}
            </NavLink>
          ))}
        </nav>
      </aside>
      <section className="settings-content">
        <Outlet />
      </section>
    </div>
  );
}
