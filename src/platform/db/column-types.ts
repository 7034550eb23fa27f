import type { ColumnType } from 'kysely';

/**
 * The domain's types of database columns that the schema alone cannot tell:
 * the values a text column's check constraint allows, the shape of a JSON
 * column, what the drivers return. scripts/gen-db-types.ts says which column
 * has which (its `columnTypes`); types.gen.ts imports them from here.
 */

export type ServiceType = 'clinic' | 'beauty' | 'restaurant' | 'retail' | 'other';
export type UserRole = 'admin' | 'member';
export type StaffKind = 'user' | 'resource' | 'naver' | 'booking_page';
/** OPS-2: 휴무, 휴가, 외근. */
export type StaffAbsenceKind = 'day_off' | 'vacation' | 'field_work';
export type ScheduleStatus = 'pending' | 'confirmed' | 'cancelled' | 'completed' | 'no_show';
export type ScheduleSource = 'manual' | 'naver' | 'booking_page';
export type OutboxStatus = 'pending' | 'sent' | 'failed';
export type PlaceOperatingStatus = 'open' | 'paused' | 'closed';
export type BookingTypeColumn = 'time_slot' | 'date_time' | 'date' | 'always';
export type InventoryModeColumn = 'per_booking_schedule' | 'per_date_time' | 'per_date' | 'per_period' | 'per_price';
export type ConfirmationMode = 'instant' | 'approval';
export type PaymentMode = 'on_site' | 'none' | 'prepaid';
export type PaymentStatus = 'pending' | 'confirming' | 'paid' | 'failed' | 'expired' | 'refund_pending' | 'partially_refunded' | 'refunded';
export type PaymentMainMethod = 'card' | 'kakaopay_card' | 'kakaopay_money' | 'other';
export type RefundKind = 'booking_cancel' | 'payment_only' | 'unfulfillable' | 'external';
export type RefundStatus = 'requested' | 'processing' | 'succeeded' | 'failed';
export type FeeMethodColumn = 'card' | 'kakaopay_card' | 'kakaopay_money' | 'points';
export type RevenueGradeColumn = 'small' | 'medium1' | 'medium2' | 'medium3' | 'general';
export type BookingStatus = 'pending' | 'confirmed' | 'completed' | 'cancelled' | 'rejected';
export type VisitSource = 'pos' | 'schedule' | 'import';
export type MessageChannel = 'alimtalk' | 'sms' | 'lms';
export type MessageStatus = 'scheduled' | 'waiting' | 'sending' | 'sent' | 'cancelled' | 'failed';
export type RecipientStatus = 'pending' | 'accepted' | 'sent' | 'delivered' | 'failed';
export type NoticeStatus = 'pending' | 'sending' | 'accepted' | 'sent' | 'delivered' | 'failed' | 'cancelled';
export type CouponValidity = 'same_day' | '3d' | '7d' | '30d' | '90d' | '365d';
export type CustomerImportStatus = 'queued' | 'running' | 'done' | 'failed';
export type ConsentKind = 'privacy' | 'marketing';
export type ConsentSource = 'booking_page' | 'shop' | 'opt_out_link' | 'import' | 'merge' | 'anonymised';

/**
 * json/jsonb: both drivers parse the value, whose shape the feature that owns
 * the column decodes (unknown until a column's type here says more). It is
 * written as JSON text (JSON.stringify), since pg would send a JS array as a
 * SQL array.
 */
export type JsonText<T = unknown> = ColumnType<T, string, string>;

/** bigint: pg reads it as a string, PGlite as a number. */
export type Int8Column = ColumnType<string | number, string | number | bigint, string | number | bigint>;

/** A column the database computes (a generated column, a trigger's count): read, never written. */
export type Computed<T> = ColumnType<T, never, never>;
