import { lazy, Suspense, useEffect, type ReactNode } from 'react';
import { Navigate, Route, Routes, useNavigate } from 'react-router-dom';
import { useQueryClient } from '@tanstack/react-query';
import { ApiError, errorMessage, setUnauthorizedHandler } from '../api/client';
import { MeContext, useMe } from '../features/auth/auth';

/**
 * The router. Every area is a chunk of its own, loaded when first opened:
 * the public booking page downloads only its own code, the shop's screens
 * theirs (apps/*).
 */
const crm = () => import('../apps/crm');
const LoginPage = lazy(() => crm().then((m) => ({ default: m.LoginPage })));
const SignupPage = lazy(() => crm().then((m) => ({ default: m.SignupPage })));
const Layout = lazy(() => crm().then((m) => ({ default: m.Layout })));
const CrmApp = lazy(() => crm().then((m) => ({ default: m.CrmApp })));
const PartnerApp = lazy(() => import('../apps/partner').then((m) => ({ default: m.PartnerApp })));
const MessagesApp = lazy(() => import('../apps/messages').then((m) => ({ default: m.MessagesApp })));
const OptOutPage = lazy(() => import('../apps/messages').then((m) => ({ default: m.OptOutPage })));
const BookingApp = lazy(() => import('../apps/booking').then((m) => ({ default: m.BookingApp })));

const PUBLIC_PATHS = ['/login', '/signup'];
/** The booking page is public: a 401 there (never expected) must not send a customer to the shop's login. */
const isPublicPath = (path: string) =>
  PUBLIC_PATHS.includes(path) || path === '/book' || path.startsWith('/book/') || path.startsWith('/optout');

function Loading() {
  return <div className="page-loading">불러오는 중…</div>;
}

const area = (element: ReactNode) => <Suspense fallback={<Loading />}>{element}</Suspense>;

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
      <Route path="/login" element={area(<LoginPage />)} />
      <Route path="/signup" element={area(<SignupPage />)} />
      <Route path="/book/*" element={area(<BookingApp />)} />
      <Route path="/optout/:token" element={area(<OptOutPage />)} />
      <Route element={<RequireAuth />}>
        <Route path="/partner/*" element={area(<PartnerApp />)} />
        <Route path="/messages/*" element={area(<MessagesApp />)} />
        <Route path="/*" element={area(<CrmApp />)} />
      </Route>
    </Routes>
  );
}

function RequireAuth() {
  const me = useMe();
  if (me.isPending) return <Loading />;
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
  return <MeContext.Provider value={me.data}>{area(<Layout />)}</MeContext.Provider>;
}
