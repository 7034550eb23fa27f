import type { Jobs } from '../../../platform/jobs/jobs.ts';
import type { Kysely } from 'kysely';
import type { DB, ScheduleStatus } from '../../../platform/db/types.ts';
import type { Actor } from '../../auth/index.ts';
import { requireTimeOrder } from '../domain/time-span.ts';
import * as repo from '../repository.ts';
import { notifyAssignee } from './assignment.ts';
import { requireAssignableStaff, requireBusiness, requireCustomer, requireDepartment, requireVisibleMemoType } from './lookups.ts';
import { loadScheduleView, refOf, type ScheduleView } from './present.ts';
import { scheduleHooks } from '../hooks.ts';
import { requireNoOverlap, requireStaffAvailable } from './overlap.ts';

export interface CreateScheduleInput {
  customerId: string;
  staffId: string;
  /** Omitted: the staff's own department when departments are on. null: no department. */
  departmentId?: string | null;
  startsAt: string;
  endsAt: string;
  title?: string;
  status?: Extract<ScheduleStatus, 'pending' | 'confirmed'>;
  memo?: { memoTypeId: string; body: string };
  /** OPS-3 "겹쳐도 저장": save even when the staff has a schedule at that time. */
  allowOverlap?: boolean;
  /** OPS-2 "그래도 저장": save even on the staff's absence or outside their hours. */
  allowAbsent?: boolean;
}

/** A schedule entered by hand, with its first memo, its history row and the assignee's alert, in one transaction. */
export async function createSchedule(db: Kysely<DB>, actor: Actor, input: CreateScheduleInput, jobs: Jobs | null = null): Promise<ScheduleView> {
  const startsAt = new Date(input.startsAt);
  const endsAt = new Date(input.endsAt);
  requireTimeOrder(startsAt, endsAt);
  const id = await db.transaction().execute(async (trx) => {
    const business = await requireBusiness(trx, actor.businessId);
    const staff = await requireAssignableStaff(trx, actor.businessId, input.staffId);
    let departmentId: string | null = null;
    if (input.departmentId) departmentId = (await requireDepartment(trx, actor.businessId, business.departments_enabled, input.departmentId)).id;
    else if (input.departmentId === undefined && business.departments_enabled) departmentId = staff.department_id;
    const customer = await requireCustomer(trx, actor.businessId, input.customerId);
    if (input.memo) await requireVisibleMemoType(trx, actor.businessId, input.memo.memoTypeId);
    await requireNoOverlap(trx, actor.businessId, staff, { startsAt, endsAt }, { allowOverlap: input.allowOverlap, timeZone: actor.timeZone });
    await requireStaffAvailable(trx, actor.businessId, staff, { startsAt, endsAt }, { allowAbsent: input.allowAbsent, timeZone: actor.timeZone });

    const schedule = await repo.insertSchedule(trx, {
      businessId: actor.businessId,
      customerId: customer.id,
      staffId: staff.id,
      departmentId,
      startsAt,
      endsAt,
      status: input.status ?? 'confirmed',
      source: 'manual',
      title: input.title ?? '',
      createdBy: actor.userId,
    });
    if (input.memo) {
      await repo.insertMemo(trx, {
        businessId: actor.businessId,
        scheduleId: schedule.id,
        memoTypeId: input.memo.memoTypeId,
        body: input.memo.body,
        createdBy: actor.userId,
      });
    }
    await repo.insertHistory(trx, { businessId: actor.businessId, scheduleId: schedule.id, userId: actor.userId, actorLabel: null, action: 'created', changes: {} });
    await notifyAssignee(trx, actor, staff, { id: schedule.id, startsAt, customerName: customer.name });
    for (const hooks of scheduleHooks()) await hooks.afterCreate?.({ trx, jobs, actor, schedule: refOf(actor.businessId, schedule), title: schedule.title });
    return schedule.id;
  });
  return loadScheduleView(db, actor, id);
}
