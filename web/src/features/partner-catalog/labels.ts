import type { BookingType, ConfirmationMode, InventoryMode, ScheduledBookingType, ServiceType, SlotStatus } from '../../api/models';
import { BOOKING_TYPE_LABELS, INVENTORY_MODE_LABELS, WEEKDAY_LABELS as SHARED_WEEKDAY_LABELS } from '../../../../src/shared/labels/products';

/**
 * The partner center's own words about places and products: help texts, why
 * a booking type is closed to a category, and the table the forms use until
 * /api/catalog/options answers. The names of the server's values come from
 * src/shared/labels/products.ts.
 */

export interface CatalogLimits {
  slotMinutesMin: number;
  slotMinutesMax: number;
  slotMinutesStep: number;
  capacityPerSlotMax: number;
  horizonMonthsMax: number;
  maxQuantityPerBookingMax: number;
  imagesPerPlaceMax: number;
}

export interface BookingTypeChoice {
  value: BookingType;
  label: string;
  allowed: boolean;
  reason?: string;
}

/** What the product forms may choose, for the business's category. */
export interface CatalogChoices {
  bookingTypes: BookingTypeChoice[];
  inventoryModes: Record<ScheduledBookingType, { value: InventoryMode; label: string }[]>;
  limits: CatalogLimits;
}

export const BOOKING_TYPE_HELP: Record<BookingType, string> = {
  time_slot: '운영기간의 요일별 운영시간을 슬롯으로 나눠 예약을 받습니다. 진료·시술·상담 예약에 맞습니다.',
  date_time: '날짜와 시작 시간이 정해진 회차(클래스, 행사, 접종일)를 일정으로 등록해 팝니다.',
  date: '시간 없이 날짜만 고르는 상품(1일 이용권, 픽업 날짜)입니다.',
  always: '하나의 이용기간 안에서 언제든 쓰는 이용권입니다.',
};

export const INVENTORY_MODE_HELP: Record<InventoryMode, string> = {
  per_booking_schedule: '일정과 가격을 연결한 예약 스케줄마다 예약가능 수량을 정합니다.',
  per_date_time: '같은 날짜·시간의 예약 스케줄이 하나의 수량을 함께 씁니다.',
  per_date: '같은 날짜의 예약 스케줄이 하나의 수량을 함께 씁니다.',
  per_period: '상품 전체에 하나의 수량을 정합니다.',
  per_price: '이용기간에 등록된 가격마다 예약가능 수량을 정합니다.',
};

export const INVENTORY_MODES_BY_BOOKING_TYPE: Record<ScheduledBookingType, InventoryMode[]> = {
  date_time: ['per_booking_schedule', 'per_date_time', 'per_date', 'per_period'],
  date: ['per_booking_schedule', 'per_date', 'per_period'],
  always: ['per_price', 'per_period'],
};

const BOOKING_TYPES_BY_SERVICE_TYPE: Record<ServiceType, BookingType[]> = {
  clinic: ['time_slot', 'date_time'],
  beauty: ['time_slot', 'date_time', 'always'],
  restaurant: ['time_slot', 'date_time', 'date', 'always'],
  retail: ['time_slot', 'date_time', 'date', 'always'],
  other: ['time_slot', 'date_time', 'date', 'always'],
};

/** Why a type is off for a category (src/features/products explains the table). */
const NOT_ALLOWED_REASONS: Partial<Record<ServiceType, Partial<Record<BookingType, string>>>> = {
  clinic: {
    date: '병의원형은 진료 시간이 있는 예약만 받을 수 있습니다.',
    always: '병의원형은 기간 이용권을 팔 수 없습니다 (의료법상 환자 유인 금지).',
  },
  beauty: { date: '뷰티형은 시간 없이 날짜만 고르는 예약을 받지 않습니다.' },
};

export const CONFIRMATION_MODE_HELP: Record<ConfirmationMode, string> = {
  instant: '예약하면 바로 예약확정이 됩니다.',
  approval: '확정대기로 들어오고, 업체가 확정하거나 거절합니다.',
};

export const WEEKDAYS = ['1', '2', '3', '4', '5', '6', '7'] as const;
export const WEEKDAY_LABELS: Record<string, string> = SHARED_WEEKDAY_LABELS;

export const DEFAULT_LIMITS: CatalogLimits = {
  slotMinutesMin: 10,
  slotMinutesMax: 240,
  slotMinutesStep: 5,
  capacityPerSlotMax: 50,
  horizonMonthsMax: 6,
  maxQuantityPerBookingMax: 50,
  imagesPerPlaceMax: 20,
};

/** What the screens fall back on while /api/catalog/options is missing or loading. */
export function fallbackOptions(serviceType: ServiceType): CatalogChoices {
  const allowed = BOOKING_TYPES_BY_SERVICE_TYPE[serviceType] ?? BOOKING_TYPES_BY_SERVICE_TYPE.other;
  return {
    bookingTypes: (Object.keys(BOOKING_TYPE_LABELS) as BookingType[]).map((value) => ({
      value,
      label: BOOKING_TYPE_LABELS[value],
      allowed: allowed.includes(value),
      reason: allowed.includes(value) ? undefined : (NOT_ALLOWED_REASONS[serviceType]?.[value] ?? '이 업종에서는 선택할 수 없습니다.'),
    })),
    inventoryModes: {
      date_time: INVENTORY_MODES_BY_BOOKING_TYPE.date_time.map((value) => ({ value, label: INVENTORY_MODE_LABELS[value] })),
      date: INVENTORY_MODES_BY_BOOKING_TYPE.date.map((value) => ({ value, label: INVENTORY_MODE_LABELS[value] })),
      always: INVENTORY_MODES_BY_BOOKING_TYPE.always.map((value) => ({ value, label: INVENTORY_MODE_LABELS[value] })),
    },
    limits: DEFAULT_LIMITS,
  };
}

/** Seed: 최대 예약 수량 only with 날짜/시간별, 날짜별 and 기간 내 수량 관리. */
export function modeAllowsPriceMax(mode: InventoryMode | null): boolean {
  return mode === 'per_date_time' || mode === 'per_date' || mode === 'per_period';
}

/** Modes whose quantity is set on each 예약 스케줄. */
export function quantityOnBookingSchedule(mode: InventoryMode | null): boolean {
  return mode === 'per_booking_schedule' || mode === 'per_price';
}

/** The partner center's week of slots (BOOK-3). */
export const SLOT_STATUS_LABELS: Record<SlotStatus, string> = {
  bookable: '예약가능',
  sold_out: '마감',
  not_open: '예약시작 전',
  past: '지난 시간',
  hidden: '노출 OFF',
  closed: '휴무',
};
