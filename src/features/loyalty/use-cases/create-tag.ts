import type { Kysely } from 'kysely';
import type { DB } from '../../../platform/db/types.ts';
import * as tags from '../repository/tags.ts';
import { cleanName, presentTag } from './present.ts';

/** A taken name answers CUSTOMER_TAG_NAME_TAKEN (the constraint's registered code). */
export async function createTag(db: Kysely<DB>, businessId: string, input: { name: string }) {
  const row = await tags.insertTag(db, { businessId, name: cleanName(input.name) });
  return presentTag(row);
}
