import type { Insertable, Selectable, Updateable } from 'kysely';
import type { DB } from './types.gen.ts';

/**
 * Kysely's view of the schema: generated from the migrations into
 * types.gen.ts (`npm run gen:db`), named here per table and row for the
 * features; the domain's column types come from column-types.ts.
 */
export type { DB };
export type {
  BookingStatus,
  BookingTypeColumn,
  ConfirmationMode,
  ConsentKind,
  ConsentSource,
  CouponValidity,
  CustomerImportStatus,
  InventoryModeColumn,
  MessageChannel,
  MessageStatus,
  NoticeStatus,
  OutboxStatus,
  PaymentMainMethod,
  PaymentMode,
  PaymentStatus,
  FeeMethodColumn,
  RefundKind,
  RefundStatus,
  RevenueGradeColumn,
  PlaceOperatingStatus,
  RecipientStatus,
  ScheduleSource,
  ScheduleStatus,
  ServiceType,
  StaffAbsenceKind,
  StaffKind,
  UserRole,
  VisitSource,
} from './column-types.ts';

export type BusinessesTable = DB['businesses'];
export type PermissionGroupsTable = DB['permission_groups'];
export type UsersTable = DB['users'];
export type SessionsTable = DB['sessions'];
export type RateLimitsTable = DB['rate_limits'];
export type InstallationSecretsTable = DB['installation_secrets'];
export type DepartmentsTable = DB['departments'];
export type StaffTable = DB['staff'];
export type MemoTypesTable = DB['memo_types'];
export type CustomersTable = DB['customers'];
export type SchedulesTable = DB['schedules'];
export type ScheduleMemosTable = DB['schedule_memos'];
export type ScheduleHistoryTable = DB['schedule_history'];
export type NotificationsTable = DB['notifications'];
export type NaverConnectionsTable = DB['naver_connections'];
export type NaverBookingsTable = DB['naver_bookings'];
export type NaverInboundEventsTable = DB['naver_inbound_events'];
export type ChannelOutboxTable = DB['channel_outbox'];
export type PlacesTable = DB['places'];
export type PlaceImagesTable = DB['place_images'];
export type PlaceHolidayOverridesTable = DB['place_holiday_overrides'];
export type PlaceClosuresTable = DB['place_closures'];
export type ProductsTable = DB['products'];
export type ProductOperatingPeriodsTable = DB['product_operating_periods'];
export type ProductHiddenSlotsTable = DB['product_hidden_slots'];
export type ProductSchedulesTable = DB['product_schedules'];
export type ProductPricesTable = DB['product_prices'];
export type ProductBookingSchedulesTable = DB['product_booking_schedules'];
export type ProductStockTable = DB['product_stock'];
export type BookingsTable = DB['bookings'];
export type BookingLinesTable = DB['booking_lines'];
export type BookingHoldsTable = DB['booking_holds'];
export type CapacityClaimsTable = DB['capacity_claims'];
export type BookingInquiriesTable = DB['booking_inquiries'];
export type CustomerGradesTable = DB['customer_grades'];
export type CustomerTagsTable = DB['customer_tags'];
export type CustomerVisitsTable = DB['customer_visits'];
export type PosApiKeysTable = DB['pos_api_keys'];
export type MessageDraftsTable = DB['message_drafts'];
export type MessagesTable = DB['messages'];
export type MessageRecipientsTable = DB['message_recipients'];
export type CustomerNoticesTable = DB['customer_notices'];
export type MessageBatchesTable = DB['message_batches'];
export type MarketingOptOutsTable = DB['marketing_opt_outs'];
export type MessageProviderSettingsTable = DB['message_provider_settings'];
export type CustomerImportsTable = DB['customer_imports'];
export type ConsentEventsTable = DB['consent_events'];
export type CustomerErasuresTable = DB['customer_erasures'];
export type BackupRunsTable = DB['backup_runs'];
export type SchemaMigrationsTable = DB['schema_migrations'];

export type Business = Selectable<BusinessesTable>;
export type User = Selectable<UsersTable>;
export type Department = Selectable<DepartmentsTable>;
export type Staff = Selectable<StaffTable>;
export type MemoType = Selectable<MemoTypesTable>;
export type PermissionGroup = Selectable<PermissionGroupsTable>;
export type Customer = Selectable<CustomersTable>;
export type NewCustomer = Insertable<CustomersTable>;
export type CustomerUpdate = Updateable<CustomersTable>;
export type Schedule = Selectable<SchedulesTable>;
export type ConsentEvent = Selectable<ConsentEventsTable>;
export type Notification = Selectable<NotificationsTable>;

export type PaymentSettingsTable = DB['payment_settings'];
export type PaymentsTable = DB['payments'];
export type PaymentAllocationsTable = DB['payment_allocations'];
export type RefundsTable = DB['refunds'];
export type SettlementLinesTable = DB['settlement_lines'];
