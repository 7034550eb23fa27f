export type Role = 'admin' | 'member';
export type ServiceType = 'clinic' | 'beauty' | 'restaurant' | 'retail' | 'other';
export type ScheduleStatus = 'pending' | 'confirmed' | 'cancelled' | 'completed';
export type ScheduleSource = 'manual' | 'naver' | 'booking_page';
export type StaffKind = 'user' | 'resource' | 'naver' | 'booking_page';

export interface Business {
  id: string;
  name: string;
  serviceType: ServiceType;
  timeZone: string;
  /** Digits only; empty when not set. */
  phone: string;
  departmentsEnabled: boolean;
}

export interface Me {
  user: {
    id: string;
    email: string;
    name: string;
    role: Role;
    permissions: string[];
    staffId: string | null;
  };
  business: Business;
}

export interface Department {
  id: string;
  name: string;
  color: string;
  sortOrder: number;
}

export interface Staff {
  id: string;
  name: string;
  kind: StaffKind;
  userId: string | null;
  departmentId: string | null;
  color: string;
  sortOrder: number;
  active: boolean;
}

export interface User {
  id: string;
  email: string;
  name: string;
  role: Role;
  permissionGroupId: string | null;
  active: boolean;
  staffId: string | null;
}

export interface PermissionGroup {
  id: string;
  name: string;
  permissions: string[];
  memberCount: number;
}

export interface MemoType {
  id: string;
  name: string;
  sortOrder: number;
  visible: boolean;
}

export interface Customer {
  id: string;
  name: string;
  phone: string;
  phoneMasked: boolean;
  memo: string;
  grade: string | null;
  tags: string[];
  marketingConsent: boolean;
  marketingConsentAt: string | null;
  nightAdConsent: boolean;
  createdAt: string;
  updatedAt: string;
  /** Loyalty (MSG-1); absent from servers older than the loyalty API. */
  pointsHeld?: number;
  pointsAccumulated?: number;
  visitCount?: number;
  lastVisitAt?: string | null;
  /** e.g. ["regular"]: 단골 regular, 예비 단골 prospective, 첫 적립 first. */
  groups?: CustomerGroup[];
  /** Set when the customer opted out of advertising (수신거부). */
  marketingOptedOutAt?: string | null;
}

export type CustomerGroup = 'regular' | 'prospective' | 'first';

/** GET /api/customers/:id/visits */
export interface CustomerVisit {
  id: string;
  visitedAt: string;
  source: 'pos' | 'schedule' | 'import';
  amount: number;
  pointsEarned: number;
  pointsUsed: number;
  couponCode?: string | null;
}

export interface CustomerGrade {
  id: string;
  name: string;
  sortOrder: number;
  customerCount?: number;
}

export interface CustomerTag {
  id: string;
  name: string;
  customerCount?: number;
}

export interface PosKey {
  id: string;
  name: string;
  keyPrefix: string;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt?: string | null;
}

/** GET /api/customers/import/:importId */
export interface CustomerImportProgress {
  status: string;
  total: number;
  processed: number;
  inserted: number;
  updated: number;
  rejected: { line: number; reason: string }[];
  /** Earlier lines of the same customer, merged into the kept (last) line. */
  duplicates?: { line: number; keptLine: number }[];
  error?: string | null;
}

/** A schedule as listed on the customer page. */
export interface CustomerSchedule {
  id: string;
  startsAt: string;
  endsAt: string;
  status: ScheduleStatus;
  source: ScheduleSource;
  title: string;
  staffId: string;
  staffName: string;
  departmentId: string | null;
  departmentName: string | null;
}

export interface ScheduleMemo {
  id: string;
  memoTypeId: string;
  memoTypeName: string;
  body: string;
  createdAt: string;
  createdByName: string | null;
}

export interface Schedule {
  id: string;
  customerId: string;
  customer: { id: string; name: string; phone: string };
  staffId: string;
  staffName: string;
  departmentId: string | null;
  departmentName: string | null;
  startsAt: string;
  endsAt: string;
  status: ScheduleStatus;
  source: ScheduleSource;
  title: string;
  version: number;
  allowedStatuses: ScheduleStatus[];
  createdAt: string;
  updatedAt: string;
}

export interface ScheduleDetail extends Schedule {
  memos: ScheduleMemo[];
  /** The 예약번호 of a schedule made by the booking page (source booking_page). */
  bookingNumber?: string | null;
}

export interface CalendarSchedule extends Schedule {
  memoCount: number;
}

export interface HistoryEntry {
  id: string;
  at: string;
  actorName: string | null;
  action: string;
  changes: Record<string, { from: string | null; to: string | null }>;
}

export interface CalendarData {
  from: string;
  to: string;
  timeZone: string;
  staff: Staff[];
  departments: Department[];
  schedules: CalendarSchedule[];
}

export interface Notification {
  id: string;
  kind: string;
  title: string;
  body: string | null;
  scheduleId: string | null;
  readAt: string | null;
  createdAt: string;
}

export interface ListResponse<T> {
  items: T[];
}

/** A Naver product linked to a department (설정 > 네이버예약 연동 > 상품연동). */
export interface NaverProductLink {
  productId: string;
  departmentId: string;
  departmentName: string;
}

export interface NaverConnection {
  /** Only 병의원형 and 뷰티형 businesses can connect. */
  available: boolean;
  departmentsEnabled: boolean;
  enabled: boolean;
  /** Null until the connection is first saved. */
  secret: string | null;
  outboundUrl: string | null;
  memoTypeId: string | null;
  webhookPath: string;
  products: NaverProductLink[];
}

export type NaverCommandName = 'confirm' | 'cancel' | 'complete' | 'change_product';
export type NaverCommandStatus = 'pending' | 'sent' | 'failed';

export interface NaverCommand {
  id: string;
  command: NaverCommandName;
  status: NaverCommandStatus;
  attempts: number;
  lastError: string | null;
  createdAt: string;
  sentAt: string | null;
}

/** GET /api/schedules/:id/naver */
export interface NaverScheduleSync {
  bookingId: string | null;
  productId: string | null;
  commands: NaverCommand[];
}

export interface CustomerMergeResult {
  customer: Customer;
  movedSchedules: number;
}
