import type { Kysely } from 'kysely';
import type { Customer, DB } from '../../../platform/db/types.ts';
import type { Actor } from '../../auth/index.ts';
import { canSeeFullPhone, presentCustomer, type CustomerJson } from '../domain/present.ts';
import { customerGroupsOf } from '../hooks.ts';

/** Customers as the API shows them: phone by the actor's permission, groups (MSG-2) as of now in the business's zone. */
export async function presentCustomers(db: Kysely<DB>, actor: Actor, rows: readonly Customer[]): Promise<CustomerJson[]> {
  const groups = await customerGroupsOf()(db, actor.businessId, rows, new Date(), actor.timeZone);
  const canSeeFull = canSeeFullPhone(actor);
  return rows.map((row) => presentCustomer(row, canSeeFull, groups.get(row.id) ?? []));
}

export async function presentOneCustomer(db: Kysely<DB>, actor: Actor, row: Customer): Promise<CustomerJson> {
  return (await presentCustomers(db, actor, [row]))[0]!;
}
