import { Navigate, NavLink, Route, Routes, useLocation } from 'react-router-dom';
import { canUsePartnerBookings, canUsePartnerCenter, canViewSettlements, useCurrentMe } from '../features/auth/auth';
import { BookingsPage } from '../features/partner-bookings/BookingsPage';
import { InquiriesPage } from '../features/partner-bookings/InquiriesPage';
import { PartnerHome } from '../features/partner-bookings/PartnerHome';
import { usePartnerSummary } from '../features/partner-bookings/queries';
import { PlaceEditPage, PlacesPage, ProductEditPage, ProductNewPage } from '../features/partner-catalog';
import { SettlementsPage, StatementPage } from '../features/partner-settlements/SettlementsPage';
import '../features/partner-bookings/partner.css';

/** The partner center (BOOK-1..6, BOOK-10, BOOK-11, PAY-4 정산): /partner/..., one lazy chunk. */
export function PartnerApp() {
  const me = useCurrentMe();
  if (!canUsePartnerCenter(me)) return <Navigate to="/calendar" replace />;
  const bookings = canUsePartnerBookings(me);
  const settlements = canViewSettlements(me);

  return (
    <div className="page partner-layout">
      <PartnerNav bookings={bookings} settlements={settlements} />
      <section className="partner-content">
        <Routes>
          {bookings ? (
            <>
              <Route index element={<PartnerHome />} />
              <Route path="bookings" element={<BookingsPage />} />
              <Route path="inquiries" element={<InquiriesPage />} />
              <Route path="places" element={<PlacesPage />} />
              <Route path="places/:placeId" element={<PlaceEditPage />} />
              <Route path="products/new" element={<ProductNewPage />} />
              <Route path="products/:productId" element={<ProductEditPage />} />
            </>
          ) : (
            // 정산 only: the center opens on it.
            <Route index element={<Navigate to="/partner/settlements" replace />} />
          )}
          {settlements && (
            <>
              <Route path="settlements" element={<SettlementsPage />} />
              <Route path="settlements/:periodStart" element={<StatementPage />} />
            </>
          )}
          <Route path="*" element={<Navigate to="/partner" replace />} />
        </Routes>
      </section>
    </div>
  );
}

function PartnerNav({ bookings, settlements }: { bookings: boolean; settlements: boolean }) {
  const summary = usePartnerSummary(bookings);
  const location = useLocation();
  const unanswered = summary.data?.unansweredInquiries ?? 0;
  // Products are edited under their place, so /partner/products/... belongs to the same tab.
  const inCatalog = /^\/partner\/(places|products)(\/|$)/.test(location.pathname);

  return (
    <aside className="partner-nav">
      <h1>파트너센터</h1>
      <nav aria-label="파트너센터 메뉴">
        {bookings && (
          <>
            <NavLink to="/partner" end>
              홈
            </NavLink>
            <NavLink to="/partner/bookings">
              예약 관리
              {(summary.data?.pendingBookings ?? 0) > 0 && (
                <span className="partner-nav-count" title="확정대기 예약">
                  {summary.data?.pendingBookings}
                </span>
              )}
            </NavLink>
            <NavLink to="/partner/inquiries">
              고객문의
              {unanswered > 0 && (
                <span className="partner-nav-badge" data-testid="unanswered-badge" title="미답변 문의">
                  {unanswered > 99 ? '99+' : unanswered}
                </span>
              )}
            </NavLink>
            <NavLink to="/partner/places" className={({ isActive }) => (isActive || inCatalog ? 'active' : undefined)}>
              장소·상품
            </NavLink>
          </>
        )}
        {settlements && <NavLink to="/partner/settlements">정산</NavLink>}
      </nav>
    </aside>
  );
}
