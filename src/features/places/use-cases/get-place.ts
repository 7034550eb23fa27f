import { notFound } from '../../../platform/errors/registry.ts';
import type { Actor } from '../../auth/index.ts';
import * as repo from '../repository.ts';
import { presentPlaces, type Db } from './present.ts';

export async function getPlace(db: Db, actor: Actor, id: string) {
  const row = (await repo.findPlace(db, actor.businessId, id)) ?? notFound('PLACE_NOT_FOUND');
  return (await presentPlaces(db, actor.businessId, [row]))[0]!;
}
