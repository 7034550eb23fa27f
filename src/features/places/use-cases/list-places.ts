import type { Actor } from '../../auth/index.ts';
import * as repo from '../repository.ts';
import { presentPlaces, type Db } from './present.ts';

/** BOOK-1: the business's places, each with its images, products and public page address. */
export async function listPlaces(db: Db, actor: Actor) {
  return { items: await presentPlaces(db, actor.businessId, await repo.listPlaces(db, actor.businessId)) };
}
