/** The JSON of the partner center's catalog API (docs/booking-platform.md) as these screens use it. */

export type BookingType = 'time_slot' | 'date_time' | 'date' | 'always';
export type ScheduledBookingType = Exclude<BookingType, 'time_slot'>;
export type InventoryMode = 'per_booking_schedule' | 'per_date_time' | 'per_date' | 'per_period' | 'per_price';
export type OperatingStatus = 'open' | 'paused' | 'closed';
export type ConfirmationMode = 'instant' | 'approval';
export type PaymentMode = 'on_site' | 'none';

export interface PlaceImage {
  id: string;
  width?: number;
  height?: number;
  url?: string;
  urls?: { w320: string; w640: string; w1280: string };
}

export interface ProductSummary {
  id: string;
  name: string;
  bookingType: BookingType;
  exposed: boolean;
  publicUrl?: string;
}

export interface Place {
  id: string;
  name: string;
  category: string;
  address: string;
  phone: string;
  operatingStatus: OperatingStatus;
  exposed: boolean;
  homepage: string;
  introduction: string;
  bookingNotes: string;
  notices: string;
  amenities: string[];
  extraServices: string[];
  checkInTime: string | null;
  checkOutTime: string | null;
  hotelGrade: string | null;
  images: PlaceImage[];
  products?: ProductSummary[];
  publicUrl?: string;
}

export interface CancellationTier {
  hoursBefore: number;
  refundPercent: number;
}

export interface OpeningHours {
  openMinute: number;
  closeMinute: number;
}

/** "1" (Monday) … "7" (Sunday) → ranges; [] = closed. */
export type WeeklyHours = Record<string, OpeningHours[]>;

export interface OperatingPeriod {
  id: string;
  startsOn: string;
  endsOn: string;
  weeklyHours: WeeklyHours;
  bookingOpensAt: string | null;
}

export type ScheduleUsage =
  | { kind: 'date_time'; date: string; startTime: string }
  | { kind: 'date'; date: string }
  | { kind: 'period'; from: string; to: string };

export interface ProductSchedule {
  id: string;
  usage: ScheduleUsage;
  bookingOpensAt: string;
  bookingClosesAt: string;
}

export interface ProductPrice {
  id: string;
  name: string;
  amount: number;
  bookableFrom: string;
  bookableTo: string;
  maxQuantity: number | null;
  /** Booked against 최대 예약 수량. */
  taken?: number;
}

export interface BookingSchedule {
  id: string;
  scheduleId: string;
  priceId: string;
  quantity: number | null;
  taken?: number;
}

export interface StockEntry {
  key: string;
  quantity: number;
  taken?: number;
}

export interface Product {
  id: string;
  placeId: string;
  placeName?: string;
  name: string;
  description: string;
  bookingType: BookingType;
  confirmationMode: ConfirmationMode;
  paymentMode: PaymentMode;
  priceAmount: number | null;
  exposed: boolean;
  departmentId: string | null;
  staffId: string | null;
  maxQuantityPerBooking: number;
  cancellationPolicy: CancellationTier[];
  slotMinutes: number | null;
  capacityPerSlot: number | null;
  horizonMonths: number | null;
  durationMinutes: number | null;
  inventoryMode: InventoryMode | null;
  periodQuantity: number | null;
  version?: number;
  publicUrl?: string;
  operatingPeriods?: OperatingPeriod[];
  schedules?: ProductSchedule[];
  prices?: ProductPrice[];
  bookingSchedules?: BookingSchedule[];
  /** 날짜/시간별 and 날짜별 quantities; some answers give a key → quantity map. */
  stock?: StockEntry[] | Record<string, number>;
}

/** GET /api/catalog/options, normalised by catalogApi.ts. */
export interface BookingTypeOption {
  value: BookingType;
  label: string;
  allowed: boolean;
  reason?: string;
}

export interface InventoryModeOption {
  value: InventoryMode;
  label: string;
}

export interface CatalogOptions {
  bookingTypes: BookingTypeOption[];
  inventoryModes: Record<ScheduledBookingType, InventoryModeOption[]>;
  limits: CatalogLimits;
}

export interface CatalogLimits {
  slotMinutesMin: number;
  slotMinutesMax: number;
  slotMinutesStep: number;
  capacityPerSlotMax: number;
  horizonMonthsMax: number;
  maxQuantityPerBookingMax: number;
  imagesPerPlaceMax: number;
}

export type SlotStatus = 'bookable' | 'sold_out' | 'not_open' | 'past' | 'hidden';

export interface AvailabilitySlot {
  startsAt: string;
  endsAt: string;
  localTime: string;
  capacity: number;
  remaining: number;
  status: SlotStatus;
}

export interface TimeSlotAvailability {
  kind: 'time_slot';
  lastDate?: string;
  days: { date: string; weekday: number; slots: AvailabilitySlot[] }[];
}
