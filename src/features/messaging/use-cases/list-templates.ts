import type { Kysely } from 'kysely';
import type { DB } from '../../../platform/db/types.ts';
import { templatesFor } from '../domain/templates.ts';
import { findBusinessProfile } from '../repository/messages.ts';

/** MSG-3: the coupon templates for the business's type (a clinic is not offered a café's cake). */
export async function listTemplates(db: Kysely<DB>, businessId: string) {
  const { service_type: serviceType } = await findBusinessProfile(db, businessId);
  return templatesFor(serviceType).map(({ serviceTypes: _types, ...template }) => template);
}
