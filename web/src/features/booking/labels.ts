import type { BookingScheduleAvailability } from '../../api/models';

/** The booking page's words for a slot or a booking schedule a customer cannot take (BOOK-7). */
export const UNAVAILABLE_LABELS: Record<Exclude<BookingScheduleAvailability['status'], 'bookable'>, string> = {
  sold_out: '마감',
  not_open: '오픈 예정',
  closed: '예약 종료',
  past: '지난 일정',
};
