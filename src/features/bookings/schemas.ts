import { z } from 'zod';
import { BOOKING_STATUS_LABELS } from '../../shared/labels/bookings.ts';
import { BOOKING_TYPE_LABELS, PAYMENT_MODE_LABELS } from '../../shared/labels/products.ts';
import { BOOKING_ACTIONS } from './domain/status.ts';

/**
 * The replies of the booking page and the partner center's booking screens
 * (BOOK-7..11), one schema per thing shown. The serializer keeps only the
 * keys named here, so each lists every field its presenter answers.
 */

// The keys of the shared label maps are the values the database stores.
const keysOf = <T extends Record<string, string>>(labels: T) => Object.keys(labels) as [keyof T & string, ...(keyof T & string)[]];

export const bookingStatus = z.enum(keysOf(BOOKING_STATUS_LABELS));
const bookingType = z.enum(keysOf(BOOKING_TYPE_LABELS));
const paymentMode = z.enum(keysOf(PAYMENT_MODE_LABELS));

const slot = z.object({
  startsAt: z.string(),
  endsAt: z.string(),
  localTime: z.string().describe('HH:mm, 업체 시간대'),
  capacity: z.number(),
  remaining: z.number(),
  status: z.enum(['bookable', 'sold_out', 'closed', 'hidden', 'not_open', 'past']),
  closedReason: z.string().optional().describe('closed일 때만: 휴무 사유 (예: 공휴일 휴무: 기독탄신일, 임시휴무: 원장님 학회, 영업시간 외)'),
  taken: z.number().optional().describe('파트너센터에만: 예약된 수량'),
  hidden: z.boolean().optional().describe('파트너센터에만: 노출 OFF'),
});

const usage = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('date_time'), date: z.string(), startTime: z.string() }),
  z.object({ kind: z.literal('date'), date: z.string() }),
  z.object({ kind: z.literal('period'), from: z.string(), to: z.string() }),
]);

/** OPS-1: a day the place is closed all day, with why (the booking page shows the reason on that day). */
const closedDay = z.object({
  date: z.string(),
  kind: z.enum(['closure', 'holiday', 'weekly']).describe('closure = 임시휴무, holiday = 공휴일 휴무, weekly = 정기 휴무일'),
  reason: z.string().describe('예: 공휴일 휴무: 기독탄신일, 임시휴무: 원장님 학회'),
});

export const availabilityReply = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('time_slot'),
    lastDate: z.string().describe('슬롯이 보이는 마지막 날짜'),
    days: z.array(z.object({ date: z.string(), weekday: z.number().describe('1 = 월요일 … 7 = 일요일'), slots: z.array(slot) })),
    closedDays: z.array(closedDay).optional().describe('조회 기간 중 장소가 하루 종일 쉬는 날'),
  }),
  z.object({
    kind: z.literal('scheduled'),
    bookingSchedules: z.array(
      z.object({
        id: z.string(),
        scheduleId: z.string(),
        priceId: z.string(),
        usage,
        priceName: z.string(),
        amount: z.number(),
        remaining: z.number(),
        opensAt: z.string(),
        closesAt: z.string(),
        status: z.enum(['bookable', 'sold_out', 'not_open', 'closed', 'past']),
        closedReason: z.string().optional().describe('장소가 쉬는 때일 때만: 휴무 사유 (예약 기간이 끝난 closed에는 없음)'),
      }),
    ),
    closedDays: z.array(closedDay).optional().describe('조회 기간 중 장소가 하루 종일 쉬는 날'),
  }),
]);

export const holdReply = z.object({ holdId: z.string(), expiresAt: z.string() });

const tier = z.object({ hoursBefore: z.number(), refundPercent: z.number() });

/** PAY-1, PAY-2: the payment of a booking paid at booking, with its refunds. */
export const bookingPaymentReply = z.object({
  status: z.string(),
  statusLabel: z.string(),
  amountGross: z.number().describe('상품 금액 합계'),
  couponBusiness: z.number().describe('업체 쿠폰 할인'),
  couponPlatform: z.number().describe('플랫폼 쿠폰 할인'),
  points: z.number().describe('포인트 결제'),
  amountPg: z.number().describe('주결제 금액 (결제사)'),
  balancePg: z.number().describe('아직 환불할 수 있는 주결제 금액'),
  methodLabel: z.string().nullable(),
  paidAt: z.string().nullable(),
  receiptUrl: z.string().nullable(),
  cancelRefund: z.object({ percent: z.number(), amountPg: z.number(), points: z.number() }).nullable().describe('지금 고객이 취소하면 돌려받는 금액'),
  canCancelPaymentOnly: z.boolean(),
  refunds: z.array(
    z.object({
      id: z.string(),
      kind: z.string(),
      kindLabel: z.string(),
      amountPg: z.number(),
      points: z.number(),
      status: z.string(),
      statusLabel: z.string(),
      reason: z.string(),
      errorMessage: z.string().nullable(),
      createdAt: z.string(),
      doneAt: z.string().nullable(),
    }),
  ),
});

const bookingFields = {
  bookingNumber: z.string(),
  status: bookingStatus,
  statusLabel: z.string(),
  place: z.object({ id: z.string(), name: z.string() }),
  product: z.object({ id: z.string(), name: z.string(), bookingType }),
  usageStartsAt: z.string(),
  usageEndsAt: z.string(),
  usageLabel: z.string().describe('예: 12월 5일 (토) 14:00'),
  customerName: z.string(),
  customerPhone: z.string(),
  customerPhoneMasked: z.boolean(),
  request: z.string(),
  totalAmount: z.number(),
  totalQuantity: z.number(),
  paymentMode,
  prepaid: z.boolean().describe('예약할 때 결제한 예약'),
  payment: bookingPaymentReply.nullable(),
  lines: z.array(z.object({ detailNumber: z.string().describe('예약상세번호'), priceName: z.string(), unitAmount: z.number(), quantity: z.number() })),
  cancellation: z.object({
    canCancel: z.boolean(),
    deadline: z.string().nullable(),
    refundPercent: z.number().nullable(),
    policy: z.array(tier),
    policyText: z.array(z.string()).describe('취소 규정을 고객이 읽는 문장으로'),
  }),
  cancelledBy: z.enum(['customer', 'business']).nullable(),
  cancelReason: z.string().nullable(),
  refundPercent: z.number().nullable(),
  createdAt: z.string(),
  confirmedAt: z.string().nullable(),
  cancelledAt: z.string().nullable(),
  completedAt: z.string().nullable(),
};

/** A booking as its customer sees it (예약번호 + 휴대폰 번호). */
export const publicBookingReply = z.object(bookingFields);

/** A booking in the partner center. */
export const partnerBookingReply = z.object({
  id: z.string(),
  scheduleId: z.string().nullable(),
  customerId: z.string(),
  allowedActions: z.array(z.enum(BOOKING_ACTIONS)),
  ...bookingFields,
});

export const bookingListReply = z.object({ items: z.array(partnerBookingReply), total: z.number() });

export const inquiryCreatedReply = z.object({ id: z.string(), createdAt: z.string() });

export const inquiryReply = z.object({
  id: z.string(),
  place: z.object({ id: z.string(), name: z.string() }),
  product: z.object({ id: z.string(), name: z.string() }).nullable(),
  authorName: z.string(),
  authorPhone: z.string(),
  authorPhoneMasked: z.boolean(),
  body: z.string(),
  reply: z.string().nullable(),
  repliedAt: z.string().nullable(),
  repliedByName: z.string().nullable(),
  createdAt: z.string(),
});

export const inquiryListReply = z.object({ items: z.array(inquiryReply), unansweredCount: z.number() });

export const partnerSummaryReply = z.object({ unansweredInquiries: z.number(), pendingBookings: z.number(), todayBookings: z.number() });
