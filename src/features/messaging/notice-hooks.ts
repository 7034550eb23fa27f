import crypto from 'node:crypto';
import type { Kysely } from 'kysely';
import type { DB, NoticeStatus } from '../../platform/db/types.ts';
import { AppError } from '../../platform/errors/registry.ts';
import type { BookingHooks } from '../bookings/index.ts';
import { schedulesRepository, type ScheduleHooks } from '../schedules/index.ts';
import { noticeKey } from './domain/notices.ts';
import * as repo from './repository/notices.ts';
import { cancelReminders, noticeSettingsOf, planReminder, writeNoticeFor } from './use-cases/notices.ts';

/**
 * NOTI-1 … NOTI-4: the customer notices written in the transaction of the
 * change they tell about, registered at app assembly (src/app/hooks.ts).
 * - Booking-page bookings (the booking hooks): received (approval
 *   products) or confirmed when made; confirmed, rejected, cancelled when
 *   their status changes, wherever it was changed; the refund when it went
 *   through (the payments feature's refund hook); the reminder planned when
 *   confirmed and cancelled when the visit will not happen.
 * - Calendar schedules (source 'manual', the schedule hooks): the same
 *   confirmation, cancellation and reminders, once the shop turned them on
 *   (NOTI-3); a move plans the reminder again at the new time.
 * - Naver schedules: nothing (NOTI-4: Naver tells its customers).
 * - The inquiry reply reaches its author.
 */

const CANCELLED_REASON = '예약이 취소되어 보내지 않습니다.';

/** A notice in these states is with the provider or the customer: what it said cannot be taken back. */
const TOLD: ReadonlySet<NoticeStatus> = new Set(['sending', 'accepted', 'sent', 'delivered']);
const CANCEL_TOLD = '고객에게 취소 알림이 이미 발송되어 되돌릴 수 없습니다.';

/** OPS-4: the customer's cancellation notice of a calendar schedule, which an undo of the 취소 must withdraw. */
const cancelNoticeKey = (scheduleId: string) => noticeKey('booking_cancelled', 'schedule', scheduleId);

async function cancelNoticeTold(db: Kysely<DB>, businessId: string, scheduleId: string): Promise<boolean> {
  const notice = await repo.findNoticeByKey(db, businessId, cancelNoticeKey(scheduleId));
  return notice !== undefined && TOLD.has(notice.status);
}

async function whatOf(trx: Kysely<DB>, businessId: string, scheduleId: string | null): Promise<string> {
  if (!scheduleId) return '';
  return (await schedulesRepository.lockSchedule(trx, businessId, scheduleId))?.title ?? '';
}

export const messagingBookingHooks: BookingHooks = {
  async afterCreate(trx, created) {
    const settings = await noticeSettingsOf(trx, created.businessId);
    const event = created.status === 'pending' ? 'booking_received' : 'booking_confirmed';
    const subject = { businessId: created.businessId, customerId: created.customerId, scheduleId: created.scheduleId, bookingId: created.bookingId, name: created.customerName, phone: created.customerPhone };
    await writeNoticeFor(trx, created.jobs, event, subject, { key: noticeKey(event, created.bookingId), vars: { 예약내용: created.what }, startsAt: created.startsAt, sendAt: created.now, settings });
    if (created.status === 'confirmed' && created.scheduleId) await planReminder(trx, created.jobs, { ...subject, scheduleId: created.scheduleId }, created.startsAt, created.what, created.now, settings);
  },

  async afterAnyStatusChange(trx, change) {
    const { booking } = change;
    const subject = { businessId: change.businessId, customerId: change.customerId, scheduleId: booking.scheduleId, bookingId: change.bookingId, name: booking.customerName, phone: booking.customerPhone };
    const event = change.to === 'confirmed' && change.from === 'pending' ? 'booking_confirmed' : change.to === 'rejected' ? 'booking_rejected' : change.to === 'cancelled' ? 'booking_cancelled' : null;
    if (change.to !== 'confirmed' && booking.scheduleId) await cancelReminders(trx, change.businessId, booking.scheduleId, change.to === 'completed' ? '방문이 끝나 보내지 않습니다.' : CANCELLED_REASON);
    if (!event) return;
    const settings = await noticeSettingsOf(trx, change.businessId);
    const what = await whatOf(trx, change.businessId, booking.scheduleId);
    await writeNoticeFor(trx, change.jobs, event, subject, { key: noticeKey(event, change.bookingId), vars: { 예약내용: what, 사유: booking.reason ?? '' }, startsAt: booking.startsAt, sendAt: change.now, settings });
    if (event === 'booking_confirmed' && booking.scheduleId) await planReminder(trx, change.jobs, { ...subject, scheduleId: booking.scheduleId }, booking.startsAt, what, change.now, settings);
  },

  async afterInquiryReply(trx, replied) {
    const digest = crypto.createHash('sha256').update(replied.reply).digest('hex').slice(0, 16);
    const question = replied.question.length > 100 ? `${replied.question.slice(0, 100)}…` : replied.question;
    await writeNoticeFor(
      trx,
      null,
      'inquiry_reply',
      { businessId: replied.businessId, customerId: null, name: replied.authorName, phone: replied.authorPhone },
      { key: noticeKey('inquiry_reply', replied.inquiryId, digest), vars: { 문의: question, 답변: replied.reply }, sendAt: replied.now },
    );
  },
};

/** What the payments feature tells of a refund that went through (its RefundSucceeded; declared here so messaging does not import payments, which imports messaging). */
export interface RefundNoticeFacts {
  businessId: string;
  refundId: string;
  bookingId: string | null;
  customerName: string;
  customerPhone: string;
  amountPg: number;
  points: number;
  now: Date;
}

export const messagingRefundHook = async (trx: Kysely<DB>, refund: RefundNoticeFacts): Promise<void> => {
  const amount = `${refund.amountPg.toLocaleString('ko-KR')}원${refund.points > 0 ? ` (포인트 ${refund.points.toLocaleString('ko-KR')}P 별도 반환)` : ''}`;
  await writeNoticeFor(
    trx,
    null,
    'booking_refunded',
    { businessId: refund.businessId, customerId: null, bookingId: refund.bookingId, name: refund.customerName, phone: refund.customerPhone },
    { key: noticeKey('booking_refunded', refund.refundId), vars: { 환불금액: amount }, sendAt: refund.now },
  );
};

export const messagingScheduleHooks: ScheduleHooks = {
  async afterCreate({ trx, jobs, schedule, title }) {
    if (schedule.source !== 'manual') return;
    const settings = await noticeSettingsOf(trx, schedule.businessId);
    if (!settings.manualSchedules) return;
    const customer = await schedulesRepository.findCustomer(trx, schedule.businessId, schedule.customerId);
    if (!customer?.phone) return;
    const now = new Date();
    const subject = { businessId: schedule.businessId, customerId: customer.id, scheduleId: schedule.id, name: customer.name, phone: customer.phone };
    const event = schedule.status === 'pending' ? 'booking_received' : 'booking_confirmed';
    await writeNoticeFor(trx, jobs, event, subject, { key: noticeKey(event, 'schedule', schedule.id), vars: { 예약내용: title }, startsAt: schedule.startsAt, sendAt: now, settings });
    if (schedule.status === 'confirmed') await planReminder(trx, jobs, subject, schedule.startsAt, title, now, settings);
  },

  async afterUpdate({ trx, jobs, schedule }, change) {
    // Booking-page times are fixed (the booking's own hook plans them); Naver's customers hear from Naver.
    if (schedule.source !== 'manual' || change.startsAt.getTime() === schedule.startsAt.getTime()) return;
    const settings = await noticeSettingsOf(trx, schedule.businessId);
    if (!settings.manualSchedules || schedule.status !== 'confirmed') return;
    const customer = await schedulesRepository.findCustomer(trx, schedule.businessId, change.customerId);
    if (!customer?.phone) return;
    const what = await whatOf(trx, schedule.businessId, schedule.id);
    await planReminder(trx, jobs, { businessId: schedule.businessId, customerId: customer.id, scheduleId: schedule.id, name: customer.name, phone: customer.phone }, change.startsAt, what, new Date(), settings);
  },

  async afterStatusChange({ trx, jobs, schedule }, change) {
    // Any final status (완료, 노쇼, 취소): the visit will not happen as planned, so no reminder goes.
    if (change.to === 'cancelled' || change.to === 'completed' || change.to === 'no_show') await cancelReminders(trx, schedule.businessId, schedule.id, change.to === 'cancelled' ? CANCELLED_REASON : '방문 시간이 지나 보내지 않습니다.');
    if (schedule.source !== 'manual') return;
    const settings = await noticeSettingsOf(trx, schedule.businessId);
    if (!settings.manualSchedules) return;
    const customer = await schedulesRepository.findCustomer(trx, schedule.businessId, schedule.customerId);
    if (!customer?.phone) return;
    const subject = { businessId: schedule.businessId, customerId: customer.id, scheduleId: schedule.id, name: customer.name, phone: customer.phone };
    const what = await whatOf(trx, schedule.businessId, schedule.id);
    const now = new Date();
    if (change.to === 'cancelled') {
      await writeNoticeFor(trx, jobs, 'booking_cancelled', subject, { key: noticeKey('booking_cancelled', 'schedule', schedule.id), vars: { 예약내용: what }, startsAt: schedule.startsAt, sendAt: now, settings });
    } else if (change.to === 'confirmed' && change.from === 'pending') {
      await writeNoticeFor(trx, jobs, 'booking_confirmed', subject, { key: noticeKey('booking_confirmed', 'schedule', schedule.id), vars: { 예약내용: what }, startsAt: schedule.startsAt, sendAt: now, settings });
      await planReminder(trx, jobs, subject, schedule.startsAt, what, now, settings);
    }
  },

  // OPS-4: a 취소 whose notice the customer has (or the sender holds) cannot be taken back.
  async statusUndoBlocker(db, schedule, undone) {
    if (undone.to !== 'cancelled' || schedule.source !== 'manual') return null;
    return (await cancelNoticeTold(db, schedule.businessId, schedule.id)) ? CANCEL_TOLD : null;
  },

  // OPS-4: what afterStatusChange did, undone: the unsent 취소 notice withdrawn, the reminder planned again when the visit stands (예약확정).
  async afterStatusUndo({ trx, jobs, schedule }, undone) {
    if (schedule.source !== 'manual') return;
    if (undone.to === 'cancelled') {
      await repo.cancelPendingNotices(trx, schedule.businessId, { scheduleId: schedule.id, events: ['booking_cancelled'] }, '취소를 되돌려 보내지 않습니다.');
      // Claimed by the sender since the check: the customer hears of it, so the undo cannot stand.
      if (await cancelNoticeTold(trx, schedule.businessId, schedule.id)) throw new AppError('SCHEDULE_UNDO_NOT_ALLOWED', { message: CANCEL_TOLD, details: { reason: CANCEL_TOLD } });
    }
    if (undone.from !== 'confirmed') return;
    const settings = await noticeSettingsOf(trx, schedule.businessId);
    if (!settings.manualSchedules) return;
    const customer = await schedulesRepository.findCustomer(trx, schedule.businessId, schedule.customerId);
    if (!customer?.phone) return;
    const subject = { businessId: schedule.businessId, customerId: customer.id, scheduleId: schedule.id, name: customer.name, phone: customer.phone };
    await planReminder(trx, jobs, subject, schedule.startsAt, await whatOf(trx, schedule.businessId, schedule.id), new Date(), settings);
  },
};
