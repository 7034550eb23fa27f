import { Route, Routes } from 'react-router-dom';
import { NotFoundView } from './components';
import { PlacePage } from './PlacePage';
import { ProductPage } from './ProductPage';
import { BookingPage } from './BookingPage';
import { LookupPage } from './LookupPage';
import { InquiryPage } from './InquiryPage';
import './booking.css';

/** The public, mobile-first booking page (BOOK-7, BOOK-10 self-cancel, BOOK-11 inquiries): /book/... */
export function BookingApp() {
  return (
    <Routes>
      <Route path="places/:placeId" element={<PlacePage />} />
      <Route path="places/:placeId/inquiry" element={<InquiryPage />} />
      <Route path="products/:productId" element={<ProductPage />} />
      <Route path="bookings/:bookingNumber" element={<BookingPage />} />
      <Route path="lookup" element={<LookupPage />} />
      <Route path="*" element={<NotFoundView />} />
    </Routes>
  );
}
