import { Route, Routes } from 'react-router-dom';

/** The partner center (BOOK-1..6, BOOK-10, BOOK-11): /partner/... */
export function PartnerApp() {
  return (
    <Routes>
      <Route path="*" element={<p>파트너센터</p>} />
    </Routes>
  );
}
