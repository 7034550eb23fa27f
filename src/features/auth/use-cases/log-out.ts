import type { Kysely } from 'kysely';
import type { DB } from '../../../platform/db/types.ts';
import * as repo from '../repository.ts';
import { hashToken } from '../session-token.ts';

export async function logOut(db: Kysely<DB>, token: string) {
  await repo.deleteSession(db, hashToken(token));
}
