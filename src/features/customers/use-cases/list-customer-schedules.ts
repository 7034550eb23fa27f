import type { Kysely } from 'kysely';
import type { DB } from '../../../platform/db/types.ts';
import { AppError } from '../../../platform/errors/registry.ts';
import * as repo from '../repository.ts';

/** The customer's schedules, newest first, with staff and department names. */
export async function listCustomerSchedules(db: Kysely<DB>, businessId: string, id: string) {
  if (!(await repo.findCustomer(db, businessId, id))) throw new AppError('CUSTOMER_NOT_FOUND');
  const rows = await repo.listSchedulesOfCustomer(db, businessId, id);
  return {
    items: rows.map((r) => ({
      id: r.id,
      startsAt: r.starts_at.toISOString(),
      endsAt: r.ends_at.toISOString(),
      status: r.status,
      rejected: r.rejected,
      source: r.source,
      title: r.title,
      staffId: r.staff_id,
      staffName: r.staff_name,
      departmentId: r.department_id,
      departmentName: r.department_name,
    })),
  };
}
