import type { Kysely } from 'kysely';
import type { DB } from '../../../platform/db/types.ts';
import { notFound } from '../../../platform/errors/registry.ts';
import * as tags from '../repository/tags.ts';

/** Deleting a tag takes it off the customers that carry it. */
export async function deleteTag(db: Kysely<DB>, businessId: string, id: string): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const tag = (await tags.findTag(trx, businessId, id, true)) ?? notFound('CUSTOMER_TAG_NOT_FOUND');
    await tags.removeTagFromCustomers(trx, businessId, tag.name);
    await tags.deleteTag(trx, businessId, id);
  });
}
