import type { Kysely } from 'kysely';
import type { DB } from '../../../platform/db/types.ts';
import * as tags from '../repository/tags.ts';
import { presentTag } from './present.ts';

export async function listTags(db: Kysely<DB>, businessId: string) {
  return { items: (await tags.listTags(db, businessId)).map(presentTag) };
}
