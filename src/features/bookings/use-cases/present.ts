import { describeCancellationPolicy } from '../../../shared/labels/bookings.ts';
import { formatPhone, normalizePhone } from '../../../shared/phone.ts';
import { AppError } from '../../../platform/errors/registry.ts';
import type { Actor } from '../../auth/index.ts';
import { canSeeFullPhone, presentCustomerPhone } from '../../customers/index.ts';
import { parseCancellationPolicy } from '../../products/index.ts';
import { cancellationTerms } from '../domain/cancellation.ts';
import { allowedBookingActions, BOOKING_STATUS_LABELS, isBookingFinal } from '../domain/status.ts';
import { describeBookingPayments, type BookingPaymentView } from '../hooks.ts';
import * as repo from '../repository.ts';
import type { Db } from './prepare.ts';

/** How bookings and inquiries show on the booking page and in the partner center (the reply schemas are in ../schemas.ts). */

type BookingViewRow = NonNullable<Awaited<ReturnType<typeof repo.findBookingView>>>;
export type LineRow = Awaited<ReturnType<typeof repo.listBookingLines>>[number];

/** What the customer's own cancel would give now (the policy tier), for a booking that is not final. */
function termsOf(row: BookingViewRow, now: Date) {
  const policy = parseCancellationPolicy(row.cancellation_policy);
  const live = !isBookingFinal(row.status);
  return { policy, terms: live ? cancellationTerms(policy, row.usage_starts_at, now) : { canCancel: false, deadline: null, refundPercent: null } };
}

/** PAY-1: the payments of these bookings (registered by the payments feature), by booking id. */
export async function paymentsOf(db: Db, businessId: string, rows: readonly BookingViewRow[], now: Date): Promise<Map<string, BookingPaymentView>> {
  return describeBookingPayments(
    db,
    businessId,
    rows.map((row) => {
      const { terms } = termsOf(row, now);
      return { id: row.id, status: row.status, prepaid: row.prepaid, refundPercent: terms.canCancel ? terms.refundPercent : null };
    }),
  );
}

function presentBooking(row: BookingViewRow, lines: readonly LineRow[], now: Date, phone: { phone: string; phoneMasked: boolean }, payment: BookingPaymentView | null) {
  const { policy, terms } = termsOf(row, now);
  return {
    bookingNumber: row.booking_number,
    status: row.status,
    statusLabel: BOOKING_STATUS_LABELS[row.status],
    place: { id: row.place_id, name: row.place_name },
    product: { id: row.product_id, name: row.product_name, bookingType: row.booking_type },
    usageStartsAt: row.usage_starts_at.toISOString(),
    usageEndsAt: row.usage_ends_at.toISOString(),
    usageLabel: row.usage_label,
    customerName: row.customer_name,
    customerPhone: phone.phone,
    customerPhoneMasked: phone.phoneMasked,
    request: row.request,
    totalAmount: row.total_amount,
    totalQuantity: row.total_quantity,
    paymentMode: row.payment_mode,
    prepaid: row.prepaid,
    payment,
    lines: lines.map((l) => ({ detailNumber: l.detail_number, priceName: l.price_name, unitAmount: l.unit_amount, quantity: l.quantity })),
    cancellation: {
      canCancel: terms.canCancel,
      deadline: terms.deadline ? terms.deadline.toISOString() : null,
      refundPercent: terms.refundPercent,
      policy,
      policyText: describeCancellationPolicy(policy),
    },
    cancelledBy: row.cancelled_by,
    cancelReason: row.cancel_reason,
    refundPercent: row.refund_percent,
    createdAt: row.created_at.toISOString(),
    confirmedAt: row.confirmed_at?.toISOString() ?? null,
    cancelledAt: row.cancelled_at?.toISOString() ?? null,
    completedAt: row.completed_at?.toISOString() ?? null,
  };
}

/** The booking as its customer sees it (the full phone number: it is theirs). */
export function presentOwnBooking(row: BookingViewRow, lines: readonly LineRow[], now: Date, payment: BookingPaymentView | null = null) {
  return presentBooking(row, lines, now, { phone: formatPhone(row.customer_phone), phoneMasked: false }, payment);
}

/** The booking as the partner center shows it: what can be done with it, and the phone as the actor may see it. */
export function presentPartnerBooking(actor: Actor, row: BookingViewRow, lines: readonly LineRow[], now: Date, payment: BookingPaymentView | null = null) {
  return {
    id: row.id,
    scheduleId: row.schedule_id,
    customerId: row.customer_id,
    allowedActions: allowedBookingActions(row.status, row.prepaid),
    ...presentBooking(row, lines, now, presentCustomerPhone(row.customer_phone, canSeeFullPhone(actor)), payment),
  };
}

/** The customer's own booking, found by its number and the phone it was made with (no login). */
export async function findOwnBooking(db: Db, bookingNumber: string, phoneInput: string) {
  const phone = normalizePhone(phoneInput);
  const number = bookingNumber.trim();
  const row = phone ? await repo.findBookingViewByNumber(db, number) : undefined;
  // The same answer for "no such number" and "wrong phone": a number alone reveals nothing.
  if (!row || row.customer_phone !== phone) throw new AppError('BOOKING_NOT_FOUND');
  return row;
}

type InquiryRow = NonNullable<Awaited<ReturnType<typeof repo.findInquiry>>>;

export function presentInquiry(actor: Actor, row: InquiryRow) {
  return {
    id: row.id,
    place: { id: row.place_id, name: row.place_name },
    // A product's row goes with its id (the foreign key clears both), so a named product has a name.
    product: row.product_id ? { id: row.product_id, name: row.product_name ?? '' } : null,
    authorName: row.author_name,
    ...(({ phone, phoneMasked }) => ({ authorPhone: phone, authorPhoneMasked: phoneMasked }))(presentCustomerPhone(row.author_phone, canSeeFullPhone(actor))),
    body: row.body,
    reply: row.reply,
    repliedAt: row.replied_at?.toISOString() ?? null,
    repliedByName: row.replied_by_name,
    createdAt: row.created_at.toISOString(),
  };
}
