/**
 * Names for the server's replies and bodies the screens pass around, all
 * derived from the generated contract (schema.gen.ts): nothing here is
 * written by hand, so a field the server drops or renames fails the web's
 * typecheck instead of rendering blank.
 */
import type { Body, Reply } from './client';

type Item<L> = L extends { items: readonly (infer I)[] } ? I : never;

// ---------------------------------------------------------------- session and settings
export type Business = Reply<'/api/business'>;
export type ServiceType = Business['serviceType'];
export type Department = Item<Reply<'/api/departments'>>;
export type Staff = Item<Reply<'/api/staff'>>;
export type StaffKind = Staff['kind'];
export type User = Item<Reply<'/api/users'>>;
export type Role = User['role'];
export type PermissionGroup = Item<Reply<'/api/permission-groups'>>;
export type Permission = PermissionGroup['permissions'][number];
export type MemoType = Item<Reply<'/api/memo-types'>>;
export type BackupStatus = Reply<'/api/settings/backups'>;

// ---------------------------------------------------------------- customers and loyalty
export type Customer = Reply<'/api/customers/{id}'>;
export type CustomerGroup = Customer['groups'][number];
export type CustomerSchedule = Item<Reply<'/api/customers/{id}/schedules'>>;
export type PosKey = Item<Reply<'/api/pos-keys'>>;

// ---------------------------------------------------------------- places and products (partner center)
export type Place = Reply<'/api/places/{id}'>;
export type PlaceImage = Place['images'][number];
export type Product = Reply<'/api/products/{id}'>;
export type BookingType = Product['bookingType'];
export type ScheduledBookingType = Exclude<BookingType, 'time_slot'>;
export type InventoryMode = NonNullable<Product['inventoryMode']>;
export type ConfirmationMode = Product['confirmationMode'];
export type PaymentMode = Product['paymentMode'];
export type OperatingStatus = Place['operatingStatus'];
export type OperatingPeriod = Product['operatingPeriods'][number];
export type WeeklyHours = OperatingPeriod['weeklyHours'];
export type ProductSchedule = Product['schedules'][number];
export type ScheduleUsage = ProductSchedule['usage'];
export type ProductPrice = Product['prices'][number];
export type BookingSchedule = Product['bookingSchedules'][number];
export type CatalogOptions = Reply<'/api/catalog/options'>;

// ---------------------------------------------------------------- the public booking page
export type PublicPlace = Reply<'/api/public/places/{placeId}'>;
export type PublicProductSummary = PublicPlace['products'][number];
export type PublicProduct = Reply<'/api/public/products/{productId}'>;

// ---------------------------------------------------------------- schedules
export type ScheduleStatus = CustomerSchedule['status'];
export type ScheduleSource = CustomerSchedule['source'];

// ---------------------------------------------------------------- session
export type Me = Reply<'/api/auth/me'>;

// ---------------------------------------------------------------- calendar, schedules, notifications
export type CalendarData = Reply<'/api/calendar'>;
export type Schedule = CalendarData['schedules'][number];
export type ScheduleDetail = Reply<'/api/schedules/{id}'>;
export type ScheduleMemo = ScheduleDetail['memos'][number];
export type HistoryEntry = Item<Reply<'/api/schedules/{id}/history'>>;
export type NotificationList = Reply<'/api/notifications'>;
export type Notification = NotificationList['items'][number];

// ---------------------------------------------------------------- Naver
export type NaverConnection = Reply<'/api/naver/connection'>;
export type NaverScheduleSync = Reply<'/api/schedules/{id}/naver'>;
export type NaverCommand = NaverScheduleSync['commands'][number];

// ---------------------------------------------------------------- availability and bookings
export type Availability = Reply<'/api/public/products/{id}/availability'>;
export type SlotDay = Extract<Availability, { kind: 'time_slot' }>['days'][number];
export type Slot = SlotDay['slots'][number];
export type BookingScheduleAvailability = Extract<Availability, { kind: 'scheduled' }>['bookingSchedules'][number];
/** The partner center's view of a week of slots, hidden ones included. */
export type TimeSlotAvailability = Extract<Reply<'/api/products/{id}/availability'>, { kind: 'time_slot' }>;
export type PartnerSlot = TimeSlotAvailability['days'][number]['slots'][number];
export type SlotStatus = PartnerSlot['status'];
export type BookingLineInput = Body<'/api/public/holds', 'post'>['lines'][number];
export type Hold = Reply<'/api/public/holds', 'post'>;
export type PublicBooking = Reply<'/api/public/bookings/{bookingNumber}'>;
export type BookingStatus = PublicBooking['status'];
export type PartnerBooking = Reply<'/api/bookings/{id}'>;
export type BookingAction = PartnerBooking['allowedActions'][number];
export type InquiryList = Reply<'/api/inquiries'>;
export type Inquiry = InquiryList['items'][number];

// ---------------------------------------------------------------- messages
export type Message = Reply<'/api/messages/{id}'>;
export type MessageTemplate = Item<Reply<'/api/messages/templates'>>;
export type Coupon = Message['coupon'];
export type DiscountKind = Extract<Coupon, { type: 'discount' }>['discountKind'];
export type Validity = Message['validity'];
export type Audience = Message['audience'];
export type GroupKey = Extract<Audience, { kind: 'group' }>['group'];
export type SendSettings = Message['settings'];
export type Period = NonNullable<SendSettings['performance']>;
export type MessageStatus = Message['status'];
export type MessageContent = Omit<Body<'/api/messages', 'post'>['content'], 'coupon'> & { coupon: Coupon };
export type Channel = MessageContent['channel'];
export type AudienceAnswer = Reply<'/api/messages/audience', 'post'>;
export type ExclusionReason = AudienceAnswer['excluded']['sample'][number]['reason'];
export type RecipientList = Reply<'/api/messages/{id}/recipients'>;
export type RecipientStatus = RecipientList['items'][number]['status'];
export type MessageReport = Reply<'/api/messages/{id}/report'>;
export type MessagingSettings = Reply<'/api/settings/messaging'>;
export type MessagingSettingsInput = Body<'/api/settings/messaging', 'put'>;

// ---------------------------------------------------------------- payments (PAY-1 … PAY-4)
export type CheckoutQuoteInput = Body<'/api/public/checkouts/quote', 'post'>;
export type CheckoutQuote = Reply<'/api/public/checkouts/quote', 'post'>;
export type CheckoutInput = Body<'/api/public/checkouts', 'post'>;
export type Checkout = Reply<'/api/public/checkouts', 'post'>;
export type CheckoutProvider = NonNullable<Checkout['provider']>;
export type CheckoutResult = Reply<'/api/public/checkouts/{orderId}/confirm', 'post'>;
export type BookingPayment = NonNullable<PartnerBooking['payment']>;
export type PaymentRefund = BookingPayment['refunds'][number];
export type PaymentSettings = Reply<'/api/settings/payments'>;
export type FeeSettings = Reply<'/api/settings/fees'>;
export type FeeGrade = FeeSettings['grade'];
export type FeeRule = FeeSettings['rules'][number];
export type SettlementPeriod = Item<Reply<'/api/settlements'>>;
export type Statement = Reply<'/api/settlements/{periodStart}'>;
export type StatementLine = Statement['lines'][number];
export type ReconciliationStatus = StatementLine['reconciliation']['status'];
export type FeeMethod = FeeRule['method'];
export type FeeRuleInput = Body<'/api/settings/fees/rules', 'put'>['rules'][number];

// ---------------------------------------------------------------- customer notices (NOTI-1 … NOTI-4, LAW-3)
export type NoticeSettings = Reply<'/api/settings/notices'>;
export type NoticeSettingsInput = Body<'/api/settings/notices', 'put'>;
export type NoticeEventSettings = NoticeSettings['events'][number];
export type Notice = Item<Reply<'/api/notices'>>;

// ---------------------------------------------------------------- consents and erasure (LAW-1, LAW-2, LAW-4)
export type ConsentEvent = Item<Reply<'/api/customers/{id}/consents'>>;
export type CustomerExport = Reply<'/api/customers/{id}/export'>;
export type AnonymiseCustomerInput = Body<'/api/customers/{id}/anonymise', 'post'>;

// ---------------------------------------------------------------- business hours, holidays, 임시휴무 (OPS-1)
export type PlaceOpening = Reply<'/api/places/{id}/opening'>;
export type PlaceOpeningInput = Body<'/api/places/{id}/opening', 'put'>;
export type PlaceOpeningSaved = Reply<'/api/places/{id}/opening', 'put'>;
export type PlaceHolidays = Reply<'/api/places/{id}/holidays'>;
export type PlaceHoliday = PlaceHolidays['items'][number];
export type PlaceClosure = Item<Reply<'/api/places/{id}/closures'>>;
export type PlaceClosureInput = Body<'/api/places/{id}/closures', 'post'>;
export type ClosedDayBooking = Item<Reply<'/api/places/{id}/closed-day-bookings'>>;
export type ClosedDay = NonNullable<Availability['closedDays']>[number];
