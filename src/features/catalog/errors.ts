/**
 * The catalog's error codes, in the shape of `errorCodes` in src/lib/errors.ts
 * (status + default Korean message), so the service layer can add them to
 * the one registry and throw `AppError(code, { message, details })`.
 * The pure rules return these as values instead of throwing: a validator
 * reports every problem of a product at once, and availability and
 * capacity checks are decisions, not failures.
 */
export const catalogErrorCodes = {
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
  SOLD_OUT: { status: 409, message: '예약 가능한 수량이 부족합니다.' },
} as const satisfies Record<string, { status: number; message: string }>;

export type CatalogErrorCode = keyof typeof catalogErrorCodes;

/** A rule's verdict: a code, a Korean message for the user, where in the product, and the figures behind it. */
export interface CatalogError<C extends CatalogErrorCode = CatalogErrorCode> {
  code: C;
  message: string;
  /** Where in the product the problem is, e.g. `prices[2].maxQuantity`. */
  path?: string;
  details?: Readonly<Record<string, unknown>>;
}

export function catalogError<C extends CatalogErrorCode>(
  code: C,
  options: { message?: string; path?: string; details?: Record<string, unknown> } = {},
): CatalogError<C> {
  const error: CatalogError<C> = { code, message: options.message ?? catalogErrorCodes[code].message };
  if (options.path !== undefined) error.path = options.path;
  if (options.details !== undefined) error.details = options.details;
  return error;
}

export type Result<T, C extends CatalogErrorCode = CatalogErrorCode> = { ok: true; value: T } | { ok: false; error: CatalogError<C> };
