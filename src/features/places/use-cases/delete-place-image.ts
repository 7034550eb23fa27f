import { notFound } from '../../../platform/errors/registry.ts';
import type { Actor } from '../../auth/index.ts';
import type { ImageStore } from '../images.ts';
import * as repo from '../repository.ts';
import type { Db } from './present.ts';

/** BOOK-1: an image's row, then its files. */
export async function deletePlaceImage(db: Db, images: ImageStore, actor: Actor, placeId: string, imageId: string): Promise<void> {
  (await repo.findPlace(db, actor.businessId, placeId)) ?? notFound('PLACE_NOT_FOUND');
  const row = (await repo.deleteImage(db, actor.businessId, placeId, imageId)) ?? notFound('IMAGE_NOT_FOUND');
  await images.remove(actor.businessId, row.id, row.file_name);
}
