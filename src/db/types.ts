import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely';

/** Kysely's view of the schema in migrations/*.sql. Keep in step with them. */
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type CreatedAt = ColumnType<Date, Date | string | undefined, never>;
type Json = ColumnType<unknown, string, string>;

export type ServiceType = 'clinic' | 'beauty' | 'restaurant' | 'retail' | 'other';
export type UserRole = 'admin' | 'member';
export type StaffKind = 'user' | 'resource' | 'naver';
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

export interface LoginAttemptsTable {
  id: Generated<string>;
  email: string;
  ip: string;
  succeeded: boolean;
  at: CreatedAt;
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

export interface SchemaMigrationsTable {
  name: string;
  applied_at: CreatedAt;
}

export interface DB {
  businesses: BusinessesTable;
  permission_groups: PermissionGroupsTable;
  users: UsersTable;
  sessions: SessionsTable;
  login_attempts: LoginAttemptsTable;
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
