import * as repo from '../repository.ts';
import type { Db } from './prepare.ts';

/** BOOK-8: the customer gives back what they held (deleting the hold deletes its claims); an unknown hold is already gone. */
export async function releaseHold(db: Db, holdId: string): Promise<void> {
  await repo.releaseHoldById(db, holdId);
}
