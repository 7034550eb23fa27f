import type { Kysely } from 'kysely';
import type { DB } from '../../../platform/db/types.ts';
import { AppError } from '../../../platform/errors/registry.ts';
import type { Actor } from '../../auth/index.ts';
import * as repo from '../repository.ts';

/** The rows a schedule use case refers to, each loaded by the business id or refused with its own code. */

export async function requireBusiness(db: Kysely<DB>, businessId: string) {
  const business = await repo.findBusiness(db, businessId);
  if (!business) throw new AppError('BUSINESS_NOT_FOUND');
  return business;
}

export async function requireAssignableStaff(db: Kysely<DB>, businessId: string, staffId: string) {
  const staff = await repo.findStaff(db, businessId, staffId);
  if (!staff) throw new AppError('STAFF_NOT_FOUND');
  if (!staff.active) throw new AppError('STAFF_INACTIVE');
  return staff;
}

export async function requireDepartment(db: Kysely<DB>, businessId: string, departmentsEnabled: boolean, departmentId: string) {
  if (!departmentsEnabled) throw new AppError('DEPARTMENTS_DISABLED');
  const department = await repo.findDepartment(db, businessId, departmentId);
  if (!department) throw new AppError('DEPARTMENT_NOT_FOUND');
  return department;
}

export async function requireCustomer(db: Kysely<DB>, businessId: string, customerId: string) {
  const customer = await repo.findCustomer(db, businessId, customerId);
  if (!customer) throw new AppError('CUSTOMER_NOT_FOUND');
  return customer;
}

export async function requireVisibleMemoType(db: Kysely<DB>, businessId: string, memoTypeId: string) {
  const memoType = await repo.findMemoType(db, businessId, memoTypeId);
  if (!memoType) throw new AppError('MEMO_TYPE_NOT_FOUND');
  if (!memoType.visible) throw new AppError('MEMO_TYPE_HIDDEN');
  return memoType;
}

export async function requireSchedule(db: Kysely<DB>, actor: Actor, scheduleId: string): Promise<void> {
  if (!(await repo.scheduleExists(db, actor.businessId, scheduleId))) throw new AppError('SCHEDULE_NOT_FOUND');
}

export type LockedSchedule = NonNullable<Awaited<ReturnType<typeof repo.lockSchedule>>>;

/** Locks the schedule and checks the version the client saw, so every decision after it is made on the row that is written. */
export async function lockForChange(trx: Kysely<DB>, actor: Actor, scheduleId: string, version: number | undefined): Promise<LockedSchedule> {
  const row = await repo.lockSchedule(trx, actor.businessId, scheduleId);
  if (!row) throw new AppError('SCHEDULE_NOT_FOUND');
  if (version !== undefined && version !== row.version) {
    throw new AppError('SCHEDULE_VERSION_CONFLICT', { details: { currentVersion: row.version } });
  }
  return row;
}
