/** What the partner center reads about bookings and inquiries (docs/booking-platform.md, "Partner center API"). */

export type BookingStatus = 'pending' | 'confirmed' | 'completed' | 'cancelled' | 'rejected';
export type BookingAction = 'confirm' | 'reject' | 'cancel' | 'complete';
export type BookingType = 'time_slot' | 'date_time' | 'date' | 'always';

export interface BookingLine {
  detailNumber: string;
  priceName: string;
  unitAmount: number;
  quantity: number;
}

export interface PartnerBooking {
  id: string;
  bookingNumber: string;
  status: BookingStatus;
  statusLabel: string;
  place: { id: string; name: string };
  product: { id: string; name: string; bookingType: BookingType };
  usageStartsAt: string;
  usageEndsAt: string;
  usageLabel: string;
  /** As the server shows it to this user: full, or masked without the full-phone permission. */
  customerName: string;
  customerPhone: string;
  customerPhoneMasked: boolean;
  customerId: string;
  scheduleId: string | null;
  request: string;
  totalAmount: number;
  totalQuantity: number;
  paymentMode: string;
  lines: BookingLine[];
  allowedActions: BookingAction[];
  createdAt: string;
  confirmedAt: string | null;
  completedAt: string | null;
  cancelledAt: string | null;
  cancelledBy: 'customer' | 'business' | null;
  cancelReason: string | null;
  refundPercent: number | null;
}

export interface BookingPage {
  items: PartnerBooking[];
  total: number;
}

export interface Inquiry {
  id: string;
  place: { id: string; name: string } | null;
  product: { id: string; name: string } | null;
  authorName: string;
  authorPhone: string;
  authorPhoneMasked: boolean;
  body: string;
  reply: string | null;
  repliedAt: string | null;
  repliedByName: string | null;
  createdAt: string;
}

export interface InquiryPage {
  items: Inquiry[];
  unansweredCount: number;
}

export interface PartnerSummary {
  unansweredInquiries: number;
  pendingBookings: number;
  todayBookings: number;
}

/** A product as the booking filter needs it (GET /api/products). */
export interface ProductOption {
  id: string;
  name: string;
  placeName?: string;
  place?: { name: string };
}

export const BOOKING_STATUS_LABELS: Record<BookingStatus, string> = {
  pending: '확정대기',
  confirmed: '예약확정',
  completed: '이용완료',
  cancelled: '취소',
  rejected: '거절',
};

export const BOOKING_STATUSES = Object.keys(BOOKING_STATUS_LABELS) as BookingStatus[];

export const BOOKING_ACTION_LABELS: Record<BookingAction, string> = {
  confirm: '예약 확정',
  reject: '거절',
  cancel: '취소',
  complete: '이용완료',
};

/** Success toasts, in the order a shop works through a booking. */
export const BOOKING_ACTION_DONE: Record<BookingAction, string> = {
  confirm: '예약을 확정했습니다.',
  reject: '예약을 거절했습니다.',
  cancel: '예약을 취소했습니다.',
  complete: '이용완료로 처리했습니다.',
};

export const partnerKeys = {
  summary: ['partner', 'summary'] as const,
  bookings: ['partner', 'bookings'] as const,
  booking: (id: string) => ['partner', 'booking', id] as const,
  inquiries: ['partner', 'inquiries'] as const,
  productOptions: ['partner', 'product-options'] as const,
};
