import { AppError } from '../../../platform/errors/registry.ts';
import type { Actor } from '../../auth/index.ts';
import { placeChanges, type PlaceInput } from '../domain/place.ts';
import * as repo from '../repository.ts';
import { presentPlaces, type Db } from './present.ts';

/** BOOK-1: what the form changes; nothing to change answers the place as it is (QUAL-3). */
export async function updatePlace(db: Db, actor: Actor, id: string, input: Partial<PlaceInput>) {
  const changes = placeChanges(input);
  const row = Object.keys(changes).length === 0 ? await repo.findPlace(db, actor.businessId, id) : await repo.updatePlace(db, actor.businessId, id, changes);
  if (!row) throw new AppError('PLACE_NOT_FOUND');
  return (await presentPlaces(db, actor.businessId, [row]))[0]!;
}
