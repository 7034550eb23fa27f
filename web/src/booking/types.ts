/**
 * The JSON of the public booking API (docs/booking-platform.md, "Public API")
 * as the booking page reads it. Fields the page can live without are optional,
 * so a leaner server answer still renders.
 */

export type BookingType = 'time_slot' | 'date_time' | 'date' | 'always';
export type ConfirmationMode = 'instant' | 'approval';
export type PaymentMode = 'on_site' | 'none';
export type BookingStatus = 'pending' | 'confirmed' | 'completed' | 'cancelled' | 'rejected';

export interface CancellationTier {
  hoursBefore: number;
  refundPercent: number;
}

export interface PublicImage {
  id: string;
  width?: number;
  height?: number;
}

export interface PublicProductSummary {
  id: string;
  name: string;
  description?: string;
  bookingType: BookingType;
  confirmationMode: ConfirmationMode;
  paymentMode?: PaymentMode;
  /** 시간예약형: the price of one person; scheduled types: the lowest price, when the server gives it. */
  priceAmount?: number | null;
  /** The lowest and highest price (시간예약형: priceAmount). */
  minAmount?: number | null;
  maxAmount?: number | null;
  bookingOpensAt?: string | null;
}

export interface PublicPlace {
  id: string;
  name: string;
  category?: string;
  address?: string;
  phone?: string;
  operatingStatus?: 'open' | 'paused' | 'closed';
  homepage?: string;
  introduction?: string;
  bookingNotes?: string;
  notices?: string;
  amenities?: string[];
  extraServices?: string[];
  checkInTime?: string | null;
  checkOutTime?: string | null;
  images?: PublicImage[];
  business?: { name: string; phone?: string; timeZone?: string };
  businessName?: string;
  products: PublicProductSummary[];
}

export interface PublicPrice {
  id: string;
  name: string;
  amount: number;
}

export interface PublicProduct extends PublicProductSummary {
  slotMinutes?: number | null;
  durationMinutes?: number | null;
  maxQuantityPerBooking: number;
  cancellationPolicy: CancellationTier[];
  prices?: PublicPrice[];
  place: { id: string; name: string; address?: string; phone?: string };
  business?: { name?: string; timeZone?: string };
  timeZone?: string;
}

export type SlotStatus = 'bookable' | 'sold_out' | 'not_open' | 'past';

export interface Slot {
  startsAt: string;
  endsAt: string;
  localTime: string;
  capacity: number;
  remaining: number;
  status: SlotStatus;
}

export interface SlotDay {
  date: string;
  weekday: number;
  slots: Slot[];
}

export type Usage =
  | { kind: 'date_time'; date: string; startTime: string }
  | { kind: 'date'; date: string }
  | { kind: 'period'; from: string; to: string };

export type BookingScheduleStatus = 'bookable' | 'sold_out' | 'not_open' | 'closed' | 'past';

export interface BookingScheduleAvailability {
  id: string;
  scheduleId: string;
  priceId: string;
  usage: Usage;
  priceName: string;
  amount: number;
  remaining: number;
  status: BookingScheduleStatus;
}

export type Availability =
  | { kind: 'time_slot'; lastDate?: string | null; days: SlotDay[] }
  | { kind: 'scheduled'; bookingSchedules: BookingScheduleAvailability[] };

export type BookingLineInput = { startsAt: string; quantity: number } | { bookingScheduleId: string; quantity: number };

export interface Hold {
  holdId: string;
  expiresAt: string;
}

export interface PublicBookingLine {
  detailNumber: string;
  priceName: string;
  unitAmount: number;
  quantity: number;
}

export interface PublicBooking {
  bookingNumber: string;
  status: BookingStatus;
  statusLabel: string;
  place: { id: string; name: string };
  product: { id: string; name: string; bookingType: BookingType };
  usageStartsAt: string;
  usageEndsAt: string;
  usageLabel: string;
  customerName: string;
  customerPhone: string;
  totalAmount: number;
  totalQuantity: number;
  paymentMode: PaymentMode;
  request?: string;
  lines: PublicBookingLine[];
  cancellation: {
    canCancel: boolean;
    deadline: string | null;
    refundPercent: number | null;
    policy: CancellationTier[];
  };
  /** The refund share applied when the booking was cancelled. */
  refundPercent?: number | null;
  cancelledBy?: 'customer' | 'business' | null;
  createdAt: string;
}
