/**
 * The words a user reads about a schedule (CORE-7, CORE-9): its status, where
 * it came from, and the lines of its history. Pure, shared by the server
 * (error messages, alerts) and the web, so both say the same.
 */

export const SCHEDULE_STATUS_LABELS = {
  pending: '확정대기',
  confirmed: '예약확정',
  cancelled: '취소',
  completed: '완료',
  no_show: '노쇼',
};

export const SCHEDULE_SOURCE_LABELS = {
  manual: '직접 등록',
  naver: '네이버예약',
  booking_page: '예약페이지',
};

/** The fields a history row names, in the order the history shows them. */
export const SCHEDULE_HISTORY_FIELD_LABELS: Record<string, string> = {
  staff: '담당자',
  department: '부서',
  customer: '고객',
  startsAt: '시작',
  endsAt: '종료',
  status: '상태',
  title: '제목',
  memo: '메모',
};

/** What a history row without field changes says happened. */
export const SCHEDULE_HISTORY_ACTION_LABELS: Record<string, string> = {
  created: '일정 생성',
  updated: '일정 변경',
  status: '상태 변경',
  status_undone: '상태 되돌림',
  memo_added: '메모 추가',
  memo_deleted: '메모 삭제',
};

/** The notification a staff member gets when a schedule is given to them. */
export const SCHEDULE_ASSIGNED_TITLE = '새 일정이 배정되었습니다';
