/**
 * The words a user reads about the Naver Booking connection (NAVER-1..10):
 * the commands sent to Naver and their sending status, what the history and
 * the alerts say, and what Naver shows the customer when the shop cancels.
 * Pure, shared by the server and the web.
 */

/** What each command sent to Naver tells the booking customer. */
export const NAVER_COMMAND_LABELS = {
  confirm: '예약확정 알림',
  cancel: '취소 알림',
  complete: '방문완료 알림',
  change_product: '상품 변경',
};

export const NAVER_COMMAND_STATUS_LABELS = {
  pending: '전송 대기',
  sent: '전송 완료',
  failed: '전송 실패',
};

/** The reason Naver shows the customer when the shop cancels. */
export const NAVER_BUSINESS_CANCEL_REASON = '[취소사유] 업체 측 취소';

/** Who the history names for changes that came from Naver, and the title of the schedules it creates. */
export const NAVER_ACTOR_LABEL = '네이버예약';

/** The alert to admins and members with 네이버예약 알림 when a booking arrives (NAVER-6). */
export const NAVER_BOOKING_ALERT_TITLE = '네이버예약 일정이 추가되었습니다';

/** History actions the Naver sync writes into a schedule's history (beside the schedules feature's own). */
export const NAVER_HISTORY_ACTION_LABELS: Record<string, string> = {
  naver_changed: '네이버 예약 변경',
  naver_cancelled: '네이버 예약 취소',
};

/** History fields the Naver sync writes (beside the schedules feature's own). */
export const NAVER_HISTORY_FIELD_LABELS: Record<string, string> = {
  bookingId: '네이버 예약번호',
};

export const NAVER_DEPARTMENT_CHANGE_WARNING =
  '부서 변경 시 네이버예약 상품이 변경되며 예약고객에게도 네이버를 통해 알림이 전달됩니다. 상품별 옵션/요청사항이 다를 수 있어 권장하지 않습니다.';
