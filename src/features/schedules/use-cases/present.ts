import type { Kysely } from 'kysely';
import type { DB, ScheduleStatus } from '../../../platform/db/types.ts';
import { AppError } from '../../../platform/errors/registry.ts';
import type { Actor } from '../../auth/index.ts';
import { canSeeFullPhone, presentCustomerPhone } from '../../customers/index.ts';
import { allowedTransitions } from '../domain/status.ts';
import { scheduleHooks, type ScheduleRef } from '../hooks.ts';
import * as repo from '../repository.ts';
import { undoOffer } from './undo-offer.ts';

type DetailRow = NonNullable<Awaited<ReturnType<typeof repo.findScheduleDetail>>>;
type MemoRow = Awaited<ReturnType<typeof repo.listMemos>>[number];
type CalendarRow = Awaited<ReturnType<typeof repo.listCalendarSchedules>>[number];

/** A schedule as the calendar and the detail view show it; the phone is masked unless the actor may see it whole. */
export function presentSchedule(actor: Actor, row: DetailRow | CalendarRow) {
  return {
    id: row.id,
    customerId: row.customer_id,
    customer: { id: row.customer_id, name: row.customer_name, phone: presentCustomerPhone(row.customer_phone, canSeeFullPhone(actor)).phone },
    staffId: row.staff_id,
    staffName: row.staff_name,
    departmentId: row.department_id,
    departmentName: row.department_name,
    startsAt: row.starts_at.toISOString(),
    endsAt: row.ends_at.toISOString(),
    status: row.status,
    rejected: row.rejected,
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

/**
 * `bookingNumber`: the booking-page booking behind the schedule (BOOK-9), null for other sources.
 * `undo`: the last status change this actor can take back now (OPS-4), and until when.
 */
export type ScheduleView = ReturnType<typeof presentSchedule> & {
  memos: ReturnType<typeof presentMemo>[];
  bookingNumber: string | null;
  undo: { to: ScheduleStatus; until: string } | null;
};

/** What the hooks of other features are told about a schedule row. */
export function refOf(
  businessId: string,
  row: { id: string; source: ScheduleRef['source']; customer_id: string; starts_at: Date; ends_at: Date; status: ScheduleRef['status'] },
): ScheduleRef {
  return { id: row.id, businessId, source: row.source, customerId: row.customer_id, startsAt: row.starts_at, endsAt: row.ends_at, status: row.status };
}

/** The detail view: the schedule, its memos, and what the channel hooks add (the booking number). */
export async function loadScheduleView(db: Kysely<DB>, actor: Actor, scheduleId: string): Promise<ScheduleView> {
  const [row, memos] = await Promise.all([repo.findScheduleDetail(db, actor.businessId, scheduleId), repo.listMemos(db, actor.businessId, scheduleId)]);
  if (!row) throw new AppError('SCHEDULE_NOT_FOUND');
  let bookingNumber: string | null = null;
  for (const hooks of scheduleHooks()) {
    const extra = hooks.describe ? await hooks.describe(db, refOf(actor.businessId, row)) : {};
    if (extra.bookingNumber !== undefined) bookingNumber = extra.bookingNumber;
  }
  const undo = await undoOffer(db, actor, refOf(actor.businessId, row));
  return { ...presentSchedule(actor, row), memos: memos.map(presentMemo), bookingNumber, undo };
}
