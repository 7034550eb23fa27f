import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely';

/** Kysely's view of the schema in migrations/*.sql. Keep in step with them. */
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type CreatedAt = ColumnType<Date, Date | string | undefined, never>;
type Json = ColumnType<unknown, string, string>;

export type ServiceType = 'clinic' | 'beauty' | 'restaurant' | 'retail' | 'other';
export type UserRole = 'admin' | 'member';
export type StaffKind = 'user' | 'resource' | 'naver' | 'booking_page';
export type ScheduleStatus = 'pending' | 'confirmed' | 'cancelled' | 'completed';
export type ScheduleSource = 'manual' | 'naver' | 'booking_page';

export interface BusinessesTable {
  id: Generated<string>;
  name: string;
  service_type: ServiceType;
  time_zone: Generated<string>;
  phone: Generated<string>;
  departments_enabled: Generated<boolean>;
  created_at: CreatedAt;
}

export interface PermissionGroupsTable {
  id: Generated<string>;
  business_id: string;
  name: string;
  permissions: Generated<string[]>;
  created_at: CreatedAt;
}

export interface UsersTable {
  id: Generated<string>;
  business_id: string;
  email: string;
  password_hash: string;
  name: string;
  role: UserRole;
  permission_group_id: string | null;
  active: Generated<boolean>;
  created_at: CreatedAt;
}

export interface SessionsTable {
  token_hash: string;
  user_id: string;
  business_id: string;
  created_at: CreatedAt;
  expires_at: Timestamp;
}

export interface RateLimitsTable {
  key: string;
  points: Generated<number>;
  expire: string | null;
}

export interface InstallationSecretsTable {
  name: string;
  secret: string;
  created_at: CreatedAt;
}

export interface DepartmentsTable {
  id: Generated<string>;
  business_id: string;
  name: string;
  color: Generated<string>;
  sort_order: Generated<number>;
  naver_product_id: Generated<string | null>;
  created_at: CreatedAt;
}

export interface StaffTable {
  id: Generated<string>;
  business_id: string;
  name: string;
  kind: StaffKind;
  user_id: string | null;
  department_id: string | null;
  color: Generated<string>;
  sort_order: Generated<number>;
  active: Generated<boolean>;
  created_at: CreatedAt;
}

export interface MemoTypesTable {
  id: Generated<string>;
  business_id: string;
  name: string;
  sort_order: Generated<number>;
  visible: Generated<boolean>;
  created_at: CreatedAt;
}

export interface CustomersTable {
  id: Generated<string>;
  business_id: string;
  name: string;
  phone: string;
  phone_last4: ColumnType<string, never, never>;
  memo: Generated<string>;
  grade: string | null;
  tags: Generated<string[]>;
  marketing_consent: Generated<boolean>;
  marketing_consent_at: Timestamp | null;
  night_ad_consent: Generated<boolean>;
  points_held: Generated<number>;
  points_accumulated: Generated<number>;
  visit_count: Generated<number>;
  accrual_count: Generated<number>;
  first_accrual_at: Date | null;
  last_visit_at: Date | null;
  marketing_opted_out_at: Date | null;
  created_at: CreatedAt;
  updated_at: Timestamp;
}

export interface SchedulesTable {
  id: Generated<string>;
  business_id: string;
  customer_id: string;
  staff_id: string;
  department_id: string | null;
  starts_at: Timestamp;
  ends_at: Timestamp;
  status: ScheduleStatus;
  source: ScheduleSource;
  title: Generated<string>;
  version: Generated<number>;
  /** Kept by a trigger on schedule_memos (0004_schedules.sql). */
  memo_count: ColumnType<number, never, never>;
  created_by: string | null;
  created_at: CreatedAt;
  updated_at: Timestamp;
}

export interface ScheduleMemosTable {
  id: Generated<string>;
  business_id: string;
  schedule_id: string;
  memo_type_id: string;
  body: string;
  created_by: string | null;
  created_at: CreatedAt;
}

export interface ScheduleHistoryTable {
  id: Generated<string>;
  business_id: string;
  schedule_id: string;
  user_id: string | null;
  actor_label: string | null;
  action: string;
  changes: Json;
  at: CreatedAt;
}

export interface NotificationsTable {
  id: Generated<string>;
  business_id: string;
  user_id: string;
  kind: string;
  title: string;
  body: Generated<string>;
  schedule_id: string | null;
  read_at: Timestamp | null;
  created_at: CreatedAt;
}

export interface NaverConnectionsTable {
  business_id: string;
  enabled: Generated<boolean>;
  secret: string;
  outbound_url: string | null;
  memo_type_id: string | null;
  updated_at: Timestamp;
}

export interface NaverBookingsTable {
  business_id: string;
  booking_id: string;
  schedule_id: string;
  revision: number;
  product_id: string;
  created_at: CreatedAt;
  updated_at: Timestamp;
}

export interface NaverInboundEventsTable {
  business_id: string;
  event_id: string;
  booking_id: string;
  type: string;
  revision: number;
  outcome: 'created' | 'updated' | 'stale';
  received_at: CreatedAt;
}

export type OutboxStatus = 'pending' | 'sent' | 'failed';

export interface ChannelOutboxTable {
  id: Generated<string>;
  business_id: string;
  channel: 'naver';
  schedule_id: string;
  command: 'confirm' | 'cancel' | 'complete' | 'change_product';
  payload: Json;
  status: Generated<OutboxStatus>;
  attempts: Generated<number>;
  last_error: string | null;
  created_at: CreatedAt;
  sent_at: Timestamp | null;
}

export type PlaceOperatingStatus = 'open' | 'paused' | 'closed';
export type BookingTypeColumn = 'time_slot' | 'date_time' | 'date' | 'always';
export type InventoryModeColumn = 'per_booking_schedule' | 'per_date_time' | 'per_date' | 'per_period' | 'per_price';
export type ConfirmationMode = 'instant' | 'approval';
export type PaymentMode = 'on_site' | 'none';
export type BookingStatus = 'pending' | 'confirmed' | 'completed' | 'cancelled' | 'rejected';
/** A SQL `date`: kept as 'YYYY-MM-DD' text by both drivers (src/db/database.ts). */
type DateText = ColumnType<string, string, string>;

export interface PlacesTable {
  id: Generated<string>;
  business_id: string;
  name: string;
  category: Generated<string>;
  address: Generated<string>;
  phone: Generated<string>;
  operating_status: Generated<PlaceOperatingStatus>;
  exposed: Generated<boolean>;
  homepage: Generated<string>;
  introduction: Generated<string>;
  booking_notes: Generated<string>;
  notices: Generated<string>;
  amenities: Generated<string[]>;
  extra_services: Generated<string[]>;
  check_in_time: string | null;
  check_out_time: string | null;
  hotel_grade: string | null;
  sort_order: Generated<number>;
  created_at: CreatedAt;
  updated_at: Timestamp;
}

export interface PlaceImagesTable {
  id: Generated<string>;
  business_id: string;
  place_id: string;
  file_name: string;
  content_type: string;
  width: number;
  height: number;
  byte_size: number;
  sort_order: Generated<number>;
  created_at: CreatedAt;
}

export interface ProductsTable {
  id: Generated<string>;
  business_id: string;
  place_id: string;
  name: string;
  description: Generated<string>;
  booking_type: BookingTypeColumn;
  confirmation_mode: ConfirmationMode;
  payment_mode: Generated<PaymentMode>;
  price_amount: number | null;
  exposed: Generated<boolean>;
  department_id: string | null;
  staff_id: string | null;
  slot_minutes: number | null;
  capacity_per_slot: number | null;
  horizon_months: number | null;
  duration_minutes: number | null;
  inventory_mode: InventoryModeColumn | null;
  period_quantity: number | null;
  max_quantity_per_booking: Generated<number>;
  cancellation_policy: ColumnType<unknown, string | undefined, string>;
  sort_order: Generated<number>;
  version: Generated<number>;
  created_at: CreatedAt;
  updated_at: Timestamp;
}

export interface ProductOperatingPeriodsTable {
  id: Generated<string>;
  business_id: string;
  product_id: string;
  starts_on: DateText;
  ends_on: DateText;
  weekly_hours: Json;
  booking_opens_at: Date | null;
}

export interface ProductHiddenSlotsTable {
  business_id: string;
  product_id: string;
  starts_at: Date;
}

export interface ProductSchedulesTable {
  id: Generated<string>;
  business_id: string;
  product_id: string;
  usage_date: DateText | null;
  usage_start_minute: number | null;
  usage_from: DateText | null;
  usage_to: DateText | null;
  booking_opens_at: Date;
  booking_closes_at: Date;
}

export interface ProductPricesTable {
  id: Generated<string>;
  business_id: string;
  product_id: string;
  name: string;
  amount: number;
  bookable_from: DateText;
  bookable_to: DateText;
  max_quantity: number | null;
  sort_order: Generated<number>;
}

export interface ProductBookingSchedulesTable {
  id: Generated<string>;
  business_id: string;
  product_id: string;
  schedule_id: string;
  price_id: string;
  quantity: number | null;
}

export interface ProductStockTable {
  business_id: string;
  product_id: string;
  stock_key: string;
  quantity: number;
}

export interface BookingsTable {
  id: Generated<string>;
  business_id: string;
  booking_number: string;
  place_id: string;
  product_id: string;
  customer_id: string;
  schedule_id: string | null;
  customer_name: string;
  customer_phone: string;
  request: Generated<string>;
  status: BookingStatus;
  usage_starts_at: Date;
  usage_ends_at: Date;
  usage_label: string;
  total_amount: number;
  total_quantity: number;
  cancelled_by: 'customer' | 'business' | null;
  cancel_reason: string | null;
  refund_percent: number | null;
  created_at: CreatedAt;
  confirmed_at: Date | null;
  cancelled_at: Date | null;
  completed_at: Date | null;
  updated_at: Timestamp;
}

export interface BookingLinesTable {
  id: Generated<string>;
  business_id: string;
  booking_id: string;
  detail_number: string;
  line_no: number;
  slot_starts_at: Date | null;
  booking_schedule_id: string | null;
  price_name: string;
  unit_amount: number;
  quantity: number;
}

export interface BookingHoldsTable {
  id: Generated<string>;
  business_id: string;
  product_id: string;
  lines: Json;
  expires_at: Date;
  client_key: Generated<string>;
  quantity: Generated<number>;
  created_at: CreatedAt;
}

export interface CapacityClaimsTable {
  id: Generated<string>;
  business_id: string;
  product_id: string;
  pool_key: string;
  usage_day: DateText | null;
  quantity: number;
  booking_id: string | null;
  hold_id: string | null;
  expires_at: Date | null;
}

export interface BookingInquiriesTable {
  id: Generated<string>;
  business_id: string;
  place_id: string;
  product_id: string | null;
  author_name: string;
  author_phone: string;
  body: string;
  reply: string | null;
  replied_at: Date | null;
  replied_by: string | null;
  created_at: CreatedAt;
}

export type VisitSource = 'pos' | 'schedule' | 'import';
export type MessageChannel = 'alimtalk' | 'sms' | 'lms';
export type MessageStatus = 'scheduled' | 'waiting' | 'sending' | 'sent' | 'cancelled' | 'failed';
export type RecipientStatus = 'pending' | 'accepted' | 'sent' | 'delivered' | 'failed';
export type CouponValidity = 'same_day' | '3d' | '7d' | '30d' | '90d' | '365d';

export interface CustomerGradesTable {
  id: Generated<string>;
  business_id: string;
  name: string;
  sort_order: Generated<number>;
  created_at: CreatedAt;
}

export interface CustomerTagsTable {
  id: Generated<string>;
  business_id: string;
  name: string;
  created_at: CreatedAt;
}

export interface CustomerVisitsTable {
  id: Generated<string>;
  business_id: string;
  customer_id: string;
  visited_at: Date;
  source: VisitSource;
  pos_visit_id: string | null;
  schedule_id: string | null;
  amount: Generated<number>;
  points_earned: Generated<number>;
  points_used: Generated<number>;
  created_at: CreatedAt;
}

export interface PosApiKeysTable {
  id: Generated<string>;
  business_id: string;
  name: string;
  key_hash: string;
  key_prefix: string;
  created_at: CreatedAt;
  last_used_at: Date | null;
  revoked_at: Date | null;
}

export interface MessageDraftsTable {
  business_id: string;
  content: Json;
  saved_by: string | null;
  saved_at: Timestamp;
}

export interface MessagesTable {
  id: Generated<string>;
  business_id: string;
  channel: MessageChannel;
  template_key: string;
  title: string;
  body: string;
  coupon: Json;
  coupon_validity: CouponValidity;
  audience: Json;
  settings: Json;
  advertising: Generated<boolean>;
  status: MessageStatus;
  status_reason: string | null;
  send_at: Date;
  started_at: Date | null;
  finished_at: Date | null;
  recipient_count: Generated<number>;
  excluded_count: Generated<number>;
  version: Generated<number>;
  created_by: string | null;
  created_at: CreatedAt;
  updated_at: Timestamp;
}

export interface MessageRecipientsTable {
  id: Generated<string>;
  business_id: string;
  message_id: string;
  customer_id: string | null;
  name: string;
  phone: string;
  batch_no: number;
  status: Generated<RecipientStatus>;
  status_code: string | null;
  status_reason: string | null;
  provider_message_id: string | null;
  coupon_code: string;
  coupon_expires_at: Date;
  coupon_redeemed_at: Date | null;
  opt_out_token: string;
  status_at: Timestamp;
}

export interface MessageBatchesTable {
  business_id: string;
  message_id: string;
  batch_no: number;
  provider_group_id: string | null;
  status: Generated<'pending' | 'sent'>;
  sent_at: Date | null;
  lease_token: string | null;
  lease_until: Date | null;
}

export interface MarketingOptOutsTable {
  business_id: string;
  phone: string;
  via: 'link' | 'reply' | 'manual';
  opted_out_at: CreatedAt;
}

export interface MessageProviderSettingsTable {
  business_id: string;
  provider: Generated<'solapi'>;
  api_url: string;
  api_key: string;
  api_secret: string;
  sender_phone: string;
  kakao_pf_id: string | null;
  opt_out_phone: string;
  updated_at: Timestamp;
}

export type CustomerImportStatus = 'queued' | 'running' | 'done' | 'failed';

export interface CustomerImportsTable {
  id: Generated<string>;
  business_id: string;
  status: Generated<CustomerImportStatus>;
  encoding: 'utf-8' | 'utf-16le' | 'cp949';
  /** The uploaded file, kept until the import ends. */
  file: Uint8Array | null;
  total: number;
  processed: Generated<number>;
  inserted: Generated<number>;
  updated: Generated<number>;
  rejected: ColumnType<{ line: number; reason: string }[], string | undefined, string>;
  duplicates: ColumnType<{ line: number; keptLine: number }[], string | undefined, string>;
  error: string | null;
  lease_token: string | null;
  lease_until: Date | null;
  created_at: CreatedAt;
  started_at: Date | null;
  finished_at: Date | null;
}

/** One run of the embedded database's backup (automatic or npm run backup); not tenant data. */
export interface BackupRunsTable {
  id: Generated<string>;
  kind: 'auto' | 'manual';
  started_at: Timestamp;
  finished_at: Timestamp;
  ok: boolean;
  file: string | null;
  /** bigint: pg reads it as a string, PGlite as a number. */
  size_bytes: ColumnType<string | number | null, number | null, number | null>;
  error: string | null;
}

export interface SchemaMigrationsTable {
  name: string;
  applied_at: CreatedAt;
}

export interface DB {
  businesses: BusinessesTable;
  permission_groups: PermissionGroupsTable;
  users: UsersTable;
  sessions: SessionsTable;
  rate_limits: RateLimitsTable;
  installation_secrets: InstallationSecretsTable;
  departments: DepartmentsTable;
  staff: StaffTable;
  memo_types: MemoTypesTable;
  customers: CustomersTable;
  schedules: SchedulesTable;
  schedule_memos: ScheduleMemosTable;
  schedule_history: ScheduleHistoryTable;
  notifications: NotificationsTable;
  naver_connections: NaverConnectionsTable;
  naver_bookings: NaverBookingsTable;
  naver_inbound_events: NaverInboundEventsTable;
  channel_outbox: ChannelOutboxTable;
  places: PlacesTable;
  place_images: PlaceImagesTable;
  products: ProductsTable;
  product_operating_periods: ProductOperatingPeriodsTable;
  product_hidden_slots: ProductHiddenSlotsTable;
  product_schedules: ProductSchedulesTable;
  product_prices: ProductPricesTable;
  product_booking_schedules: ProductBookingSchedulesTable;
  product_stock: ProductStockTable;
  bookings: BookingsTable;
  booking_lines: BookingLinesTable;
  booking_holds: BookingHoldsTable;
  capacity_claims: CapacityClaimsTable;
  booking_inquiries: BookingInquiriesTable;
  customer_grades: CustomerGradesTable;
  customer_tags: CustomerTagsTable;
  customer_visits: CustomerVisitsTable;
  pos_api_keys: PosApiKeysTable;
  message_drafts: MessageDraftsTable;
  messages: MessagesTable;
  message_recipients: MessageRecipientsTable;
  message_batches: MessageBatchesTable;
  marketing_opt_outs: MarketingOptOutsTable;
  message_provider_settings: MessageProviderSettingsTable;
  customer_imports: CustomerImportsTable;
  backup_runs: BackupRunsTable;
  schema_migrations: SchemaMigrationsTable;
}

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
export type Notification = Selectable<NotificationsTable>;
