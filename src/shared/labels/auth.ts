/**
 * What a user reads about accounts (CORE-2): roles and permission flags.
 * Pure, imported by the server (GET /api/permissions) and the web alike.
 */

export const ROLE_LABELS = {
  admin: '관리자',
  member: '일반 사용자',
} as const;

/** Every flag a permission group can hold, in the order settings show them. */
export const PERMISSION_LABELS = {
  'customers.view': '고객 조회',
  'customers.edit': '고객 수정',
  'customers.phone_full': '전체 전화번호 보기',
  'schedules.edit': '일정 수정',
  'settings.manage': '설정 관리',
  'messages.send': '메시지 발송',
  'settlement.view': '정산 조회',
  'naver.alert': '네이버예약 알림',
  'bookings.manage': '예약 관리(파트너센터)',
} as const;

/** The flags settings show under "기타기능 권한"; the others are the basic ones. */
export const EXTRA_PERMISSIONS = ['naver.alert', 'bookings.manage'] as const;
