import type { Kysely } from 'kysely';
import type { DB, ScheduleStatus } from '../../../platform/db/types.ts';
import { AppError } from '../../../platform/errors/registry.ts';
import type { Jobs } from '../../../platform/jobs/jobs.ts';
import { NAVER_BUSINESS_CANCEL_REASON } from '../../../shared/labels/naver.ts';
import { commandForStatus, type NaverCommandPayload } from '../domain/commands.ts';
import { enqueueOutbound } from '../outbound-queue.ts';
import * as bookings from '../repository/bookings.ts';
import * as connections from '../repository/connections.ts';
import * as outbox from '../repository/outbox.ts';

/**
 * NAVER-7, NAVER-8: a shop's decision on a Naver schedule becomes a command
 * to Naver, written in the caller's transaction (the outbox) with the job
 * that sends it. Run by the Naver schedule hooks for every change of a
 * schedule whose source is naver.
 */
export async function commandsForNaverChange(
  trx: Kysely<DB>,
  jobs: Jobs,
  businessId: string,
  scheduleId: string,
  change: { status?: ScheduleStatus; departmentId?: string | null },
): Promise<void> {
  const booking = await bookings.findBookingBySchedule(trx, businessId, scheduleId);
  if (!booking) return;
  if (change.departmentId !== undefined) {
    const product = change.departmentId ? await connections.findDepartmentProduct(trx, businessId, change.departmentId) : null;
    // A Naver booking can only move to a department that stands for a Naver product.
    if (!product?.naver_product_id) throw new AppError('NAVER_DEPARTMENT_NOT_LINKED');
    if (product.naver_product_id !== booking.product_id) {
      await bookings.setBookingProduct(trx, businessId, scheduleId, product.naver_product_id);
      await queueCommand(trx, jobs, businessId, scheduleId, { command: 'change_product', productId: product.naver_product_id });
    }
  }
  const command = change.status ? commandForStatus(change.status) : undefined;
  if (command) await queueCommand(trx, jobs, businessId, scheduleId, command === 'cancel' ? { command, reason: NAVER_BUSINESS_CANCEL_REASON } : { command });
}

async function queueCommand(trx: Kysely<DB>, jobs: Jobs, businessId: string, scheduleId: string, payload: NaverCommandPayload) {
  const row = await outbox.insertCommand(trx, { businessId, scheduleId, command: payload.command, payload });
  await enqueueOutbound(trx, jobs, { outboxId: row.id, businessId });
}
