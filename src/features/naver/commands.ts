import type { Kysely } from 'kysely';
import type { DB, ScheduleStatus } from '../../platform/db/types.ts';
import type { Jobs } from '../../platform/jobs/jobs.ts';
import { AppError } from '../../platform/errors/registry.ts';
import { BUSINESS_CANCEL_REASON, type NaverCommandName } from './client.ts';
import { enqueueNaverCommand } from './outbox.ts';
import * as repo from './repository.ts';

const STATUS_COMMANDS: Partial<Record<ScheduleStatus, NaverCommandName>> = {
  confirmed: 'confirm',
  cancelled: 'cancel',
  completed: 'complete',
};

/**
 * NAVER-7, NAVER-8: a shop's decision on a Naver schedule becomes a command
 * to Naver, written in the caller's transaction (the outbox). Called by the
 * schedules service for every change of a schedule whose source is naver.
 */
export async function commandsForNaverChange(
  trx: Kysely<DB>,
  jobs: Jobs,
  businessId: string,
  scheduleId: string,
  change: { status?: ScheduleStatus; departmentId?: string | null },
): Promise<void> {
  const booking = await repo.findBookingBySchedule(trx, businessId, scheduleId);
  if (!booking) return;
  if (change.departmentId !== undefined) {
    const product = change.departmentId ? await repo.findDepartmentProduct(trx, businessId, change.departmentId) : null;
    // A Naver booking can only move to a department that stands for a Naver product.
    if (!product?.naver_product_id) throw new AppError('NAVER_DEPARTMENT_NOT_LINKED');
    if (product.naver_product_id !== booking.product_id) {
      await repo.setBookingProduct(trx, businessId, scheduleId, product.naver_product_id);
      await enqueueNaverCommand(trx, jobs, { businessId, scheduleId, command: 'change_product', productId: product.naver_product_id });
    }
  }
  const command = change.status ? STATUS_COMMANDS[change.status] : undefined;
  if (command) {
    await enqueueNaverCommand(trx, jobs, {
      businessId,
      scheduleId,
      command,
      ...(command === 'cancel' ? { reason: BUSINESS_CANCEL_REASON } : {}),
    });
  }
}
