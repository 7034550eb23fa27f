import type { Kysely } from 'kysely';
import type { DB } from '../../../platform/db/types.ts';
import type { Actor } from '../../auth/index.ts';
import { deleteDraft as removeDraft } from '../repository/drafts.ts';

export async function deleteDraft(db: Kysely<DB>, actor: Actor): Promise<void> {
  await removeDraft(db, actor.businessId);
}
