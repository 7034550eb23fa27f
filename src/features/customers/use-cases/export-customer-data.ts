import type { Kysely } from 'kysely';
import type { DB } from '../../../platform/db/types.ts';
import { notFound } from '../../../platform/errors/registry.ts';
import { BOOKING_STATUS_LABELS } from '../../../shared/labels/bookings.ts';
import { VISIT_SOURCE_LABELS } from '../../../shared/labels/loyalty.ts';
import { CHANNEL_LABELS, NOTICE_EVENT_LABELS, NOTICE_STATUS_LABELS, RECIPIENT_STATUS_LABELS } from '../../../shared/labels/messaging.ts';
import { PAYMENT_STATUS_LABELS, REFUND_KIND_LABELS, REFUND_STATUS_LABELS } from '../../../shared/labels/payments.ts';
import { SCHEDULE_SOURCE_LABELS, SCHEDULE_STATUS_LABELS } from '../../../shared/labels/schedules.ts';
import { formatPhone } from '../../../shared/phone.ts';
import { presentCustomerPhone } from '../domain/present.ts';
import * as consents from '../repository/consents.ts';
import * as privacy from '../repository/privacy.ts';
import * as repo from '../repository.ts';
import { presentConsentEvent } from './list-consents.ts';

export const CUSTOMER_EXPORT_FORMAT = 'yeyak-customer-export/1';

const EXPORT_NOTES = [
  '개인정보 보호법 제35조에 따라 업체가 보관하고 있는 고객님의 정보를 모두 담았습니다.',
  '결제 기록은 전자상거래법에 따라 5년간 보관합니다.',
];

const iso = (d: Date | null) => (d ? d.toISOString() : null);
const label = <K extends string>(labels: Record<K, string>, key: string | null): string | null => (key === null ? null : (labels[key as K] ?? key));

/**
 * LAW-4 (개인정보 보호법 제35조 열람): everything the business holds about
 * one customer, as one JSON document the shop hands to the person who asked:
 * the customer row, consents, visits and points, schedules with their memos,
 * bookings with their lines, payments and refunds, the coupon messages and
 * the notices received, and booking inquiries left under the same name and
 * phone. Full phone numbers: the route needs 고객 조회 and 전체 전화번호 보기.
 */
export async function exportCustomerData(db: Kysely<DB>, businessId: string, customerId: string, now = new Date()) {
  const customer = (await repo.findCustomer(db, businessId, customerId)) ?? notFound('CUSTOMER_NOT_FOUND');
  const [businessName, consentRows, visits, schedules, memos, bookings, messages, notices, inquiries, erasure] = await Promise.all([
    privacy.findBusinessName(db, businessId),
    consents.listConsentEvents(db, businessId, customerId),
    privacy.listVisitsOfCustomer(db, businessId, customerId),
    privacy.listSchedulesForExport(db, businessId, customerId),
    privacy.listScheduleMemosOfCustomer(db, businessId, customerId),
    privacy.listBookingsOfCustomer(db, businessId, customerId),
    privacy.listMessagesReceived(db, businessId, customerId),
    privacy.listNoticesOfCustomer(db, businessId, customerId),
    customer.anonymised_at ? Promise.resolve([]) : privacy.listInquiriesOfPerson(db, businessId, customer),
    privacy.findErasure(db, businessId, customerId),
  ]);
  const bookingIds = bookings.map((b) => b.id);
  const [lines, payments] = await Promise.all([privacy.listBookingLinesOf(db, businessId, bookingIds), privacy.listPaymentsOfBookings(db, businessId, bookingIds)]);
  const refunds = await privacy.listRefundsOfPayments(db, businessId, payments.map((p) => p.id));

  return {
    format: CUSTOMER_EXPORT_FORMAT,
    exportedAt: now.toISOString(),
    business: { name: businessName },
    notes: EXPORT_NOTES,
    customer: {
      id: customer.id,
      name: customer.name,
      phone: presentCustomerPhone(customer.phone, true).phone,
      memo: customer.memo,
      grade: customer.grade,
      tags: customer.tags,
      marketingConsent: customer.marketing_consent,
      marketingConsentAt: iso(customer.marketing_consent_at),
      nightAdConsent: customer.night_ad_consent,
      marketingOptedOutAt: iso(customer.marketing_opted_out_at),
      pointsHeld: customer.points_held,
      pointsAccumulated: customer.points_accumulated,
      visitCount: customer.visit_count,
      noShowCount: customer.no_show_count,
      lastVisitAt: iso(customer.last_visit_at),
      createdAt: customer.created_at.toISOString(),
      updatedAt: customer.updated_at.toISOString(),
      anonymisedAt: iso(customer.anonymised_at),
    },
    consents: consentRows.map(presentConsentEvent),
    visits: visits.map((v) => ({
      visitedAt: v.visited_at.toISOString(),
      source: v.source,
      sourceLabel: VISIT_SOURCE_LABELS[v.source],
      amount: v.amount,
      pointsEarned: v.points_earned,
      pointsUsed: v.points_used,
    })),
    schedules: schedules.map((s) => ({
      id: s.id,
      startsAt: s.starts_at.toISOString(),
      endsAt: s.ends_at.toISOString(),
      status: s.status,
      statusLabel: SCHEDULE_STATUS_LABELS[s.status],
      source: s.source,
      sourceLabel: SCHEDULE_SOURCE_LABELS[s.source],
      title: s.title,
      staffName: s.staff_name,
      memos: memos.filter((m) => m.schedule_id === s.id).map((m) => ({ memoType: m.memo_type, body: m.body, createdAt: m.created_at.toISOString() })),
    })),
    bookings: bookings.map((b) => ({
      bookingNumber: b.booking_number,
      productName: b.product_name,
      status: b.status,
      statusLabel: BOOKING_STATUS_LABELS[b.status],
      usageLabel: b.usage_label,
      usageStartsAt: b.usage_starts_at.toISOString(),
      usageEndsAt: b.usage_ends_at.toISOString(),
      customerName: b.customer_name,
      customerPhone: formatPhone(b.customer_phone),
      request: b.request,
      totalAmount: b.total_amount,
      totalQuantity: b.total_quantity,
      cancelReason: b.cancel_reason,
      createdAt: b.created_at.toISOString(),
      confirmedAt: iso(b.confirmed_at),
      cancelledAt: iso(b.cancelled_at),
      completedAt: iso(b.completed_at),
      lines: lines
        .filter((l) => l.booking_id === b.id)
        .map((l) => ({ detailNumber: l.detail_number, priceName: l.price_name, unitAmount: l.unit_amount, quantity: l.quantity, slotStartsAt: iso(l.slot_starts_at) })),
      payments: payments
        .filter((p) => p.booking_id === b.id)
        .map((p) => ({
          orderId: p.order_id,
          orderName: p.order_name,
          status: p.status,
          statusLabel: PAYMENT_STATUS_LABELS[p.status],
          payerName: p.customer_name,
          payerPhone: formatPhone(p.customer_phone),
          amountGross: p.amount_gross,
          couponBusiness: p.coupon_business,
          couponPlatform: p.coupon_platform,
          points: p.points,
          amountPg: p.amount_pg,
          methodLabel: p.method_label,
          paidAt: iso(p.paid_at),
          createdAt: p.created_at.toISOString(),
          refunds: refunds
            .filter((r) => r.payment_id === p.id)
            .map((r) => ({
              kindLabel: REFUND_KIND_LABELS[r.kind],
              statusLabel: REFUND_STATUS_LABELS[r.status],
              refundPercent: r.refund_percent,
              amountPg: r.amount_pg,
              points: r.points,
              couponPlatform: r.coupon_platform,
              createdAt: r.created_at.toISOString(),
              doneAt: iso(r.done_at),
            })),
        })),
    })),
    messages: messages.map((m) => ({
      title: m.title,
      channelLabel: label(CHANNEL_LABELS, m.channel),
      advertising: m.advertising,
      sentToName: m.name,
      sentToPhone: formatPhone(m.phone),
      sendAt: m.send_at.toISOString(),
      statusLabel: label(RECIPIENT_STATUS_LABELS, m.status),
      statusAt: m.status_at.toISOString(),
      coupon: { code: m.coupon_code, expiresAt: m.coupon_expires_at.toISOString(), redeemedAt: iso(m.coupon_redeemed_at) },
    })),
    notices: notices.map((n) => ({
      event: n.event,
      eventLabel: label(NOTICE_EVENT_LABELS, n.event),
      sentToName: n.name,
      sentToPhone: formatPhone(n.phone),
      channelLabel: label(CHANNEL_LABELS, n.channel),
      statusLabel: label(NOTICE_STATUS_LABELS, n.status),
      statusReason: n.status_reason,
      text: n.text,
      sendAt: n.send_at.toISOString(),
      sentAt: iso(n.sent_at),
    })),
    inquiries: inquiries.map((q) => ({ body: q.body, reply: q.reply, createdAt: q.created_at.toISOString(), repliedAt: iso(q.replied_at) })),
    erasure: erasure ? { createdAt: erasure.created_at.toISOString(), reason: erasure.reason, requestedBy: erasure.requested_by_name ?? null } : null,
  };
}

/** `고객정보_김하늘.json`, as the browser suggests saving it (RFC 5987 for the Korean name). */
export function exportFileName(customerName: string): string {
  const safe = customerName.replace(/[\\/:*?"<>|\u0000-\u001f]/g, '_').trim() || '고객';
  return `고객정보_${safe}.json`;
}
