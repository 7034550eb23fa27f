import { notFound } from '../../../platform/errors/registry.ts';
import type { Actor } from '../../auth/index.ts';
import * as repo from '../repository.ts';
import type { Db } from './present.ts';

/** OPS-1: removes a 임시휴무; its days are bookable again (as the other rules allow). */
export async function deletePlaceClosure(db: Db, actor: Actor, placeId: string, closureId: string): Promise<void> {
  await db.transaction().execute(async (trx) => {
    // The place's row lock serialises this with a closure being added; freeing days needs no product lock.
    (await repo.findPlace(trx, actor.businessId, placeId, 'update')) ?? notFound('PLACE_NOT_FOUND');
    if (!(await repo.deleteClosure(trx, actor.businessId, placeId, closureId))) notFound('PLACE_CLOSURE_NOT_FOUND');
  });
}
