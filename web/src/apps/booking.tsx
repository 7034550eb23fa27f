import { Route, Routes } from 'react-router-dom';
import { NotFoundView } from '../features/booking/components';
import { PlacePage } from '../features/booking/PlacePage';
import { ProductPage } from '../features/booking/ProductPage';
import { BookingPage } from '../features/booking/BookingPage';
import { LookupPage } from '../features/booking/LookupPage';
import { InquiryPage } from '../features/booking/InquiryPage';
import { PayFailPage, PaySuccessPage } from '../features/booking/PayReturnPages';
import '../features/booking/booking.css';

/** The public, mobile-first booking page (BOOK-7, BOOK-10 self-cancel, BOOK-11 inquiries, PAY-1 payment returns): /book/..., one lazy chunk carrying only its own code. */
export function BookingApp() {
  return (
    <Routes>
      <Route path="places/:placeId" element={<PlacePage />} />
      <Route path="places/:placeId/inquiry" element={<InquiryPage />} />
      <Route path="products/:productId" element={<ProductPage />} />
      <Route path="bookings/:bookingNumber" element={<BookingPage />} />
      <Route path="lookup" element={<LookupPage />} />
      {/* PAY-1: where the payment window returns (checkout.ts PAY_SUCCESS_PATH, PAY_FAIL_PATH). */}
      <Route path="pay/success" element={<PaySuccessPage />} />
      <Route path="pay/fail" element={<PayFailPage />} />
      <Route path="*" element={<NotFoundView />} />
    </Routes>
  );
}
