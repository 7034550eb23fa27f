import * as productLabels from '../../../shared/labels/products.ts';
import * as settingsLabels from '../../../shared/labels/settings.ts';
import type { EpochMinute, LocalDate, MinuteOfDay } from './calendar.ts';
import type { OpeningRules } from '../../places/index.ts';
import type { StaffTimeRules } from '../../settings/index.ts';

/**
 * BOOK-2..5: the products a business sells on its booking page and the
 * inventory they draw from, as plain data. The words follow 카카오톡 예약하기
 * (seed 001): 시간예약형 products are cut into slots from weekly hours;
 * 날짜/시간형, 날짜형 and 상시형 products join 일정 (schedules) to 가격 (prices)
 * in 예약 스케줄 (booking schedules), the smallest unit a customer books.
 *
 * Instants (예약시작 일시, booking windows, slot starts) are epoch minutes;
 * what the business reads off a wall calendar (usage dates, operating
 * periods, bookable periods of prices) are local dates; times of day are
 * minutes of the day. The business's time zone joins the two, and is given
 * to each computation rather than stored in the product.
 */

/** The business categories of CORE-1; kept equal to the database's `ServiceType` (a type test holds this). */
export const SERVICE_TYPES = ['clinic', 'beauty', 'restaurant', 'retail', 'other'] as const;
export type ServiceType = (typeof SERVICE_TYPES)[number];

export const SERVICE_TYPE_LABELS: Record<ServiceType, string> = settingsLabels.SERVICE_TYPE_LABELS;

/** BOOK-2: chosen when a product is created and never changed afterwards. */
export const BOOKING_TYPES = ['time_slot', 'date_time', 'date', 'always'] as const;
export type BookingType = (typeof BOOKING_TYPES)[number];

export const BOOKING_TYPE_LABELS: Record<BookingType, string> = productLabels.BOOKING_TYPE_LABELS;

/** BOOK-6: 즉시 확정, or 확정대기 until the business confirms or rejects. */
export const CONFIRMATION_MODES = ['instant', 'approval'] as const;
export type ConfirmationMode = (typeof CONFIRMATION_MODES)[number];

export const CONFIRMATION_MODE_LABELS: Record<ConfirmationMode, string> = productLabels.CONFIRMATION_MODE_LABELS;

/** BOOK-6, PAY-1: paid on site, booked without payment (the price is for information), or paid at booking (a checkout: the payments feature). */
export const PAYMENT_MODES = ['on_site', 'none', 'prepaid'] as const;
export type PaymentMode = (typeof PAYMENT_MODES)[number];

export const PAYMENT_MODE_LABELS: Record<PaymentMode, string> = productLabels.PAYMENT_MODE_LABELS;

/**
 * Which booking types each business category may create (BOOK-2).
 *
 * | category     | 시간예약형 | 날짜/시간형 | 날짜형 | 상시형 |
 * |--------------|:--------:|:---------:|:-----:|:-----:|
 * | 병의원형      |    ✓     |     ✓     |       |       |
 * | 뷰티형        |    ✓     |     ✓     |       |   ✓   |
 * | 카페/음식점    |    ✓     |     ✓     |   ✓   |   ✓   |
 * | 도소매        |    ✓     |     ✓     |   ✓   |   ✓   |
 * | 기타          |    ✓     |     ✓     |   ✓   |   ✓   |
 *
 * Why:
 * - 시간예약형 is every business's appointment book: open to all.
 * - 날짜/시간형 sells a fixed session (a vaccination day, a class, a tasting
 *   dinner): every category runs such sessions.
 * - A clinic sees a patient at a time, so 날짜형 (a day without a time) and
 *   상시형 (a voucher used any time in a period) do not fit a visit; prepaid
 *   vouchers for medical care also come close to the medical law's ban on
 *   inducing patients (의료법 제27조 제3항), so they stay off.
 * - A beauty shop sells 상시형 passes (a 이용권 used within a period) but
 *   works by appointment time, so 날짜형 (a whole day) does not fit.
 * - Cafés, restaurants, shops and others sell day tickets, pick-up dates and
 *   vouchers: all four.
 */
export const BOOKING_TYPES_BY_SERVICE_TYPE: Readonly<Record<ServiceType, readonly BookingType[]>> = {
  clinic: ['time_slot', 'date_time'],
  beauty: ['time_slot', 'date_time', 'always'],
  restaurant: ['time_slot', 'date_time', 'date', 'always'],
  retail: ['time_slot', 'date_time', 'date', 'always'],
  other: ['time_slot', 'date_time', 'date', 'always'],
};

export function allowedBookingTypes(serviceType: ServiceType): readonly BookingType[] {
  return BOOKING_TYPES_BY_SERVICE_TYPE[serviceType];
}

/** BOOK-5: how a product counts what is left (예약수량 관리). */
export const INVENTORY_MODES = ['per_booking_schedule', 'per_date_time', 'per_date', 'per_period', 'per_price'] as const;
export type InventoryMode = (typeof INVENTORY_MODES)[number];

export const INVENTORY_MODE_LABELS: Record<InventoryMode, string> = productLabels.INVENTORY_MODE_LABELS;

/**
 * Modes each scheduled booking type may use.
 * - 날짜형 schedules have no time, so "per date and time" would be "per date".
 * - 상시형 has one schedule (its 이용기간): per price is its "per booking
 *   schedule" (seed: "예약 스케줄별 관리와 동일한 개념"), and a quantity for the
 *   whole period, shared by every price, is the other sensible choice.
 */
export const INVENTORY_MODES_BY_BOOKING_TYPE: Readonly<Record<ScheduledBookingType, readonly InventoryMode[]>> = {
  date_time: ['per_booking_schedule', 'per_date_time', 'per_date', 'per_period'],
  date: ['per_booking_schedule', 'per_date', 'per_period'],
  always: ['per_price', 'per_period'],
};

export function allowedInventoryModes(bookingType: ScheduledBookingType): readonly InventoryMode[] {
  return INVENTORY_MODES_BY_BOOKING_TYPE[bookingType];
}

/** Seed: 최대 예약 수량 only with 날짜/시간별, 날짜별 and 기간 내 수량 관리. */
export const PRICE_MAX_MODES: readonly InventoryMode[] = ['per_date_time', 'per_date', 'per_period'];

export function modeAllowsPriceMax(mode: InventoryMode): boolean {
  return PRICE_MAX_MODES.includes(mode);
}

/** Modes whose quantity is set on each booking schedule (예약 스케줄). */
export function quantityOnBookingSchedule(mode: InventoryMode): boolean {
  return mode === 'per_booking_schedule' || mode === 'per_price';
}

/** What a new product gets when its form leaves a setting out. */
export const DEFAULT_TIME_SLOT = { slotMinutes: 30, capacityPerSlot: 1, horizonMonths: 3 } as const;
/** 날짜/시간형: how long a session lasts in the calendar. */
export const DEFAULT_DURATION_MINUTES = 60;
export const DEFAULT_INVENTORY_MODE: Readonly<Record<ScheduledBookingType, InventoryMode>> = { date_time: 'per_booking_schedule', date: 'per_booking_schedule', always: 'per_price' };

// ---------------------------------------------------------------- 시간예약형

/** BOOK-3 limits. */
export const SLOT_MINUTES_MIN = 10;
export const SLOT_MINUTES_MAX = 240;
/** Slot lengths are whole multiples of this, so slots line up on the clock (10, 15, 20, 30, 45, 60 …). */
export const SLOT_MINUTES_STEP = 5;
export const SLOT_CAPACITY_MAX = 50;
/** The schedule is shown (and bookable) up to 6 months ahead. */
export const SLOT_HORIZON_MONTHS_MAX = 6;

export type IsoWeekday = 1 | 2 | 3 | 4 | 5 | 6 | 7;
export const ISO_WEEKDAYS: readonly IsoWeekday[] = [1, 2, 3, 4, 5, 6, 7];
export const WEEKDAY_LABELS: Record<IsoWeekday, string> = productLabels.WEEKDAY_LABELS;

/** Opening hours of one day: [openMinute, closeMinute) in local time; a night past midnight is two ranges on two weekdays. */
export interface OpeningHours {
  openMinute: MinuteOfDay;
  closeMinute: MinuteOfDay;
}

/** Monday (1) … Sunday (7) → the ranges open that weekday, in order; [] = closed. */
export type WeeklyHours = Readonly<Record<IsoWeekday, readonly OpeningHours[]>>;

/** 운영기간: a run of local dates (both inclusive) with its weekly hours and its 예약시작 일시. */
export interface OperatingPeriod {
  id: string;
  from: LocalDate;
  to: LocalDate;
  weeklyHours: WeeklyHours;
  /**
   * 예약시작 일시 (seed: set when the 운영기간 is registered): before this
   * instant the booking button is not shown and booking is refused. null =
   * open as soon as the period is saved.
   */
  bookingOpensAt: EpochMinute | null;
}

export interface TimeSlotProduct {
  id: string;
  name: string;
  bookingType: 'time_slot';
  /** Length of every slot in minutes (10..240, a multiple of 5). */
  slotMinutes: number;
  /** People per slot (1..50). */
  capacityPerSlot: number;
  /** How far ahead slots are shown, in months (1..6). */
  horizonMonths: number;
  operatingPeriods: readonly OperatingPeriod[];
  /** Starts of single slots switched to 노출 OFF. */
  hiddenSlotStarts: readonly EpochMinute[];
  /** OPS-1: when the product's place is closed (its hours, holidays, 임시휴무); absent = never closed. */
  opening?: OpeningRules | undefined;
  /** OPS-2: when the staff the product is assigned to does not work (weekly hours, 휴무·휴가·외근); absent = no staff or always available. */
  staffTime?: StaffTimeRules | undefined;
}

// ---------------------------------------------------- 날짜/시간형, 날짜형, 상시형

export type ScheduledBookingType = Exclude<BookingType, 'time_slot'>;

/** What the customer uses: a date and start time (날짜/시간형), a date (날짜형) or a period (상시형 이용기간). */
export type ScheduleUsage =
  | { kind: 'date_time'; date: LocalDate; startMinute: MinuteOfDay }
  | { kind: 'date'; date: LocalDate }
  | { kind: 'period'; from: LocalDate; to: LocalDate };

export const USAGE_KIND_BY_BOOKING_TYPE: Record<ScheduledBookingType, ScheduleUsage['kind']> = {
  date_time: 'date_time',
  date: 'date',
  always: 'period',
};

/** 일정: a usage with its booking window [bookingOpensAt, bookingClosesAt) (예약 시작/종료 일시). */
export interface Schedule {
  id: string;
  usage: ScheduleUsage;
  bookingOpensAt: EpochMinute;
  bookingClosesAt: EpochMinute;
}

/** 가격: a named amount in 원, bookable on the local dates [bookableFrom, bookableTo] (예약가능 기간). */
export interface Price {
  id: string;
  name: string;
  amount: number;
  bookableFrom: LocalDate;
  bookableTo: LocalDate;
  /** 최대 예약 수량 over every schedule; only in PRICE_MAX_MODES; null = no limit. */
  maxQuantity: number | null;
}

/** 예약 스케줄: a schedule joined to a price. `quantity` is its own stock in per_booking_schedule / per_price modes, else null. */
export interface BookingSchedule {
  id: string;
  scheduleId: string;
  priceId: string;
  quantity: number | null;
}

/**
 * The stock of a scheduled product, one shape per mode (BOOK-5):
 * - per_booking_schedule / per_price: each booking schedule's own `quantity`;
 * - per_date_time: one quantity per usage date and time (`dateTimeKey`),
 *   shared by every price of that session;
 * - per_date: one quantity per usage date, shared by every session that day;
 * - per_period: one quantity for the whole product.
 */
export type Inventory =
  | { mode: 'per_booking_schedule' }
  | { mode: 'per_price' }
  | { mode: 'per_date_time'; quantities: Readonly<Record<string, number>> }
  | { mode: 'per_date'; quantities: Readonly<Record<LocalDate, number>> }
  | { mode: 'per_period'; quantity: number };

export interface ScheduledProduct {
  id: string;
  name: string;
  bookingType: ScheduledBookingType;
  inventory: Inventory;
  schedules: readonly Schedule[];
  prices: readonly Price[];
  bookingSchedules: readonly BookingSchedule[];
  /** OPS-1: when the product's place is closed (its hours, holidays, 임시휴무); absent = never closed. */
  opening?: OpeningRules | undefined;
  /** OPS-2: when the staff the product is assigned to does not work (weekly hours, 휴무·휴가·외근); absent = no staff or always available. */
  staffTime?: StaffTimeRules | undefined;
}

export type Product = TimeSlotProduct | ScheduledProduct;

/** The key of a usage date and time in per_date_time quantities: `'2026-03-10T14:00'`. */
export function dateTimeKey(date: LocalDate, startMinute: MinuteOfDay): string {
  return `${date}T${String(Math.floor(startMinute / 60)).padStart(2, '0')}:${String(startMinute % 60).padStart(2, '0')}`;
}

/** Stock limits of scheduled products (a sanity bound, not a business rule of the seed). */
export const INVENTORY_QUANTITY_MAX = 100_000;
/** Price amounts in 원: whole, non-negative, and below this sanity bound. */
export const PRICE_AMOUNT_MAX = 100_000_000;

// --------------------------------------------------------------- booking lines

/** One line of a booking (one 예약상세번호): a slot, or a booking schedule, with a quantity. */
export type BookingLine =
  | { kind: 'slot'; startMinute: EpochMinute; quantity: number }
  | { kind: 'booking_schedule'; bookingScheduleId: string; quantity: number };
