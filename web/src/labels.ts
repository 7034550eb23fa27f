import type { NaverCommandName, NaverCommandStatus, Role, ScheduleSource, ScheduleStatus, ServiceType } from './types';

export const STATUS_LABELS: Record<ScheduleStatus, string> = {
  pending: '확정대기',
  confirmed: '예약확정',
  cancelled: '취소',
  completed: '완료',
};

export const SOURCE_LABELS: Record<ScheduleSource, string> = {
  manual: '직접 등록',
  naver: '네이버예약',
  booking_page: '예약 페이지',
};

export const SERVICE_TYPE_LABELS: Record<ServiceType, string> = {
  clinic: '병의원형',
  beauty: '뷰티형',
  restaurant: '카페/음식점',
  retail: '도소매',
  other: '기타',
};

export const ROLE_LABELS: Record<Role, string> = {
  admin: '관리자',
  member: '일반 사용자',
};

export const PERMISSION_LABELS: { key: string; label: string }[] = [
  { key: 'customers.view', label: '고객 조회' },
  { key: 'customers.edit', label: '고객 수정' },
  { key: 'customers.phone_full', label: '전체 전화번호 보기' },
  { key: 'schedules.edit', label: '일정 수정' },
  { key: 'settings.manage', label: '설정 관리' },
  { key: 'messages.send', label: '메시지 발송' },
  { key: 'settlement.view', label: '정산 조회' },
];

/** Shown under the "기타기능 권한" heading, as in the 오늘상담 settings. */
export const EXTRA_PERMISSION_LABELS: { key: string; label: string }[] = [
  { key: 'naver.alert', label: '네이버예약 알림' },
  { key: 'bookings.manage', label: '예약 관리(파트너센터)' },
];

export const HISTORY_FIELD_LABELS: Record<string, string> = {
  staff: '담당자',
  department: '부서',
  customer: '고객',
  startsAt: '시작',
  endsAt: '종료',
  status: '상태',
  title: '제목',
  memo: '메모',
};

export const HISTORY_ACTION_LABELS: Record<string, string> = {
  created: '일정 생성',
  updated: '일정 변경',
  status: '상태 변경',
  memo_added: '메모 추가',
  memo_deleted: '메모 삭제',
};

export const TIME_ZONES = ['Asia/Seoul', 'Asia/Tokyo', 'Asia/Shanghai', 'Asia/Singapore', 'America/Los_Angeles', 'America/New_York', 'Europe/London', 'UTC'];

/** What each command sent to Naver tells the booking customer. */
export const NAVER_COMMAND_LABELS: Record<NaverCommandName, string> = {
  confirm: '예약확정 알림',
  cancel: '취소 알림',
  complete: '방문완료 알림',
  change_product: '상품 변경',
};

export const NAVER_COMMAND_STATUS_LABELS: Record<NaverCommandStatus, string> = {
  pending: '전송 대기',
  sent: '전송 완료',
  failed: '전송 실패',
};

/** Service types that can connect Naver Booking (seed: 병의원형, 뷰티형 only). */
export const NAVER_SERVICE_TYPES: readonly ServiceType[] = ['clinic', 'beauty'];

/** The reason Naver shows the customer when the shop cancels. */
export const NAVER_CANCEL_REASON = '[취소사유] 업체 측 취소';

export const NAVER_DEPARTMENT_CHANGE_WARNING =
  '부서 변경 시 네이버예약 상품이 변경되며 예약고객에게도 네이버를 통해 알림이 전달됩니다. 상품별 옵션/요청사항이 다를 수 있어 권장하지 않습니다.';
