import type { Kysely } from 'kysely';
import type { DB } from '../../../platform/db/types.ts';
import { AppError, catalogAppError, notFound } from '../../../platform/errors/registry.ts';
import type { Actor } from '../../auth/index.ts';
import { absenceProblem, type AbsenceSpan, type StaffAbsenceKind } from '../domain/staff-hours.ts';
import { isVirtualStaff } from '../domain/staff.ts';
import * as repo from '../repository/staff-hours.ts';
import { presentAbsence } from './present.ts';
import { absenceOf, lockStaffTime } from './staff-time-rules.ts';

export type NewStaffAbsence = { kind: StaffAbsenceKind; memo?: string } & ({ startsOn: string; endsOn: string } | { startsAt: string; endsAt: string });

/**
 * OPS-2: a 휴무, 휴가 or 외근 of a staff member, whole days or a span of
 * time. Absences of one staff never overlap: checked under the staff's row
 * lock, the lock schedule writes take too.
 */
export async function addStaffAbsence(db: Kysely<DB>, actor: Actor, staffId: string, input: NewStaffAbsence) {
  let span: AbsenceSpan;
  // The route's schema has checked the dates and instants are real ones.
  if ('startsOn' in input) {
    span = { kind: 'days', from: input.startsOn, to: input.endsOn };
  } else {
    span = { kind: 'time', startsAt: new Date(input.startsAt).getTime(), endsAt: new Date(input.endsAt).getTime() };
  }
  const row = await db.transaction().execute(async (trx) => {
    const staff = (await lockStaffTime(trx, actor.businessId, staffId)) ?? notFound('STAFF_NOT_FOUND');
    if (isVirtualStaff(staff.kind)) throw new AppError('STAFF_VIRTUAL_PROTECTED');
    const existing = (await repo.listStaffAbsences(trx, actor.businessId, staffId)).map(absenceOf);
    const problem = absenceProblem({ span }, existing, actor.timeZone);
    if (problem) throw catalogAppError(problem);
    return repo.insertStaffAbsence(trx, {
      businessId: actor.businessId,
      staffId,
      kind: input.kind,
      startsAt: span.kind === 'time' ? new Date(span.startsAt) : null,
      endsAt: span.kind === 'time' ? new Date(span.endsAt) : null,
      startsOn: span.kind === 'days' ? span.from : null,
      endsOn: span.kind === 'days' ? span.to : null,
      memo: input.memo?.trim() ?? '',
    });
  });
  return presentAbsence(row, actor.timeZone);
}
