import type { Kysely } from 'kysely';
import type { DB } from '../../../platform/db/types.ts';
import type { Actor } from '../../auth/index.ts';
import { loadConnectionView } from './present.ts';

/** NAVER-1..3: the business's connection settings, linked products and memo mapping. */
export function getNaverConnection(db: Kysely<DB>, actor: Actor) {
  return loadConnectionView(db, actor.businessId);
}
