import type { Kysely } from 'kysely';
import type { DB } from '../../../platform/db/types.ts';
import { AppError } from '../../../platform/errors/registry.ts';
import type { Actor } from '../../auth/index.ts';
import * as repo from '../repository/staff-hours.ts';

/** OPS-2: removes one absence of a staff member (schedules on that time stay as they are). */
export async function deleteStaffAbsence(db: Kysely<DB>, actor: Actor, staffId: string, absenceId: string): Promise<void> {
  const deleted = await repo.deleteStaffAbsence(db, actor.businessId, staffId, absenceId);
  if (!deleted) throw new AppError('STAFF_ABSENCE_NOT_FOUND');
}
