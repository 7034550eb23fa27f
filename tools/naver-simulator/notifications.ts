import type { NaverCommandName } from '../../src/features/naver/index.ts';
import { NAVER_BUSINESS_CANCEL_REASON } from '../../src/shared/labels/naver.ts';
import { koreanDateTime } from './catalog.ts';

/** What the simulator knows of a booking when it writes to the customer. */
export interface NotifiedBooking {
  bookingId: string;
  customerName: string;
  startsAt: string;
  productName: string;
}

/**
 * The message Naver sends the customer when the shop decides (seed 000:
 * "예약고객에게도 네이버를 통해 … 알림이 전달됩니다"), e.g.
 * `[네이버예약] 홍길동님, 11월 24일(화) 10:00 여드름 진료 예약이 확정되었습니다.`
 * For a booking this simulator did not create (e.g. made by an earlier run),
 * it writes to "고객님" with the booking number.
 */
export function customerNotification(
  command: { command: NaverCommandName; reason?: string | undefined; bookingId: string },
  booking: NotifiedBooking | undefined,
  newProductName?: string,
): string {
  const head = booking ? `[네이버예약] ${booking.customerName}님, ${koreanDateTime(booking.startsAt)} ${booking.productName}` : `[네이버예약] 고객님, 예약번호 ${command.bookingId}`;
  switch (command.command) {
    case 'confirm':
      return `${head} 예약이 확정되었습니다.`;
    case 'cancel':
      return `${head} 예약이 취소되었습니다. ${command.reason?.trim() || NAVER_BUSINESS_CANCEL_REASON}`;
    case 'complete':
      return `${head} 방문이 완료되었습니다.`;
    case 'change_product':
      return `${head} 예약 상품이 변경되었습니다.${newProductName ? ` [변경 상품] ${newProductName}` : ''}`;
  }
}
