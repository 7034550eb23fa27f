import type { Kysely } from 'kysely';
import { hasChanges } from '../../../platform/db/changes.ts';
import type { DB } from '../../../platform/db/types.ts';
import { AppError } from '../../../platform/errors/registry.ts';
import type { Jobs } from '../../../platform/jobs/jobs.ts';
import type { Actor } from '../../auth/index.ts';
import type { Changes } from '../domain/history.ts';
import { isFinal } from '../domain/status.ts';
import { requireTimeOrder } from '../domain/time-span.ts';
import { scheduleHooks, type ScheduleHookContext } from '../hooks.ts';
import * as repo from '../repository.ts';
import { notifyAssignee } from './assignment.ts';
import { lockForChange, requireAssignableStaff, requireBusiness, requireCustomer, requireDepartment } from './lookups.ts';
import { loadScheduleView, refOf, type ScheduleView } from './present.ts';
import { requireNoOverlap, requireStaffAvailable } from './overlap.ts';

export interface UpdateScheduleInput {
  startsAt?: string;
  endsAt?: string;
  staffId?: string;
  departmentId?: string | null;
  customerId?: string;
  title?: string;
  version?: number;
  /** OPS-3 "겹쳐도 저장": move or reassign even onto the staff's occupied time. */
  allowOverlap?: boolean;
  /** OPS-2 "그래도 저장": move or reassign even onto the staff's absence or outside their hours. */
  allowAbsent?: boolean;
}

/**
 * Moves a schedule in time, reassigns its staff or department, changes its
 * customer or title (drag and drop in the calendar lands here). Final
 * schedules stay as they are. Optimistic concurrency: a stale `version`
 * answers SCHEDULE_VERSION_CONFLICT, and the write itself only applies at the
 * version it was decided on.
 */
export async function updateSchedule(db: Kysely<DB>, jobs: Jobs, actor: Actor, scheduleId: string, input: UpdateScheduleInput): Promise<ScheduleView> {
  await db.transaction().execute(async (trx) => {
    const row = await lockForChange(trx, actor, scheduleId, input.version);
    // Nothing asked is nothing done (QUAL-3): the schedule is answered as it is, final or not.
    const { version: _version, allowOverlap: _allowOverlap, allowAbsent: _allowAbsent, ...asked } = input;
    if (!hasChanges(asked)) return;
    if (isFinal(row.status)) throw new AppError('SCHEDULE_FINAL');

    const startsAt = input.startsAt !== undefined ? new Date(input.startsAt) : row.starts_at;
    const endsAt = input.endsAt !== undefined ? new Date(input.endsAt) : row.ends_at;
    requireTimeOrder(startsAt, endsAt);
    const ctx: ScheduleHookContext = { trx, jobs, actor, schedule: refOf(actor.businessId, row) };
    for (const hooks of scheduleHooks()) await hooks.beforeUpdate?.(ctx, { startsAt, endsAt });

    const changes: Changes = {};
    const set: Parameters<typeof repo.updateScheduleAtVersion>[4] = {};
    if (startsAt.getTime() !== row.starts_at.getTime()) {
      changes.startsAt = { from: row.starts_at.toISOString(), to: startsAt.toISOString() };
      set.starts_at = startsAt;
    }
    if (endsAt.getTime() !== row.ends_at.getTime()) {
      changes.endsAt = { from: row.ends_at.toISOString(), to: endsAt.toISOString() };
      set.ends_at = endsAt;
    }

    let newStaff: Awaited<ReturnType<typeof requireAssignableStaff>> | null = null;
    if (input.staffId !== undefined && input.staffId !== row.staff_id) {
      newStaff = await requireAssignableStaff(trx, actor.businessId, input.staffId);
      const oldStaff = await repo.findStaff(trx, actor.businessId, row.staff_id);
      changes.staff = { from: oldStaff?.name ?? null, to: newStaff.name, fromId: row.staff_id, toId: newStaff.id };
      set.staff_id = newStaff.id;
    }

    if (input.departmentId !== undefined && input.departmentId !== row.department_id) {
      let to: { id: string; name: string } | null = null;
      if (input.departmentId !== null) {
        const business = await requireBusiness(trx, actor.businessId);
        to = await requireDepartment(trx, actor.businessId, business.departments_enabled, input.departmentId);
      }
      const from = row.department_id ? await repo.findDepartment(trx, actor.businessId, row.department_id) : undefined;
      changes.department = { from: from?.name ?? null, to: to?.name ?? null, fromId: row.department_id, toId: to?.id ?? null };
      set.department_id = to?.id ?? null;
    }

    let customerName: string | null = null;
    if (input.customerId !== undefined && input.customerId !== row.customer_id) {
      const customer = await requireCustomer(trx, actor.businessId, input.customerId);
      const previous = await repo.findCustomer(trx, actor.businessId, row.customer_id);
      changes.customer = { from: previous?.name ?? null, to: customer.name, fromId: row.customer_id, toId: customer.id };
      set.customer_id = customer.id;
      customerName = customer.name;
    }

    if (input.title !== undefined && input.title !== row.title) {
      changes.title = { from: row.title, to: input.title };
      set.title = input.title;
    }

    // Dropping a schedule where it already was changes nothing, not even the version.
    if (Object.keys(changes).length === 0) return;
    if (changes.startsAt || changes.endsAt || changes.staff) {
      const staff = newStaff ?? (await repo.findStaff(trx, actor.businessId, row.staff_id));
      if (staff) {
        await requireNoOverlap(trx, actor.businessId, staff, { id: scheduleId, startsAt, endsAt }, { allowOverlap: input.allowOverlap, timeZone: actor.timeZone });
        await requireStaffAvailable(trx, actor.businessId, staff, { startsAt, endsAt }, { allowAbsent: input.allowAbsent, timeZone: actor.timeZone });
      }
    }

    const updated = await repo.updateScheduleAtVersion(trx, actor.businessId, scheduleId, row.version, set);
    if (!updated) throw new AppError('SCHEDULE_VERSION_CONFLICT');
    await repo.insertHistory(trx, { businessId: actor.businessId, scheduleId, userId: actor.userId, actorLabel: null, action: 'updated', changes });
    for (const hooks of scheduleHooks()) await hooks.afterUpdate?.(ctx, { ...(changes.department ? { departmentId: set.department_id ?? null } : {}), startsAt: updated.starts_at, endsAt: updated.ends_at, customerId: updated.customer_id });
    if (newStaff) {
      customerName ??= (await repo.findCustomer(trx, actor.businessId, updated.customer_id))?.name ?? '';
      await notifyAssignee(trx, actor, newStaff, { id: scheduleId, startsAt: updated.starts_at, customerName });
    }
  });
  return loadScheduleView(db, actor, scheduleId);
}
