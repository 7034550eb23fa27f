import type { Kysely } from 'kysely';
import type { DB } from '../../../platform/db/types.ts';
import { AppError } from '../../../platform/errors/registry.ts';
import { formatTime, formatDate } from '../../../shared/format.ts';
import { conflictsOf, isOccupiable } from '../domain/overlap.ts';
import * as repo from '../repository.ts';

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
