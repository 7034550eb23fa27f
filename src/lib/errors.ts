/**
 * The one error type of the product. Every error a user can cause has a code
 * here with its HTTP status and Korean message; routes never build error
 * bodies by hand (the app's error handler turns AppError into the reply).
 */
export const errorCodes = {
  VALIDATION_FAILED: { status: 400, message: '입력값이 올바르지 않습니다.' },
  INVALID_JSON: { status: 400, message: '요청 본문이 올바른 JSON이 아닙니다.' },
  UNAUTHENTICATED: { status: 401, message: '로그인이 필요합니다.' },
  LOGIN_FAILED: { status: 401, message: '이메일 또는 비밀번호가 올바르지 않습니다.' },
  LOGIN_RATE_LIMITED: { status: 429, message: '로그인 시도가 너무 많습니다. 잠시 후 다시 시도해 주세요.' },
  FORBIDDEN: { status: 403, message: '이 작업을 할 권한이 없습니다.' },
  NOT_FOUND: { status: 404, message: '요청한 항목을 찾을 수 없습니다.' },
  ROUTE_NOT_FOUND: { status: 404, message: '요청한 주소를 찾을 수 없습니다.' },
  EMAIL_TAKEN: { status: 409, message: '이미 가입된 이메일입니다.' },
  BUSINESS_NOT_FOUND: { status: 404, message: '업체를 찾을 수 없습니다.' },
  TIME_ZONE_INVALID: { status: 400, message: '올바른 시간대가 아닙니다. 예: Asia/Seoul' },
  USER_NOT_FOUND: { status: 404, message: '사용자를 찾을 수 없습니다.' },
  LAST_ADMIN: { status: 409, message: '마지막 관리자는 권한을 바꾸거나 비활성화할 수 없습니다.' },
  DEPARTMENTS_DISABLED: { status: 409, message: '부서기능 사용이 꺼져 있습니다. 설정 > 부서 관리에서 켜 주세요.' },
  DEPARTMENT_NOT_FOUND: { status: 404, message: '부서를 찾을 수 없습니다.' },
  DEPARTMENT_NAME_TAKEN: { status: 409, message: '같은 이름의 부서가 이미 있습니다.' },
  DEPARTMENT_IN_USE: { status: 409, message: '일정이나 담당자가 연결된 부서는 삭제할 수 없습니다.' },
  STAFF_NOT_FOUND: { status: 404, message: '담당자를 찾을 수 없습니다.' },
  STAFF_INACTIVE: { status: 409, message: '비활성화된 담당자에게는 일정을 배정할 수 없습니다.' },
  STAFF_NAVER_PROTECTED: { status: 409, message: '가상 담당자 "네이버예약"은 수정하거나 삭제할 수 없습니다.' },
  STAFF_USER_TAKEN: { status: 409, message: '이 사용자는 이미 담당자로 등록되어 있습니다.' },
  STAFF_IN_USE: { status: 409, message: '일정이 배정된 담당자는 삭제할 수 없습니다. 비활성화해 주세요.' },
  PERMISSION_GROUP_NOT_FOUND: { status: 404, message: '권한 그룹을 찾을 수 없습니다.' },
  PERMISSION_GROUP_NAME_TAKEN: { status: 409, message: '같은 이름의 권한 그룹이 이미 있습니다.' },
  PERMISSION_GROUP_IN_USE: { status: 409, message: '사용자가 속한 권한 그룹은 삭제할 수 없습니다.' },
  MEMBER_NEEDS_GROUP: { status: 400, message: '일반 사용자는 권한 그룹을 지정해야 합니다.' },
  MEMO_TYPE_NOT_FOUND: { status: 404, message: '메모 종류를 찾을 수 없습니다.' },
  MEMO_TYPE_NAME_TAKEN: { status: 409, message: '같은 이름의 메모 종류가 이미 있습니다.' },
  MEMO_TYPE_HIDDEN: { status: 409, message: '노출해제된 메모 종류에는 메모를 쓸 수 없습니다.' },
  MEMO_TYPE_IN_USE: { status: 409, message: '메모가 작성된 메모 종류는 삭제할 수 없습니다. 노출해제해 주세요.' },
  MEMO_NOT_FOUND: { status: 404, message: '메모를 찾을 수 없습니다.' },
  CUSTOMER_NOT_FOUND: { status: 404, message: '고객을 찾을 수 없습니다.' },
  CUSTOMER_DUPLICATE: { status: 409, message: '같은 이름과 전화번호의 고객이 이미 있습니다.' },
  CUSTOMER_MERGE_SAME: { status: 400, message: '같은 고객끼리는 병합할 수 없습니다.' },
  CUSTOMER_MERGE_PHONE_MISMATCH: { status: 409, message: '전화번호가 같은 고객만 병합할 수 있습니다.' },
  PHONE_INVALID: { status: 400, message: '올바른 한국 전화번호가 아닙니다.' },
  SCHEDULE_NOT_FOUND: { status: 404, message: '일정을 찾을 수 없습니다.' },
  SCHEDULE_TIME_INVALID: { status: 400, message: '종료 시간은 시작 시간보다 늦어야 합니다.' },
  SCHEDULE_TRANSITION_NOT_ALLOWED: { status: 409, message: '현재 상태에서는 이 상태로 바꿀 수 없습니다.' },
  SCHEDULE_FINAL: { status: 409, message: '취소되었거나 완료된 일정은 수정할 수 없습니다.' },
  SCHEDULE_VERSION_CONFLICT: { status: 409, message: '다른 사용자가 먼저 일정을 바꿨습니다. 새로고침 후 다시 시도해 주세요.' },
  NOTIFICATION_NOT_FOUND: { status: 404, message: '알림을 찾을 수 없습니다.' },
  NAVER_SERVICE_TYPE_NOT_SUPPORTED: { status: 409, message: '네이버예약 연동은 병의원형과 뷰티형 업체만 사용할 수 있습니다.' },
  NAVER_NOT_CONNECTED: { status: 409, message: '네이버예약 연동이 켜져 있지 않습니다.' },
  NAVER_SIGNATURE_INVALID: { status: 401, message: '네이버 요청의 서명이 올바르지 않거나 만료되었습니다.' },
  NAVER_COMMAND_NOT_RETRYABLE: { status: 409, message: '실패한 전송만 다시 보낼 수 있습니다.' },
  NAVER_PRODUCT_ALREADY_LINKED: { status: 409, message: '이 네이버 상품은 이미 다른 부서와 연동되어 있습니다.' },
  NAVER_PRODUCT_NOT_FOUND: { status: 404, message: '연동된 네이버 상품을 찾을 수 없습니다.' },
  NAVER_NO_PRODUCT_LINKED: { status: 409, message: '먼저 네이버 상품을 부서와 연동해 주세요. 상품이 연동되어야 메모 연동을 설정할 수 있습니다.' },
  MEMO_TYPE_LINKED_TO_NAVER: { status: 409, message: '네이버 예약 연동에 사용 중인 메모 종류는 삭제할 수 없습니다.' },
  MEMO_TYPE_HIDE_NEEDS_CONFIRM: { status: 409, message: '이 메모 종류는 네이버 예약 연동에 사용 중입니다. 노출해제하면 새 네이버 예약의 옵션/요청사항을 일정 화면에서 메모로 고를 수 없게 됩니다. 그래도 노출해제하려면 확인해 주세요.' },
  NAVER_DEPARTMENT_NOT_LINKED: { status: 409, message: '네이버 예약은 네이버 상품과 연동된 부서로만 옮길 수 있습니다.' },
  DATA_DIR_LOCKED: { status: 500, message: '데이터 폴더를 다른 프로세스가 사용 중입니다.' },
  INTERNAL: { status: 500, message: '서버 오류가 발생했습니다. 잠시 후 다시 시도해 주세요.' },
} as const satisfies Record<string, { status: number; message: string }>;

export type ErrorCode = keyof typeof errorCodes;

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly status: number;
  readonly details: unknown;

  constructor(code: ErrorCode, options: { message?: string; details?: unknown; cause?: unknown } = {}) {
    super(options.message ?? errorCodes[code].message, { cause: options.cause });
    this.name = 'AppError';
    this.code = code;
    this.status = errorCodes[code].status;
    this.details = options.details;
  }
}

export function errorBody(code: ErrorCode, message?: string, details?: unknown) {
  const body: { code: ErrorCode; message: string; details?: unknown } = {
    code,
    message: message ?? errorCodes[code].message,
  };
  if (details !== undefined) body.details = details;
  return { error: body };
}

/** Throws NOT_FOUND-style errors for a missing row: `row ?? notFound('CUSTOMER_NOT_FOUND')`. */
export function notFound(code: ErrorCode): never {
  throw new AppError(code);
}

/** PostgreSQL unique_violation, with the constraint name so callers can map it to a code. */
export function uniqueViolation(error: unknown): string | null {
  if (typeof error === 'object' && error !== null && 'code' in error && (error as { code: unknown }).code === '23505') {
    const c = (error as { constraint?: string }).constraint;
    return c ?? '';
  }
  return null;
}
