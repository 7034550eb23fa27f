import type { Kysely } from 'kysely';
import type { DB } from '../../../platform/db/types.ts';
import { AppError } from '../../../platform/errors/registry.ts';
import type { Permission } from '../domain/permissions.ts';
import * as repo from '../repository.ts';

/** The signed-in user and their business, with the permissions the session resolved (GET /api/auth/me). */
export async function getMe(db: Kysely<DB>, who: { businessId: string; userId: string; permissions: Iterable<Permission> }) {
  const row = await repo.findMe(db, who.businessId, who.userId);
  if (!row) throw new AppError('UNAUTHENTICATED');
  return {
    user: { id: row.id, email: row.email, name: row.name, role: row.role, permissions: [...who.permissions], staffId: row.staffId },
    business: {
      id: row.businessId,
      name: row.businessName,
      serviceType: row.serviceType,
      timeZone: row.timeZone,
      phone: row.businessPhone,
      departmentsEnabled: row.departmentsEnabled,
    },
  };
}
