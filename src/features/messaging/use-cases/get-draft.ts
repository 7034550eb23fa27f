import type { Kysely } from 'kysely';
import type { DB } from '../../../platform/db/types.ts';
import type { Actor } from '../../auth/index.ts';
import { findDraft } from '../repository/drafts.ts';
import { presentDraft } from './present.ts';

/** MSG-4: the business's one draft, or null. */
export async function getDraft(db: Kysely<DB>, actor: Actor) {
  const row = await findDraft(db, actor.businessId);
  return row ? presentDraft(row.content, row.saved_at) : null;
}
