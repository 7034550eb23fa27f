import { Route, Routes } from 'react-router-dom';

/** The public, mobile-first booking page (BOOK-7): /book/... */
export function BookingApp() {
  return (
    <Routes>
      <Route path="*" element={<p>예약 페이지를 찾을 수 없습니다.</p>} />
    </Routes>
  );
}
