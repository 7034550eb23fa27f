import { Navigate, Route, Routes } from 'react-router-dom';
import { hasPermission, useCurrentMe } from '../features/auth/auth';
import { ComposePage } from '../features/messages/compose/ComposePage';
import { MessageDetailPage } from '../features/messages/MessageDetailPage';
import { MessagesHome } from '../features/messages/MessagesHome';
import '../features/messages/messages.css';

export { OptOutPage } from '../features/messages/OptOutPage';

/** 문자 / 알림톡 (MSG-3..11): /messages/..., one lazy chunk (with the public opt-out page). Reading needs customers.view, writing messages.send. */
export function MessagesApp() {
  const me = useCurrentMe();
  const canSend = hasPermission(me, 'messages.send');
  if (!canSend && !hasPermission(me, 'customers.view')) return <Navigate to="/calendar" replace />;

  return (
    <div className="page msg-page">
      <Routes>
        <Route index element={<MessagesHome />} />
        <Route path="new" element={canSend ? <ComposePage /> : <Navigate to="/messages" replace />} />
        <Route path=":id/edit" element={canSend ? <ComposePage /> : <Navigate to="/messages" replace />} />
        <Route path=":id" element={<MessageDetailPage />} />
        <Route path="*" element={<Navigate to="/messages" replace />} />
      </Routes>
    </div>
  );
}
