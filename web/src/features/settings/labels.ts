import type { StaffKind } from '../../api/models';

// PAY-3: the grades and fee methods are the shared labels (src/shared/labels/payments.ts).
export { FEE_METHOD_LABELS, REVENUE_GRADE_LABELS } from '../../../../src/shared/labels/payments';

/**
 * Words of the settings screens that no server reply or shared label module
 * says. Everything a user reads about the server's data comes from its
 * replies or from src/shared/labels/*.
 */

export const TIME_ZONES = ['Asia/Seoul', 'Asia/Tokyo', 'Asia/Shanghai', 'Asia/Singapore', 'America/Los_Angeles', 'America/New_York', 'Europe/London', 'UTC'];

/** How the time-zone list reads: the place a shop knows, its offset, never a raw IANA id alone. */
const TIME_ZONE_NAMES: Record<string, string> = {
  'Asia/Seoul': '한국 (서울)',
  'Asia/Tokyo': '일본 (도쿄)',
  'Asia/Shanghai': '중국 (베이징·상하이)',
  'Asia/Singapore': '싱가포르',
  'America/Los_Angeles': '미국 서부 (로스앤젤레스)',
  'America/New_York': '미국 동부 (뉴욕)',
  'Europe/London': '영국 (런던)',
  UTC: '협정 세계시 (UTC)',
};

/** "한국 (서울) · UTC+9"; a zone outside the list keeps its id after the offset. */
export function timeZoneLabel(zone: string, at = new Date()): string {
  let offset = '';
  try {
    const part = new Intl.DateTimeFormat('en-US', { timeZone: zone, timeZoneName: 'shortOffset' }).formatToParts(at).find((p) => p.type === 'timeZoneName');
    offset = part?.value.replace('GMT', 'UTC') ?? '';
    if (offset === 'UTC') offset = 'UTC+0';
  } catch {
    offset = '';
  }
  const name = TIME_ZONE_NAMES[zone] ?? zone;
  return offset && zone !== 'UTC' ? `${name} · ${offset}` : name;
}

/** 설정 > 담당자 관리: what kind of column a staff member is. */
export const STAFF_KIND_LABELS: Record<StaffKind, string> = {
  user: '사용자',
  resource: '리소스 (로그인 없음)',
  naver: '네이버예약 (가상)',
  booking_page: '예약페이지 (가상)',
};


