import type { Kysely } from 'kysely';
import type { DB } from '../../../platform/db/types.ts';
import { AppError, notFound } from '../../../platform/errors/registry.ts';
import type { Actor } from '../../auth/index.ts';
import * as repo from '../repository.ts';
import { presentStaff } from './present.ts';
import { assertDepartment } from './references.ts';

export type NewStaff = {
  name: string;
  departmentId?: string | null;
  color?: string;
  sortOrder?: number;
} & ({ kind: 'user'; userId: string } | { kind: 'resource' });

/** CORE-4: a login user of this business (at most one staff entry each) or a non-login resource such as a room. */
export async function createStaff(db: Kysely<DB>, actor: Actor, input: NewStaff) {
  const row = await db.transaction().execute(async (trx) => {
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
  });
  return presentStaff(row);
}
