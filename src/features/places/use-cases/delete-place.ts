import { AppError, notFound } from '../../../platform/errors/registry.ts';
import type { Actor } from '../../auth/index.ts';
import type { ImageStore } from '../images.ts';
import * as repo from '../repository.ts';
import type { Db } from './present.ts';

/** BOOK-1: a place with products stays (PLACE_HAS_PRODUCTS); its images go with it. */
export async function deletePlace(db: Db, images: ImageStore, actor: Actor, id: string): Promise<void> {
  const removed = await db.transaction().execute(async (trx) => {
    (await repo.findPlace(trx, actor.businessId, id, 'update')) ?? notFound('PLACE_NOT_FOUND');
    if (await repo.placeHasProducts(trx, actor.businessId, id)) throw new AppError('PLACE_HAS_PRODUCTS');
    const placeImages = await repo.listImagesOfPlaces(trx, actor.businessId, [id]);
    await repo.deletePlace(trx, actor.businessId, id);
    return placeImages;
  });
  // Files go after the commit: a rollback must not leave rows without files.
  await Promise.all(removed.map((i) => images.remove(actor.businessId, i.id, i.file_name)));
}
