import type { Actor } from '../../auth/index.ts';
import { newPlaceColumns, placeChanges, type PlaceInput } from '../domain/place.ts';
import * as repo from '../repository.ts';
import { presentPlaces, type Db } from './present.ts';

/** BOOK-1: a place, placed after the business's others unless the form says where. */
export async function createPlace(db: Db, actor: Actor, input: PlaceInput) {
  const changes = placeChanges(input);
  const row = await db.transaction().execute(async (trx) => {
    const sortOrder = changes.sort_order ?? (await repo.nextPlaceSortOrder(trx, actor.businessId));
    return repo.insertPlace(trx, actor.businessId, newPlaceColumns({ ...changes, name: changes.name! }, sortOrder));
  });
  return (await presentPlaces(db, actor.businessId, [row]))[0]!;
}
