import type { Kysely } from 'kysely';
import type { DB, ServiceType } from '../../../platform/db/types.ts';
import { withConstraintErrors } from '../../../platform/errors/constraints.ts';
import { VIRTUAL_STAFF_NAMES } from '../../../shared/labels/settings.ts';
import { authRepository as authRepo, hashPassword } from '../../auth/index.ts';
import * as repo from '../repository.ts';

export interface RegisterBusinessInput {
  businessName: string;
  serviceType: ServiceType;
  phone?: string;
  departmentsEnabled?: boolean;
  admin: { name: string; email: string; password: string };
}

/**
 * CORE-1 (sign-up): creates a business with everything every business has:
 * its admin (also a staff member), the virtual staff "네이버예약" (CORE-4)
 * and "예약페이지", a default memo type and a default permission group for
 * members. A taken email is refused by its constraint as EMAIL_TAKEN, here
 * already, since the demo seed and the benchmarks call this outside HTTP.
 */
export async function registerBusiness(db: Kysely<DB>, input: RegisterBusinessInput) {
  const passwordHash = await hashPassword(input.admin.password);
  return withConstraintErrors(() =>
    db.transaction().execute(async (trx) => {
      const business = await authRepo.insertBusiness(trx, {
        name: input.businessName,
        serviceType: input.serviceType,
        phone: input.phone,
        departmentsEnabled: input.departmentsEnabled,
      });
      const user = await authRepo.insertUser(trx, {
        businessId: business.id,
        email: input.admin.email,
        passwordHash,
        name: input.admin.name,
        role: 'admin',
        permissionGroupId: null,
      });
      await repo.insertStaff(trx, { businessId: business.id, name: VIRTUAL_STAFF_NAMES.naver, kind: 'naver', color: '#03c75a', sortOrder: -1 });
      await repo.insertStaff(trx, { businessId: business.id, name: VIRTUAL_STAFF_NAMES.booking_page, kind: 'booking_page', color: '#f5c400', sortOrder: -1 });
      await repo.insertStaff(trx, { businessId: business.id, name: user.name, kind: 'user', userId: user.id, sortOrder: 0 });
      await repo.insertMemoType(trx, { businessId: business.id, name: '일반 메모', sortOrder: 0 });
      await repo.insertPermissionGroup(trx, {
        businessId: business.id,
        name: '일반 직원',
        permissions: ['customers.view', 'customers.edit', 'schedules.edit'],
      });
      return { business, user };
    }),
  );
}
