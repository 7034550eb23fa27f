import { AppError } from '../../../platform/errors/registry.ts';
import type { Jobs } from '../../../platform/jobs/jobs.ts';
import { authRepository as authRepo } from '../../auth/index.ts';
import { notifyUsers } from '../../notifications/index.ts';
import { parseCancellationPolicy } from '../../products/index.ts';
import { cancellationTerms } from '../domain/cancellation.ts';
import { releasesCapacity } from '../domain/status.ts';
import * as repo from '../repository.ts';
import { applyBookingAction } from './apply-action.ts';
import { lookupBooking } from './lookup-booking.ts';
import { BOOKING_PAGE_ACTOR, type Db } from './prepare.ts';
import { findOwnBooking } from './present.ts';

/** BOOK-10: the customer cancels their own booking within the product's policy; the shop is told. */
export async function cancelOwnBooking(db: Db, bookingNumber: string, phone: string, now = new Date(), jobs: Jobs | null = null) {
  const row = await findOwnBooking(db, bookingNumber, phone);
  await db.transaction().execute(async (trx) => {
    const policy = parseCancellationPolicy(row.cancellation_policy);
    const current = await repo.lockBooking(trx, row.business_id, row.id);
    if (!current) throw new AppError('BOOKING_NOT_FOUND');
    if (releasesCapacity(current.status)) throw new AppError('BOOKING_CANCELLED_FINAL', { message: '이미 취소된 예약입니다.' });
    if (current.status === 'completed') throw new AppError('BOOKING_STATUS_NOT_ALLOWED', { message: '이용이 끝난 예약은 취소할 수 없습니다.' });
    const terms = cancellationTerms(policy, current.usage_starts_at, now);
    if (!terms.canCancel) throw new AppError('BOOKING_CANCEL_DEADLINE_PASSED');
    await applyBookingAction(trx, row.business_id, row.id, 'cancel', {
      userId: null,
      label: `고객 (${BOOKING_PAGE_ACTOR})`,
      side: 'customer',
      reason: '고객 직접 취소',
      refundPercent: terms.refundPercent,
      now,
      jobs,
    });
    await notifyUsers(trx, row.business_id, await authRepo.findUsersWithPermission(trx, row.business_id, 'bookings.manage'), {
      kind: 'booking_page.cancelled',
      title: '고객이 예약을 취소했습니다',
      body: `${row.customer_name} · ${row.usage_label} · ${row.product_name} · 예약번호 ${row.booking_number}`,
      scheduleId: row.schedule_id,
    });
  });
  return lookupBooking(db, bookingNumber, phone, now);
}
