import type { Kysely } from 'kysely';
import type { DB } from '../../../platform/db/types.ts';
import type { Actor } from '../../auth/index.ts';
import { saveDraft as upsertDraft } from '../repository/drafts.ts';
import { presentDraft } from './present.ts';

/** MSG-4: saves the editor's state as the business's draft, replacing the one before. */
export async function saveDraft(db: Kysely<DB>, actor: Actor, content: unknown) {
  const row = await upsertDraft(db, actor.businessId, JSON.stringify(content), actor.userId);
  return presentDraft(row.content, row.saved_at);
}
