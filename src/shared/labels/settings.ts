/**
 * What a user reads in the settings (CORE-1, 설정 > 백업): business
 * categories and the words of the backup page. Pure, imported by the server
 * and the web alike.
 */

/** The business categories (업종) of CORE-1. */
export const SERVICE_TYPE_LABELS = {
  clinic: '병의원형',
  beauty: '뷰티형',
  restaurant: '카페/음식점',
  retail: '도소매',
  other: '기타',
} as const;

/** Who made a backup: the daily run or `npm run backup`. */
export const BACKUP_KIND_LABELS = {
  auto: '자동',
  manual: '수동',
} as const;

/** How a backup run ended. */
export const BACKUP_RESULT_LABELS = {
  ok: '성공',
  failed: '실패',
} as const;

/** Which rotation rule keeps an automatic backup. */
export const BACKUP_KEPT_BY_LABELS = {
  daily: '일별',
  weekly: '주별',
} as const;

/** The columns no person stands behind (CORE-4): every business has both, named so. */
export const VIRTUAL_STAFF_NAMES = {
  naver: '네이버예약',
  booking_page: '예약페이지',
} as const;
