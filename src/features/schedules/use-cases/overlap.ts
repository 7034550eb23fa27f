import type { Kysely } from 'kysely';
import type { DB } from '../../../platform/db/types.ts';
import { AppError } from '../../../platform/errors/registry.ts';
import { formatTime, formatDate } from '../../../shared/format.ts';
import { conflictsOf, isOccupiable } from '../domain/overlap.ts';
import * as repo from '../repository.ts';
import { loadStaffTimeRules, staffOffDuring, staffOffMessage } from '../../settings/index.ts';

export interface OverlapConflict {
  id: string;
  customerName: string;
  title: string;
  startsAt: string;
  endsAt: string;
}

/**
 * OPS-3, inside the writing transaction: the staff row is locked, then the
 * staff's schedules meeting the new span are read; any that hold time
 * refuse the write with SCHEDULE_OVERLAP naming them, unless the user chose
 * "겹쳐도 저장" (`allowOverlap`). Channel columns are never checked.
 */
export async function requireNoOverlap(
  trx: Kysely<DB>,
  businessId: string,
  staff: { id: string; name: string; kind: string },
  span: { id?: string; startsAt: Date; endsAt: Date },
  options: { allowOverlap?: boolean | undefined; timeZone: string },
): Promise<void> {
  if (!isOccupiable(staff.kind)) return;
  await repo.lockStaffTime(trx, businessId, staff.id);
  const meeting = await repo.listStaffSchedulesMeeting(trx, businessId, staff.id, span.startsAt, span.endsAt);
  const conflicts = conflictsOf(span, meeting);
  if (conflicts.length === 0 || options.allowOverlap) return;
  const first = conflicts[0]!;
  const when = `${formatDate(first.startsAt.toISOString(), options.timeZone)} ${formatTime(first.startsAt.toISOString(), options.timeZone)}–${formatTime(first.endsAt.toISOString(), options.timeZone)}`;
  const more = conflicts.length > 1 ? ` 외 ${conflicts.length - 1}건` : '';
  throw new AppError('SCHEDULE_OVERLAP', {
    message: `${staff.name}님에게 같은 시간에 ${first.customerName}님 일정(${when})${more}이 있습니다. 그래도 저장하려면 ‘겹쳐도 저장’을 선택하세요.`,
    details: {
      staffId: staff.id,
      staffName: staff.name,
      conflicts: conflicts.map((c) => ({ id: c.id, customerName: c.customerName, title: c.title, startsAt: c.startsAt.toISOString(), endsAt: c.endsAt.toISOString() }) satisfies OverlapConflict),
    },
  });
}

/**
 * OPS-2, inside the same transaction (after requireNoOverlap's staff lock,
 * which adding an absence takes too): a schedule written by hand on the
 * staff's absence (휴무, 휴가, 외근) or outside their weekly hours is refused
 * with SCHEDULE_STAFF_ABSENT naming it, unless the user chose to save anyway
 * (`allowAbsent`). Channel columns have no hours; Naver and booking-page
 * schedules never come here (the customer booked; the shop handles it).
 */
export async function requireStaffAvailable(
  trx: Kysely<DB>,
  businessId: string,
  staff: { id: string; name: string; kind: string },
  span: { startsAt: Date; endsAt: Date },
  options: { allowAbsent?: boolean | undefined; timeZone: string },
): Promise<void> {
  if (!isOccupiable(staff.kind) || options.allowAbsent) return;
  const rules = await loadStaffTimeRules(trx, businessId, staff.id, span.startsAt);
  if (!rules) return;
  const off = staffOffDuring(rules, { startsAt: span.startsAt.getTime(), endsAt: span.endsAt.getTime() }, options.timeZone);
  if (!off) return;
  const reason = staffOffMessage(staff.name, off, rules, options.timeZone);
  throw new AppError('SCHEDULE_STAFF_ABSENT', {
    message: `${reason} 그래도 저장하려면 ‘그래도 저장’을 선택하세요.`,
    details: {
      staffId: staff.id,
      staffName: staff.name,
      reason,
      kind: off.kind,
      label: off.label,
      absenceId: off.absenceId,
      startsAt: new Date(off.startsAt).toISOString(),
      endsAt: new Date(off.endsAt).toISOString(),
    },
  });
}
