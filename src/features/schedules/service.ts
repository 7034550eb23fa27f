import type { Kysely } from 'kysely';
import { DateTime } from 'luxon';
import type { DB, ScheduleStatus } from '../../platform/db/types.ts';
import { AppError, type ErrorCode } from '../../platform/errors/registry.ts';
import { dayRange } from '../../platform/time.ts';
import type { Actor } from '../auth/index.ts';
import { notifyUsers } from '../notifications/index.ts';
import { canSeeFullPhone, presentCustomerPhone } from '../customers/index.ts';
import { scheduleHooks, type ScheduleHookContext, type ScheduleRef } from './hooks.ts';
import type { Jobs } from '../../platform/jobs/jobs.ts';
import * as repo from './repository.ts';
import { hasChanges } from '../../platform/db/changes.ts';
import { allowedTransitions, assertTransition, isFinal } from './status.ts';

/** One field's change in a history row. Staff, department and customer keep ids and the names of that moment. */
export interface FieldChange {
  from: string | null;
  to: string | null;
  fromId?: string | null;
  toId?: string | null;
}
export type Changes = Record<string, FieldChange>;

type DetailRow = NonNullable<Awaited<ReturnType<typeof repo.findScheduleDetail>>>;
type MemoRow = Awaited<ReturnType<typeof repo.listMemos>>[number];
type CalendarRow = Awaited<ReturnType<typeof repo.listCalendarSchedules>>[number];

export const ASSIGNED_TITLE = '새 일정이 배정되었습니다';

function phoneFor(actor: Actor, digits: string): string {
  return presentCustomerPhone(digits, canSeeFullPhone(actor)).phone;
}

function presentBase(actor: Actor, row: DetailRow | CalendarRow) {
  return {
    id: row.id,
    customerId: row.customer_id,
    customer: { id: row.customer_id, name: row.customer_name, phone: phoneFor(actor, row.customer_phone) },
    staffId: row.staff_id,
    staffName: row.staff_name,
    departmentId: row.department_id,
    departmentName: row.department_name,
    startsAt: row.starts_at.toISOString(),
    endsAt: row.ends_at.toISOString(),
    status: row.status,
    source: row.source,
    title: row.title,
    version: row.version,
    allowedStatuses: [...allowedTransitions(row.status, row.source)],
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}

function presentMemo(row: MemoRow) {
  return {
    id: row.id,
    memoTypeId: row.memo_type_id,
    memoTypeName: row.memo_type_name,
    body: row.body,
    createdAt: row.created_at.toISOString(),
    createdByName: row.created_by_name,
  };
}

/** `bookingNumber`: the booking-page booking behind the schedule (BOOK-9), null for other sources. */
export type ScheduleView = ReturnType<typeof presentBase> & { memos: ReturnType<typeof presentMemo>[]; bookingNumber: string | null };

/**
 * A write that loses a race with a delete (or names another business's row)
 * fails on a foreign key; say which thing is missing instead of answering 500.
 */
const FOREIGN_KEY_CODES: Record<string, ErrorCode> = {
  schedules_business_id_customer_id_fkey: 'CUSTOMER_NOT_FOUND',
  schedules_business_id_staff_id_fkey: 'STAFF_NOT_FOUND',
  schedules_business_id_department_id_fkey: 'DEPARTMENT_NOT_FOUND',
  schedule_memos_business_id_memo_type_id_fkey: 'MEMO_TYPE_NOT_FOUND',
  schedule_memos_business_id_schedule_id_fkey: 'SCHEDULE_NOT_FOUND',
  schedule_history_business_id_schedule_id_fkey: 'SCHEDULE_NOT_FOUND',
  notifications_business_id_schedule_id_fkey: 'SCHEDULE_NOT_FOUND',
  notifications_business_id_user_id_fkey: 'USER_NOT_FOUND',
};

export function translateWriteError(error: unknown): unknown {
  if (typeof error !== 'object' || error === null || !('code' in error)) return error;
  const { code, constraint } = error as { code: unknown; constraint?: string };
  if (code === '23503' && constraint && FOREIGN_KEY_CODES[constraint]) return new AppError(FOREIGN_KEY_CODES[constraint], { cause: error });
  if (code === '23514' && constraint === 'schedules_check') return new AppError('SCHEDULE_TIME_INVALID', { cause: error });
  return error;
}

async function inTransaction<T>(db: Kysely<DB>, work: (trx: Kysely<DB>) => Promise<T>): Promise<T> {
  try {
    return await db.transaction().execute(work);
  } catch (error) {
    throw translateWriteError(error);
  }
}

function refOf(businessId: string, row: { id: string; source: ScheduleRef['source']; customer_id: string; starts_at: Date; ends_at: Date; status: ScheduleRef['status'] }): ScheduleRef {
  return { id: row.id, businessId, source: row.source, customerId: row.customer_id, startsAt: row.starts_at, endsAt: row.ends_at, status: row.status };
}

async function loadSchedule(db: Kysely<DB>, actor: Actor, scheduleId: string): Promise<ScheduleView> {
  const [row, memos] = await Promise.all([repo.findScheduleDetail(db, actor.businessId, scheduleId), repo.listMemos(db, actor.businessId, scheduleId)]);
  if (!row) throw new AppError('SCHEDULE_NOT_FOUND');
  let bookingNumber: string | null = null;
  for (const hooks of scheduleHooks()) {
    const extra = hooks.describe ? await hooks.describe(db, refOf(actor.businessId, row)) : {};
    if (extra.bookingNumber !== undefined) bookingNumber = extra.bookingNumber;
  }
  return { ...presentBase(actor, row), memos: memos.map(presentMemo), bookingNumber };
}

export function getSchedule(db: Kysely<DB>, actor: Actor, scheduleId: string): Promise<ScheduleView> {
  return loadSchedule(db, actor, scheduleId);
}

/** CORE-9: everything the calendar draws for a range of the business's days, in three queries run together. */
export async function getCalendar(db: Kysely<DB>, actor: Actor, date: string, days: number) {
  let range: { from: Date; to: Date };
  try {
    range = dayRange(date, days, actor.timeZone);
  } catch {
    throw new AppError('VALIDATION_FAILED', { message: '날짜는 YYYY-MM-DD 형식의 실제 날짜여야 합니다.' });
  }
  const [staff, departments, schedules] = await Promise.all([
    repo.listActiveStaff(db, actor.businessId),
    repo.listDepartments(db, actor.businessId),
    repo.listCalendarSchedules(db, actor.businessId, range.from, range.to),
  ]);
  return {
    from: range.from.toISOString(),
    to: range.to.toISOString(),
    timeZone: actor.timeZone,
    staff: staff.map((s) => ({
      id: s.id,
      name: s.name,
      kind: s.kind,
      userId: s.user_id,
      departmentId: s.department_id,
      color: s.color,
      sortOrder: s.sort_order,
      active: s.active,
    })),
    departments: departments.map((d) => ({ id: d.id, name: d.name, color: d.color, sortOrder: d.sort_order })),
    schedules: schedules.map((row) => ({ ...presentBase(actor, row), memoCount: row.memo_count })),
  };
}

async function requireAssignableStaff(db: Kysely<DB>, businessId: string, staffId: string) {
  const staff = await repo.findStaff(db, businessId, staffId);
  if (!staff) throw new AppError('STAFF_NOT_FOUND');
  if (!staff.active) throw new AppError('STAFF_INACTIVE');
  return staff;
}

async function requireDepartment(db: Kysely<DB>, businessId: string, departmentsEnabled: boolean, departmentId: string) {
  if (!departmentsEnabled) throw new AppError('DEPARTMENTS_DISABLED');
  const department = await repo.findDepartment(db, businessId, departmentId);
  if (!department) throw new AppError('DEPARTMENT_NOT_FOUND');
  return department;
}

async function requireCustomer(db: Kysely<DB>, businessId: string, customerId: string) {
  const customer = await repo.findCustomer(db, businessId, customerId);
  if (!customer) throw new AppError('CUSTOMER_NOT_FOUND');
  return customer;
}

async function requireVisibleMemoType(db: Kysely<DB>, businessId: string, memoTypeId: string) {
  const memoType = await repo.findMemoType(db, businessId, memoTypeId);
  if (!memoType) throw new AppError('MEMO_TYPE_NOT_FOUND');
  if (!memoType.visible) throw new AppError('MEMO_TYPE_HIDDEN');
  return memoType;
}

async function requireBusiness(db: Kysely<DB>, businessId: string) {
  const business = await repo.findBusiness(db, businessId);
  if (!business) throw new AppError('BUSINESS_NOT_FOUND');
  return business;
}

function requireTimeOrder(startsAt: Date, endsAt: Date) {
  if (!(endsAt.getTime() > startsAt.getTime())) throw new AppError('SCHEDULE_TIME_INVALID');
}

function memoLabel(memoTypeName: string, body: string): string {
  return `${memoTypeName}: ${body}`;
}

/** "3월 5일 (목) 14:00 홍길동 고객": when and who, in the business's time zone. */
function assignmentBody(startsAt: Date, customerName: string, timeZone: string): string {
  const when = DateTime.fromJSDate(startsAt, { zone: timeZone }).setLocale('ko').toFormat('M월 d일 (ccc) HH:mm');
  return `${when} ${customerName} 고객`;
}

/** Tells a staff member's login about a schedule given to them, unless they gave it to themselves. */
async function notifyAssignee(
  trx: Kysely<DB>,
  actor: Actor,
  staff: { user_id: string | null },
  schedule: { id: string; startsAt: Date; customerName: string },
) {
  if (!staff.user_id || staff.user_id === actor.userId) return;
  await notifyUsers(trx, actor.businessId, [staff.user_id], {
    kind: 'schedule_assigned',
    title: ASSIGNED_TITLE,
    body: assignmentBody(schedule.startsAt, schedule.customerName, actor.timeZone),
    scheduleId: schedule.id,
  });
}

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
}

export async function createSchedule(db: Kysely<DB>, actor: Actor, input: CreateScheduleInput): Promise<ScheduleView> {
  const startsAt = new Date(input.startsAt);
  const endsAt = new Date(input.endsAt);
  requireTimeOrder(startsAt, endsAt);
  const id = await inTransaction(db, async (trx) => {
    const business = await requireBusiness(trx, actor.businessId);
    const staff = await requireAssignableStaff(trx, actor.businessId, input.staffId);
    let departmentId: string | null = null;
    if (input.departmentId) departmentId = (await requireDepartment(trx, actor.businessId, business.departments_enabled, input.departmentId)).id;
    else if (input.departmentId === undefined && business.departments_enabled) departmentId = staff.department_id;
    const customer = await requireCustomer(trx, actor.businessId, input.customerId);
    if (input.memo) await requireVisibleMemoType(trx, actor.businessId, input.memo.memoTypeId);

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
    return schedule.id;
  });
  return loadSchedule(db, actor, id);
}

export interface UpdateScheduleInput {
  startsAt?: string;
  endsAt?: string;
  staffId?: string;
  departmentId?: string | null;
  customerId?: string;
  title?: string;
  version?: number;
}

type LockedSchedule = NonNullable<Awaited<ReturnType<typeof repo.lockSchedule>>>;

/** Locks the schedule and checks the version the client saw, so every decision below is made on the row that is written. */
async function lockForChange(trx: Kysely<DB>, actor: Actor, scheduleId: string, version: number | undefined): Promise<LockedSchedule> {
  const row = await repo.lockSchedule(trx, actor.businessId, scheduleId);
  if (!row) throw new AppError('SCHEDULE_NOT_FOUND');
  if (version !== undefined && version !== row.version) {
    throw new AppError('SCHEDULE_VERSION_CONFLICT', { details: { currentVersion: row.version } });
  }
  return row;
}

/**
 * Moves a schedule in time, reassigns its staff or department, changes its
 * customer or title (drag and drop in the calendar lands here). Final
 * schedules stay as they are. Optimistic concurrency: a stale `version`
 * answers SCHEDULE_VERSION_CONFLICT, and the write itself only applies at the
 * version it was decided on.
 */
export async function updateSchedule(db: Kysely<DB>, jobs: Jobs, actor: Actor, scheduleId: string, input: UpdateScheduleInput): Promise<ScheduleView> {
  await inTransaction(db, async (trx) => {
    const row = await lockForChange(trx, actor, scheduleId, input.version);
    // Nothing asked is nothing done (QUAL-3): the schedule is answered as it is, final or not.
    const { version: _version, ...asked } = input;
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

    const updated = await repo.updateScheduleAtVersion(trx, actor.businessId, scheduleId, row.version, set);
    if (!updated) throw new AppError('SCHEDULE_VERSION_CONFLICT');
    await repo.insertHistory(trx, { businessId: actor.businessId, scheduleId, userId: actor.userId, actorLabel: null, action: 'updated', changes });
    for (const hooks of scheduleHooks()) await hooks.afterUpdate?.(ctx, changes.department ? { departmentId: set.department_id ?? null } : {});
    if (newStaff) {
      customerName ??= (await repo.findCustomer(trx, actor.businessId, updated.customer_id))?.name ?? '';
      await notifyAssignee(trx, actor, newStaff, { id: scheduleId, startsAt: updated.starts_at, customerName });
    }
  });
  return loadSchedule(db, actor, scheduleId);
}

/**
 * The one way a schedule's status changes (CORE-7): the transition table of
 * status.ts decides by current status and source. Channel commands (NAVER-7,
 * NAVER-8) hook in here, inside the same transaction.
 */
export async function changeScheduleStatus(
  db: Kysely<DB>,
  jobs: Jobs,
  actor: Actor,
  scheduleId: string,
  input: { status: ScheduleStatus; version?: number },
): Promise<ScheduleView> {
  await inTransaction(db, async (trx) => {
    const row = await lockForChange(trx, actor, scheduleId, input.version);
    assertTransition(row.status, input.status, row.source);
    const updated = await repo.updateScheduleAtVersion(trx, actor.businessId, scheduleId, row.version, { status: input.status });
    if (!updated) throw new AppError('SCHEDULE_VERSION_CONFLICT');
    await repo.insertHistory(trx, {
      businessId: actor.businessId,
      scheduleId,
      userId: actor.userId,
      actorLabel: null,
      action: 'status',
      changes: { status: { from: row.status, to: input.status } } satisfies Changes,
    });
    const ctx: ScheduleHookContext = { trx, jobs, actor, schedule: refOf(actor.businessId, row) };
    for (const hooks of scheduleHooks()) await hooks.afterStatusChange?.(ctx, { from: row.status, to: input.status });
  });
  return loadSchedule(db, actor, scheduleId);
}

async function requireSchedule(db: Kysely<DB>, actor: Actor, scheduleId: string) {
  if (!(await repo.scheduleExists(db, actor.businessId, scheduleId))) throw new AppError('SCHEDULE_NOT_FOUND');
}

export async function listScheduleHistory(db: Kysely<DB>, actor: Actor, scheduleId: string) {
  await requireSchedule(db, actor, scheduleId);
  const rows = await repo.listHistory(db, actor.businessId, scheduleId);
  return {
    items: rows.map((r) => ({
      id: String(r.id),
      at: r.at.toISOString(),
      actorName: r.user_name ?? r.actor_label ?? null,
      action: r.action,
      changes: (r.changes ?? {}) as Changes,
    })),
  };
}

/**
 * Memos stay writable on cancelled and completed schedules: notes after a
 * visit ("시술 후 붉은기") are the common case, and a memo is no change to the
 * appointment itself.
 */
export async function addScheduleMemo(db: Kysely<DB>, actor: Actor, scheduleId: string, input: { memoTypeId: string; body: string }) {
  return inTransaction(db, async (trx) => {
    await requireSchedule(trx, actor, scheduleId);
    const memoType = await requireVisibleMemoType(trx, actor.businessId, input.memoTypeId);
    const memo = await repo.insertMemo(trx, {
      businessId: actor.businessId,
      scheduleId,
      memoTypeId: memoType.id,
      body: input.body,
      createdBy: actor.userId,
    });
    await repo.insertHistory(trx, {
      businessId: actor.businessId,
      scheduleId,
      userId: actor.userId,
      actorLabel: null,
      action: 'memo_added',
      changes: { memo: { from: null, to: memoLabel(memoType.name, memo.body), toId: memo.id } } satisfies Changes,
    });
    return {
      id: memo.id,
      memoTypeId: memo.memo_type_id,
      memoTypeName: memoType.name,
      body: memo.body,
      createdAt: memo.created_at.toISOString(),
      createdByName: actor.userName,
    };
  });
}

export async function deleteScheduleMemo(db: Kysely<DB>, actor: Actor, scheduleId: string, memoId: string): Promise<void> {
  await inTransaction(db, async (trx) => {
    await requireSchedule(trx, actor, scheduleId);
    const memo = await repo.deleteMemo(trx, actor.businessId, scheduleId, memoId);
    if (!memo) throw new AppError('MEMO_NOT_FOUND');
    await repo.insertHistory(trx, {
      businessId: actor.businessId,
      scheduleId,
      userId: actor.userId,
      actorLabel: null,
      action: 'memo_deleted',
      changes: { memo: { from: memoLabel(memo.memo_type_name, memo.body), to: null, fromId: memo.id } } satisfies Changes,
    });
  });
}
