import type { Kysely } from 'kysely';
import type { DB } from '../../../platform/db/types.ts';
import { AppError } from '../../../platform/errors/registry.ts';
import * as customers from '../repository/customers.ts';
import * as visits from '../repository/visits.ts';
import { presentVisit } from './present.ts';

/** A customer's visits, newest first. */
export async function listCustomerVisits(db: Kysely<DB>, businessId: string, customerId: string, page: { limit: number; offset: number }) {
  if (!(await customers.customerExists(db, businessId, customerId))) throw new AppError('CUSTOMER_NOT_FOUND');
  const { rows, total } = await visits.listVisitsOfCustomer(db, businessId, customerId, page);
  return { items: rows.map(presentVisit), total };
}
