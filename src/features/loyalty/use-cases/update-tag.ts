import type { Kysely } from 'kysely';
import type { DB } from '../../../platform/db/types.ts';
import { notFound } from '../../../platform/errors/registry.ts';
import * as tags from '../repository/tags.ts';
import { cleanName, presentTag } from './present.ts';

/** Renaming a tag renames it in every customer's tags, in the same transaction. */
export async function updateTag(db: Kysely<DB>, businessId: string, id: string, input: { name?: string | undefined }) {
  const row = await db.transaction().execute(async (trx) => {
    const current = (await tags.findTag(trx, businessId, id, true)) ?? notFound('CUSTOMER_TAG_NOT_FOUND');
    if (input.name === undefined) return current;
    const name = cleanName(input.name);
    const updated = (await tags.renameTag(trx, businessId, id, name)) ?? notFound('CUSTOMER_TAG_NOT_FOUND');
    if (name !== current.name) await tags.renameTagOnCustomers(trx, businessId, current.name, name);
    return updated;
  });
  const [counted] = await tags.listTags(db, businessId, row.id);
  return presentTag(counted ?? row);
}
