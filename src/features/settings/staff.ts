import type { Kysely } from 'kysely';
import type { DB, Staff } from '../../platform/db/types.ts';
import { AppError, notFound } from '../../platform/errors/registry.ts';
import type { Actor } from '../auth/index.ts';
import { mapUniqueViolations } from './constraints.ts';
import * as repo from './repository.ts';

const uniqueCodes = { staff_user_key: 'STAFF_USER_TAKEN' } as const;

export function presentStaff(row: Staff) {
  return {
    id: row.id,
    name: row.name,
    kind: row.kind,
    userId: row.user_id,
    departmentId: row.department_id,
    color: row.color,
    sortOrder: row.sort_order,
    active: row.active,
  };
}

export async function listStaff(db: Kysely<DB>, actor: Actor) {
  const rows = await repo.listStaff(db, actor.businessId);
  return { items: rows.map(presentStaff) };
}

export type NewStaff = {
  name: string;
  departmentId?: string | null;
  color?: string;
  sortOrder?: number;
} & ({ kind: 'user'; userId: string } | { kind: 'resource' });

/** CORE-4: a login user of this business (at most one staff entry each) or a non-login resource such as a room. */
export async function createStaff(db: Kysely<DB>, actor: Actor, input: NewStaff) {
  const row = await mapUniqueViolations(
    () =>
      db.transaction().execute(async (trx) => {
        const userId = input.kind === 'user' ? input.userId : null;
        if (userId) {
          const user = (await repo.findUser(trx, actor.businessId, userId)) ?? notFound('USER_NOT_FOUND');
          if (user.staff_id) throw new AppError('STAFF_USER_TAKEN');
        }
        if (input.departmentId) await assertDepartment(trx, actor.businessId, input.departmentId);
        const sortOrder = input.sortOrder ?? (await repo.nextSortOrder(trx, 'staff', actor.businessId));
        return repo.insertStaff(trx, {
          businessId: actor.businessId,
          name: input.name,
          kind: input.kind,
          userId,
          departmentId: input.departmentId ?? null,
          color: input.color,
          sortOrder,
        });
      }),
    uniqueCodes,
  );
  return presentStaff(row);
}

export interface StaffChanges {
  name?: string;
  departmentId?: string | null;
  color?: string;
  sortOrder?: number;
  active?: boolean;
}

/** Columns no person stands behind: "네이버예약" and "예약페이지" receive channel bookings until someone takes them. */
export function isVirtualStaff(kind: Staff['kind']): boolean {
  return kind === 'naver' || kind === 'booking_page';
}

/** A virtual staff keeps its name, department and active state; only its place and colour change. */
export function changesVirtualProtectedFields(current: Staff, changes: StaffChanges): boolean {
  return (
    (changes.name !== undefined && changes.name !== current.name) ||
    (changes.active !== undefined && changes.active !== current.active) ||
    (changes.departmentId !== undefined && changes.departmentId !== current.department_id)
  );
}

export async function updateStaff(db: Kysely<DB>, actor: Actor, id: string, changes: StaffChanges) {
  const row = await db.transaction().execute(async (trx) => {
    const current = (await repo.findStaff(trx, actor.businessId, id)) ?? notFound('STAFF_NOT_FOUND');
    if (isVirtualStaff(current.kind) && changesVirtualProtectedFields(current, changes)) throw new AppError('STAFF_VIRTUAL_PROTECTED');
    if (changes.departmentId) await assertDepartment(trx, actor.businessId, changes.departmentId);
    return repo.updateStaff(trx, actor.businessId, id, changes);
  });
  return presentStaff(row ?? notFound('STAFF_NOT_FOUND'));
}

/** Staff with schedules stay (deactivate them instead); the row lock keeps a new schedule from racing the check. */
export async function deleteStaff(db: Kysely<DB>, actor: Actor, id: string) {
  await db.transaction().execute(async (trx) => {
    const current = (await repo.findStaff(trx, actor.businessId, id, 'update')) ?? notFound('STAFF_NOT_FOUND');
    if (isVirtualStaff(current.kind)) throw new AppError('STAFF_VIRTUAL_PROTECTED');
    if (await repo.staffHasSchedules(trx, actor.businessId, id)) throw new AppError('STAFF_IN_USE');
    await repo.deleteStaff(trx, actor.businessId, id);
  });
}

async function assertDepartment(db: Kysely<DB>, businessId: string, departmentId: string) {
  (await repo.findDepartment(db, businessId, departmentId, 'keyShare')) ?? notFound('DEPARTMENT_NOT_FOUND');
}
