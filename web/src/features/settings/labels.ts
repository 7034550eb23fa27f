import type { StaffKind } from '../../api/models';

// PAY-3: the grades and fee methods are the shared labels (src/shared/labels/payments.ts).
export { FEE_METHOD_LABELS, REVENUE_GRADE_LABELS } from '../../../../src/shared/labels/payments';

/**
 * Words of the settings screens that no server reply or shared label module
 * says. Everything a user reads about the server's data comes from its
 * replies or from src/shared/labels/*.
 */

export const TIME_ZONES = ['Asia/Seoul', 'Asia/Tokyo', 'Asia/Shanghai', 'Asia/Singapore', 'America/Los_Angeles', 'America/New_York', 'Europe/London', 'UTC'];

/** 설정 > 담당자 관리: what kind of column a staff member is. */
export const STAFF_KIND_LABELS: Record<StaffKind, string> = {
  user: '사용자',
  resource: '리소스 (로그인 없음)',
  naver: '네이버예약 (가상)',
  booking_page: '예약페이지 (가상)',
};


