/**
 * The one error type of the product. Every error a user can cause has a code
 * here with its HTTP status and Korean message; routes never build error
 * bodies by hand (the app's error handler turns AppError into the reply).
 */
export const errorCodes = {
  VALIDATION_FAILED: { status: 400, message: '입력값이 올바르지 않습니다.' },
  INVALID_JSON: { status: 400, message: '요청 본문이 올바른 JSON이 아닙니다.' },
  UNSUPPORTED_MEDIA_TYPE: { status: 415, message: '지원하지 않는 본문 형식입니다. Content-Type: application/json 으로 보내 주세요.' },
  BODY_TOO_LARGE: { status: 413, message: '요청 본문이 너무 큽니다.' },
  URL_INVALID: { status: 400, message: '주소에 잘못 인코딩된 문자가 있습니다.' },
  URL_TOO_LONG: { status: 414, message: '주소가 너무 깁니다.' },
  REQUEST_TIMEOUT: { status: 408, message: '요청이 제시간에 끝나지 않았습니다. 다시 시도해 주세요.' },
  HEADERS_TOO_LARGE: { status: 431, message: '요청 헤더가 너무 큽니다.' },
  REQUEST_INVALID: { status: 400, message: '요청을 처리할 수 없습니다. 요청 형식을 확인해 주세요.' },
  MULTIPART_INVALID: { status: 400, message: '파일 업로드 형식(multipart/form-data)이 올바르지 않습니다.' },
  MULTIPART_TOO_MANY_PARTS: { status: 413, message: '한 번에 올릴 수 있는 파일이나 항목 수를 넘었습니다.' },
  FILE_TOO_LARGE: { status: 413, message: '파일이 너무 큽니다.' },
  VALUE_OUT_OF_RANGE: { status: 400, message: '입력값이 저장할 수 있는 범위를 벗어났습니다. 값을 확인해 주세요.' },
  CONFLICT: { status: 409, message: '이미 있는 항목과 겹칩니다. 새로고침한 뒤 다시 시도해 주세요.' },
  DATABASE_BUSY: { status: 503, message: '요청이 몰려 처리하지 못했습니다. 잠시 후 다시 시도해 주세요.' },
  NOT_READY: { status: 503, message: '서버가 아직 요청을 받을 준비가 되지 않았습니다. 잠시 후 다시 시도해 주세요.' },
  SHUTTING_DOWN: { status: 503, message: '서버가 종료하는 중입니다. 잠시 후 다시 시도해 주세요.' },
  RATE_LIMITED: { status: 429, message: '요청이 너무 많습니다. 잠시 후 다시 시도해 주세요.' },
  HOLD_LIMIT_REACHED: { status: 429, message: '한 번에 잡아 둘 수 있는 자리를 모두 쓰셨습니다. 잡아 둔 예약을 마치거나 취소한 뒤 다시 시도해 주세요.' },
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
  STAFF_VIRTUAL_PROTECTED: { status: 409, message: '가상 담당자("네이버예약", "예약페이지")는 이름·부서·사용 여부를 바꾸거나 삭제할 수 없습니다.' },
  STAFF_USER_TAKEN: { status: 409, message: '이 사용자는 이미 담당자로 등록되어 있습니다.' },
  STAFF_IN_USE: { status: 409, message: '일정이 배정된 담당자는 삭제할 수 없습니다. 비활성화해 주세요.' },
  // OPS-2: staff working hours and absences (휴무, 휴가, 외근)
  STAFF_HOURS_INVALID: { status: 400, message: '근무 시간이 올바르지 않습니다. 시작은 종료보다 빨라야 하고, 같은 요일의 시간대끼리 겹치면 안 됩니다.' },
  STAFF_ABSENCE_INVALID: { status: 400, message: '휴무·휴가·외근의 시작은 종료보다 빨라야 합니다.' },
  STAFF_ABSENCES_OVERLAP: { status: 409, message: '이미 등록된 휴무·휴가·외근과 기간이 겹칩니다.' },
  STAFF_ABSENCE_NOT_FOUND: { status: 404, message: '휴무·휴가·외근을 찾을 수 없습니다.' },
  SCHEDULE_STAFF_ABSENT: { status: 409, message: '담당자가 쉬는 시간입니다. 그래도 저장하려면 ‘그래도 저장’을 선택하세요.' },
  BOOKING_STAFF_ABSENT: { status: 409, message: '담당자가 쉬는 시간이라 예약할 수 없습니다. 다른 시간을 골라 주세요.' },
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
  CUSTOMER_ANONYMISED: { status: 409, message: '개인정보를 삭제(익명화)한 고객은 수정하거나 병합할 수 없습니다.' },
  CUSTOMER_ALREADY_ANONYMISED: { status: 409, message: '이미 개인정보를 삭제(익명화)한 고객입니다.' },
  CUSTOMER_HAS_UPCOMING_SCHEDULES: { status: 409, message: '예정된 일정이나 예약이 있어 개인정보를 삭제할 수 없습니다. 일정을 먼저 취소하거나 완료해 주세요.' },
  PRIVACY_CONSENT_REQUIRED: { status: 400, message: '개인정보 수집·이용에 동의해 주세요.' },
  PHONE_INVALID: { status: 400, message: '올바른 한국 전화번호가 아닙니다.' },
  SCHEDULE_NOT_FOUND: { status: 404, message: '일정을 찾을 수 없습니다.' },
  SCHEDULE_OVERLAP: { status: 409, message: '담당자에게 같은 시간에 다른 일정이 있습니다. 그래도 저장하려면 ‘겹쳐도 저장’을 선택하세요.' },
  SCHEDULE_NO_SHOW_BEFORE_START: { status: 409, message: '아직 시작하지 않은 일정은 노쇼로 바꿀 수 없습니다. 예약 시간이 지난 뒤에 표시해 주세요.' },
  SCHEDULE_TIME_INVALID: { status: 400, message: '종료 시간은 시작 시간보다 늦어야 합니다.' },
  SCHEDULE_TRANSITION_NOT_ALLOWED: { status: 409, message: '현재 상태에서는 이 상태로 바꿀 수 없습니다.' },
  SCHEDULE_FINAL: { status: 409, message: '취소되었거나 완료된 일정은 수정할 수 없습니다.' },
  SCHEDULE_VERSION_CONFLICT: { status: 409, message: '다른 사용자가 먼저 일정을 바꿨습니다. 새로고침 후 다시 시도해 주세요.' },
  // OPS-4: 완료 before the start, and the undo of the last status change (schedules)
  SCHEDULE_COMPLETE_EARLY: { status: 409, message: '아직 시작하지 않은 일정입니다. 완료로 바꾸면 지금 방문한 것으로 기록됩니다. 확인 후 다시 요청해 주세요.' },
  SCHEDULE_UNDO_EXPIRED: { status: 409, message: '상태를 바꾼 지 10분이 지나 되돌릴 수 없습니다.' },
  SCHEDULE_UNDO_NOT_ALLOWED: { status: 409, message: '이 상태 변경은 되돌릴 수 없습니다.' },
  NOTIFICATION_NOT_FOUND: { status: 404, message: '알림을 찾을 수 없습니다.' },
  NAVER_SERVICE_TYPE_NOT_SUPPORTED: { status: 409, message: '네이버예약 연동은 병의원형과 뷰티형 업체만 사용할 수 있습니다.' },
  NAVER_CONNECTED_SERVICE_TYPE: { status: 409, message: '네이버예약 연동이 켜져 있어 이 업종으로 바꿀 수 없습니다. 네이버예약은 병의원형과 뷰티형만 쓸 수 있습니다. 설정 > 네이버예약 연동에서 연동을 끄거나, 연동을 끄고 바꾸기로 다시 확인해 주세요.' },
  DEPARTMENTS_LINKED_TO_NAVER: { status: 409, message: '네이버 상품과 연동된 부서가 있어 부서기능을 끌 수 없습니다. 설정 > 네이버예약 연동에서 상품 연동을 먼저 해제해 주세요.' },
  NAVER_NOT_CONNECTED: { status: 409, message: '네이버예약 연동이 켜져 있지 않습니다.' },
  NAVER_SIGNATURE_INVALID: { status: 401, message: '네이버 요청의 서명이 올바르지 않거나 만료되었습니다.' },
  NAVER_COMMAND_NOT_FOUND: { status: 404, message: '네이버 전송 기록을 찾을 수 없습니다.' },
  NAVER_COMMAND_NOT_RETRYABLE: { status: 409, message: '실패한 전송만 다시 보낼 수 있습니다.' },
  NAVER_PRODUCT_ALREADY_LINKED: { status: 409, message: '이 네이버 상품은 이미 다른 부서와 연동되어 있습니다.' },
  NAVER_PRODUCT_NOT_FOUND: { status: 404, message: '연동된 네이버 상품을 찾을 수 없습니다.' },
  NAVER_NO_PRODUCT_LINKED: { status: 409, message: '먼저 네이버 상품을 부서와 연동해 주세요. 상품이 연동되어야 메모 연동을 설정할 수 있습니다.' },
  MEMO_TYPE_LINKED_TO_NAVER: { status: 409, message: '네이버 예약 연동에 사용 중인 메모 종류는 삭제할 수 없습니다.' },
  MEMO_TYPE_HIDE_NEEDS_CONFIRM: { status: 409, message: '이 메모 종류는 네이버 예약 연동에 사용 중입니다. 노출해제하면 새 네이버 예약의 옵션/요청사항을 일정 화면에서 메모로 고를 수 없게 됩니다. 그래도 노출해제하려면 확인해 주세요.' },
  NAVER_DEPARTMENT_NOT_LINKED: { status: 409, message: '네이버 예약은 네이버 상품과 연동된 부서로만 옮길 수 있습니다.' },
  DATA_DIR_LOCKED: { status: 500, message: '데이터 폴더를 다른 프로세스가 사용 중입니다.' },
  PLACE_NOT_FOUND: { status: 404, message: '장소를 찾을 수 없습니다.' },
  PLACE_HAS_PRODUCTS: { status: 409, message: '상품이 있는 장소는 삭제할 수 없습니다. 상품을 먼저 삭제하거나 장소를 노출하지 않도록 바꿔 주세요.' },
  PLACE_NOT_BOOKABLE: { status: 409, message: '지금은 예약을 받지 않는 장소입니다.' },
  // OPS-1: business hours, public holidays, 임시휴무
  PLACE_CLOSURE_NOT_FOUND: { status: 404, message: '임시휴무를 찾을 수 없습니다.' },
  PLACE_CLOSURE_DATES_INVALID: { status: 400, message: '임시휴무의 시작일은 종료일과 같거나 빨라야 합니다.' },
  PLACE_CLOSURES_OVERLAP: { status: 409, message: '이미 등록된 임시휴무와 기간이 겹칩니다.' },
  HOLIDAY_NOT_FOUND: { status: 404, message: '공휴일이 아닌 날짜입니다. 공휴일 목록에 있는 날짜만 휴무·영업을 따로 정할 수 있습니다.' },
  IMAGE_INVALID: { status: 400, message: '이미지 파일(JPG, PNG, WEBP)만 올릴 수 있습니다.' },
  IMAGE_TOO_LARGE: { status: 413, message: '이미지는 10MB 이하만 올릴 수 있습니다.' },
  IMAGE_NOT_FOUND: { status: 404, message: '이미지를 찾을 수 없습니다.' },
  IMAGE_LIMIT_REACHED: { status: 409, message: '장소 이미지는 20장까지 올릴 수 있습니다.' },
  PRODUCT_NOT_FOUND: { status: 404, message: '상품을 찾을 수 없습니다.' },
  PRODUCT_BOOKING_TYPE_FIXED: { status: 409, message: '예약 유형은 상품을 만든 뒤에는 바꿀 수 없습니다.' },
  PRODUCT_HAS_BOOKINGS: { status: 409, message: '예약이 있는 상품은 삭제할 수 없습니다. 대신 노출을 꺼 주세요.' },
  PRODUCT_NOT_BOOKABLE: { status: 409, message: '지금은 예약을 받지 않는 상품입니다.' },
  PRODUCT_EDIT_IN_USE: { status: 409, message: '이미 예약이 있어 지울 수 없습니다. 노출을 끄거나 수량을 0으로 바꿔 주세요.' },
  PRODUCT_VERSION_CONFLICT: { status: 409, message: '다른 사용자가 먼저 상품을 바꿨습니다. 새로고침 후 다시 시도해 주세요.' },
  PRODUCT_SETTING_NOT_FOR_TYPE: { status: 400, message: '이 예약 유형의 상품에는 없는 설정입니다.' },
  OPERATING_PERIOD_NOT_FOUND: { status: 404, message: '운영기간을 찾을 수 없습니다.' },
  PRODUCT_SCHEDULE_NOT_FOUND: { status: 404, message: '일정을 찾을 수 없습니다.' },
  PRODUCT_PRICE_NOT_FOUND: { status: 404, message: '가격을 찾을 수 없습니다.' },
  PRODUCT_STOCK_NOT_IN_MODE: { status: 409, message: '날짜/시간별·날짜별 수량은 예약수량 관리가 날짜/시간별 관리 또는 날짜별 관리일 때만 입력할 수 있습니다.' },
  PRODUCT_STOCK_KEY_INVALID: { status: 400, message: '수량의 날짜(시간)가 올바르지 않습니다. 날짜/시간별은 2026-12-05T14:00, 날짜별은 2026-12-05 형식입니다.' },
  CANCELLATION_POLICY_INVALID: { status: 400, message: '취소 규정이 올바르지 않습니다. 기한(시간)은 서로 달라야 하고 환불 비율은 0~100% 사이여야 합니다.' },
  BOOKING_NOT_FOUND: { status: 404, message: '예약을 찾을 수 없습니다. 예약번호와 전화번호를 확인해 주세요.' },
  BOOKING_LINES_REQUIRED: { status: 400, message: '예약할 항목을 하나 이상 골라 주세요.' },
  BOOKING_LINES_MIXED: { status: 400, message: '한 번에 한 일정(시간)만 예약할 수 있습니다.' },
  BOOKING_QUANTITY_OVER_LIMIT: { status: 400, message: '한 번에 예약할 수 있는 수량을 넘었습니다.' },
  BOOKING_BUSY: { status: 503, message: '예약이 몰려 처리하지 못했습니다. 잠시 후 다시 시도해 주세요.' },
  BOOKING_STATUS_NOT_ALLOWED: { status: 409, message: '지금 상태에서는 할 수 없는 작업입니다.' },
  BOOKING_CANCELLED_FINAL: { status: 409, message: '취소된 예약은 되돌릴 수 없습니다. 새로 예약해 주세요.' },
  NAVER_TIME_FIXED: { status: 409, message: '네이버예약의 시간은 네이버에서만 바꿀 수 있습니다. 담당자나 부서는 옮길 수 있고, 시간을 바꾸려면 고객이 네이버에서 변경하거나 취소 후 다시 예약해야 합니다.' },
  BOOKING_PAGE_TIME_FIXED: { status: 409, message: '예약페이지 예약의 시간은 고객이 예약한 시간이라 캘린더에서 옮길 수 없습니다. 담당자나 부서는 바꿀 수 있고, 시간을 바꾸려면 취소한 뒤 새로 예약해 주세요.' },
  BOOKING_CANCEL_DEADLINE_PASSED: { status: 409, message: '취소 가능 기한이 지나 직접 취소할 수 없습니다. 업체에 문의해 주세요.' },
  HOLD_MISMATCH: { status: 409, message: '선택한 예약 정보와 예약 내용이 다릅니다. 다시 선택해 주세요.' },
  INQUIRY_NOT_FOUND: { status: 404, message: '문의를 찾을 수 없습니다.' },
  POS_KEY_INVALID: { status: 401, message: 'POS 키가 올바르지 않거나 삭제되었습니다. 설정 > POS 연동에서 키를 확인해 주세요.' },
  POS_KEY_NOT_FOUND: { status: 404, message: 'POS 키를 찾을 수 없습니다.' },
  CUSTOMER_NAME_REQUIRED: { status: 400, message: '처음 방문한 고객입니다. 고객 이름을 함께 보내 주세요.' },
  POINTS_INSUFFICIENT: { status: 409, message: '보유 포인트보다 많이 사용할 수 없습니다.' },
  VISIT_TIME_IN_FUTURE: { status: 400, message: '방문 시간은 현재보다 늦을 수 없습니다.' },
  COUPON_NOT_FOUND: { status: 404, message: '쿠폰을 찾을 수 없습니다. 쿠폰 번호를 확인해 주세요.' },
  COUPON_EXPIRED: { status: 409, message: '유효기간이 지난 쿠폰입니다.' },
  COUPON_ALREADY_REDEEMED: { status: 409, message: '이미 사용한 쿠폰입니다.' },
  CUSTOMER_GRADE_NOT_FOUND: { status: 404, message: '고객 등급을 찾을 수 없습니다.' },
  CUSTOMER_GRADE_NAME_TAKEN: { status: 409, message: '같은 이름의 고객 등급이 이미 있습니다.' },
  CUSTOMER_GRADE_IN_USE: { status: 409, message: '고객에게 지정된 등급은 삭제할 수 없습니다. 먼저 고객의 등급을 바꿔 주세요.' },
  CUSTOMER_TAG_NOT_FOUND: { status: 404, message: '고객 태그를 찾을 수 없습니다.' },
  CUSTOMER_TAG_NAME_TAKEN: { status: 409, message: '같은 이름의 고객 태그가 이미 있습니다.' },
  IMPORT_FILE_REQUIRED: { status: 400, message: 'CSV 파일을 올려 주세요.' },
  IMPORT_FILE_INVALID: { status: 400, message: 'CSV 파일을 읽을 수 없습니다. 첫 줄에 이름과 전화번호 열이 있는지 확인해 주세요.' },
  IMPORT_FILE_TOO_LARGE: { status: 413, message: 'CSV 파일이 너무 큽니다. 50MB 이하로 나누어 올려 주세요.' },
  IMPORT_NOT_FOUND: { status: 404, message: '가져오기 작업을 찾을 수 없습니다.' },
  MESSAGE_NOT_FOUND: { status: 404, message: '메시지를 찾을 수 없습니다.' },
  MESSAGE_NO_RECIPIENTS: { status: 409, message: '보낼 수 있는 고객이 없습니다. 발송 대상과 제외 사유를 확인해 주세요.' },
  MESSAGE_QUIET_HOURS: { status: 409, message: '광고 메시지는 21:00 ~ 다음 날 08:00 사이에 보낼 수 없습니다. 08:00 이후로 예약해 주세요.' },
  MESSAGE_SEND_AT_PAST: { status: 400, message: '예약 발송 시간은 지금 이후여야 합니다.' },
  MESSAGE_NOT_EDITABLE: { status: 409, message: '발송이 시작되었거나 취소된 메시지는 수정할 수 없습니다.' },
  MESSAGE_NOT_CANCELLABLE: { status: 409, message: '발송이 시작되었거나 이미 취소된 메시지는 예약 취소할 수 없습니다.' },
  MESSAGE_VERSION_CONFLICT: { status: 409, message: '다른 곳에서 먼저 수정되었습니다. 새로고침한 뒤 다시 시도해 주세요.' },
  MESSAGE_PROVIDER_NOT_SET: { status: 409, message: '메시지 발송 설정(발송 서비스 키, 발신 번호)이 없습니다. 설정에서 입력해 주세요.' },
  MESSAGE_PROVIDER_CHECK_FAILED: { status: 409, message: '메시지 발송 설정의 연결 확인에 실패했습니다. 설정 > 메시지 발송에서 확인해 주세요.' },
  MESSAGE_PROVIDER_SETTINGS_INVALID: { status: 400, message: '메시지 발송 설정이 올바르지 않습니다.' },
  NOTICE_SETTINGS_INVALID: { status: 400, message: '알림 메시지 설정이 올바르지 않습니다.' },
  NOTICE_EVENT_REQUIRED: { status: 409, message: '수신동의 여부 안내는 법(정보통신망법 제50조 제8항)에 따라 끌 수 없습니다.' },
  NOTICE_EVENT_NOT_FOUND: { status: 404, message: '알림 메시지 종류를 찾을 수 없습니다.' },
  NOTICE_KAKAO_CHANNEL_NOT_SET: { status: 409, message: '카카오 채널 연동 ID(pfId)가 없습니다. 설정 > 메시지 발송에서 입력해 주세요.' },
  NOTICE_TEMPLATE_PROVIDER_FAILED: { status: 502, message: '솔라피에 알림톡 템플릿을 등록하거나 확인하지 못했습니다.' },
  NOTICE_TEST_PHONE_INVALID: { status: 400, message: '테스트 발송을 받을 휴대전화 번호를 입력해 주세요.' },
  MESSAGE_REPORT_SIGNATURE_INVALID: { status: 401, message: '발송 결과 리포트의 인증 토큰이 올바르지 않습니다.' },
  SEND_SETTING_NOT_ALLOWED: { status: 409, message: '직접 선택한 고객에게는 메시지 성과 설정만 할 수 있습니다.' },
  OPT_OUT_NOT_FOUND: { status: 404, message: '수신거부 링크가 올바르지 않습니다.' },
  INTERNAL: { status: 500, message: '서버 오류가 발생했습니다. 잠시 후 다시 시도해 주세요.' },
  // The catalog's pure rules (products, inventory) return these as verdicts (RuleError below).
  BOOKING_TYPE_NOT_ALLOWED: { status: 409, message: '이 업종에서는 선택할 수 없는 예약 유형입니다.' },
  SLOT_LENGTH_INVALID: { status: 400, message: '슬롯 길이는 10분에서 240분 사이, 5분 단위여야 합니다.' },
  SLOT_LENGTH_DOES_NOT_DIVIDE_HOURS: { status: 400, message: '운영시간이 슬롯 길이로 나누어떨어지지 않습니다.' },
  SLOT_CAPACITY_INVALID: { status: 400, message: '슬롯당 예약 인원은 1명에서 50명 사이여야 합니다.' },
  SLOT_HORIZON_INVALID: { status: 400, message: '일정은 1개월에서 최대 6개월 앞까지만 노출할 수 있습니다.' },
  OPERATING_PERIOD_INVALID: { status: 400, message: '운영기간의 시작일은 종료일과 같거나 빨라야 합니다.' },
  OPERATING_PERIODS_OVERLAP: { status: 409, message: '운영기간이 서로 겹칩니다.' },
  OPENING_HOURS_INVALID: { status: 400, message: '운영시간이 올바르지 않습니다. 시작은 종료보다 빨라야 하고, 시간대끼리 겹치면 안 됩니다.' },
  HIDDEN_SLOT_NOT_A_SLOT: { status: 400, message: '노출 OFF 할 수 있는 것은 운영시간 안의 슬롯뿐입니다.' },
  PRODUCT_SCHEDULE_USAGE_INVALID: { status: 400, message: '일정의 이용 일시가 상품의 예약 유형과 맞지 않거나 올바르지 않습니다.' },
  PRODUCT_SCHEDULE_WINDOW_INVALID: { status: 400, message: '일정의 예약 시작 일시는 예약 종료 일시보다 빨라야 합니다.' },
  ALWAYS_REQUIRES_ONE_SCHEDULE: { status: 409, message: '상시형 상품에는 일정(이용기간)이 정확히 하나 있어야 합니다.' },
  PRICE_AMOUNT_INVALID: { status: 400, message: '가격은 0원 이상의 원 단위 정수여야 합니다.' },
  PRICE_PERIOD_INVALID: { status: 400, message: '가격의 예약가능 기간 시작일은 종료일과 같거나 빨라야 합니다.' },
  PRICE_MAX_QUANTITY_NOT_ALLOWED: { status: 409, message: '최대 예약 수량은 예약수량 관리가 날짜/시간별, 날짜별, 기간 내 수량 관리일 때만 설정할 수 있습니다.' },
  PRICE_MAX_QUANTITY_INVALID: { status: 400, message: '최대 예약 수량은 1 이상의 정수여야 합니다.' },
  INVENTORY_MODE_NOT_ALLOWED: { status: 409, message: '이 예약 유형에서는 선택할 수 없는 예약수량 관리 방식입니다.' },
  INVENTORY_QUANTITY_INVALID: { status: 400, message: '예약가능 수량은 0 이상의 정수여야 합니다.' },
  INVENTORY_QUANTITY_MISSING: { status: 400, message: '예약가능 수량이 입력되지 않은 항목이 있습니다.' },
  INVENTORY_QUANTITY_NOT_IN_MODE: { status: 400, message: '예약 스케줄별 수량은 예약 스케줄별(가격별) 관리에서만 입력할 수 있습니다.' },
  INVENTORY_BELOW_TAKEN: { status: 409, message: '이미 예약된 수량보다 적게 줄일 수 없습니다.' },
  BOOKING_SCHEDULE_NO_OVERLAP: { status: 409, message: '일정의 예약 기간과 가격의 예약가능 기간이 최소 1일 이상 겹쳐야 예약 스케줄을 만들 수 있습니다.' },
  BOOKING_SCHEDULE_DUPLICATE: { status: 409, message: '같은 일정과 가격의 예약 스케줄이 이미 있습니다.' },
  BOOKING_SCHEDULE_REFERENCE_INVALID: { status: 400, message: '예약 스케줄의 일정 또는 가격을 찾을 수 없습니다.' },
  BOOKING_SCHEDULE_NOT_FOUND: { status: 404, message: '예약 스케줄을 찾을 수 없습니다.' },
  BOOKING_LINE_INVALID: { status: 400, message: '이 상품의 예약 방식과 맞지 않는 예약입니다.' },
  BOOKING_QUANTITY_INVALID: { status: 400, message: '예약 수량은 1 이상의 정수여야 합니다.' },
  SLOT_NOT_FOUND: { status: 404, message: '예약할 수 있는 시간이 아닙니다.' },
  SLOT_HIDDEN: { status: 409, message: '예약을 받지 않는 시간입니다.' },
  BOOKING_NOT_OPEN_YET: { status: 409, message: '아직 예약을 받지 않습니다. 예약시작 일시 이후에 예약해 주세요.' },
  BOOKING_CLOSED: { status: 409, message: '예약 기간이 끝났습니다.' },
  BOOKING_PAST: { status: 409, message: '이미 지난 일정은 예약할 수 없습니다.' },
  BOOKING_BEYOND_HORIZON: { status: 409, message: '아직 예약을 받지 않는 날짜입니다.' },
  BOOKING_DAY_CLOSED: { status: 409, message: '휴무일이거나 영업시간이 아니어서 예약할 수 없는 시간입니다.' },
  SOLD_OUT: { status: 409, message: '예약 가능한 수량이 부족합니다.' },
  // PAY-1 … PAY-4
  PAYMENT_NOT_FOUND: { status: 404, message: '결제를 찾을 수 없습니다. 처음부터 다시 예약해 주세요.' },
  PAYMENT_REQUIRED: { status: 409, message: '이 상품은 예약할 때 결제합니다. 결제하기로 예약해 주세요.' },
  PAYMENT_NOT_REQUIRED: { status: 409, message: '이 상품은 예약할 때 결제하지 않습니다.' },
  PAYMENT_SETTINGS_MISSING: { status: 409, message: '업체의 결제 설정이 아직 없어 지금은 결제할 수 없습니다. 업체에 문의해 주세요.' },
  PAYMENT_AMOUNT_MISMATCH: { status: 400, message: '결제 금액이 주문 금액과 다릅니다. 결제는 진행되지 않았습니다.' },
  PAYMENT_KEY_MISMATCH: { status: 409, message: '이미 다른 결제로 승인을 요청한 주문입니다.' },
  PAYMENT_EXPIRED: { status: 409, message: '결제 시간이 지났습니다. 결제되지 않았으니 처음부터 다시 예약해 주세요.' },
  PAYMENT_FAILED: { status: 402, message: '결제가 승인되지 않았습니다.' },
  PAYMENT_BELOW_MINIMUM: { status: 400, message: '카드 결제는 100원 이상부터 가능합니다. 쿠폰이나 포인트 사용 금액을 조정해 주세요.' },
  PAYMENT_POINTS_INVALID: { status: 400, message: '사용할 수 있는 포인트가 부족합니다.' },
  PAYMENT_COUPON_NOT_APPLICABLE: { status: 409, message: '이 예약에는 쓸 수 없는 쿠폰입니다.' },
  PAYMENT_NOT_REFUNDABLE: { status: 409, message: '환불할 결제 금액이 남아 있지 않습니다.' },
  PAYMENT_REFUND_IN_PROGRESS: { status: 409, message: '진행 중인 환불이 있습니다. 잠시 후 다시 시도해 주세요.' },
  REFUND_NOT_FOUND: { status: 404, message: '환불 내역을 찾을 수 없습니다.' },
  REFUND_NOT_RETRYABLE: { status: 409, message: '실패한 환불만 다시 시도할 수 있습니다.' },
  PAYMENT_PROVIDER_UNAVAILABLE: { status: 503, message: '결제사와 연결하지 못했습니다. 잠시 후 다시 시도해 주세요.' },
  PAYMENT_PROVIDER_REFUSED: { status: 409, message: '결제사가 요청을 거절했습니다.' },
  PAYMENT_LOCAL_PROVIDER_UNAVAILABLE: { status: 409, message: '로컬 결제 서버(API 주소 local)를 쓸 수 없는 프로세스입니다. 업체의 결제 설정에서 API 주소를 확인해 주세요.' },
  PAYMENT_SETTINGS_INVALID: { status: 400, message: '결제 설정이 올바르지 않습니다.' },
  FEE_RULE_INVALID: { status: 400, message: '수수료율 설정이 올바르지 않습니다.' },
  STATEMENT_PERIOD_INVALID: { status: 400, message: '정산 기간이 올바르지 않습니다.' },
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

/** A pure catalog rule's verdict, thrown as the product's error (its path and figures kept in details). */
export function catalogAppError(error: RuleError): AppError {
  const details = error.path !== undefined || error.details !== undefined ? { ...(error.path !== undefined ? { path: error.path } : {}), ...error.details } : undefined;
  return new AppError(error.code, { message: error.message, details });
}

/** Throws NOT_FOUND-style errors for a missing row: `row ?? notFound('CUSTOMER_NOT_FOUND')`. */
export function notFound(code: ErrorCode): never {
  throw new AppError(code);
}

/**
 * A pure rule's verdict (the catalog's validators, availability and capacity
 * checks): a code, a Korean message for the user, where in the input, and the
 * figures behind it. Returned as a value, not thrown: a validator reports
 * every problem at once, and a capacity check is a decision, not a failure.
 */
export interface RuleError<C extends ErrorCode = ErrorCode> {
  code: C;
  message: string;
  /** Where in the input the problem is, e.g. `prices[2].maxQuantity`. */
  path?: string;
  details?: Readonly<Record<string, unknown>>;
}

export function ruleError<C extends ErrorCode>(code: C, options: { message?: string; path?: string; details?: Record<string, unknown> } = {}): RuleError<C> {
  const error: RuleError<C> = { code, message: options.message ?? errorCodes[code].message };
  if (options.path !== undefined) error.path = options.path;
  if (options.details !== undefined) error.details = options.details;
  return error;
}

export type Result<T, C extends ErrorCode = ErrorCode> = { ok: true; value: T } | { ok: false; error: RuleError<C> };
