import crypto from 'node:crypto';
import { AppError, notFound } from '../../../platform/errors/registry.ts';
import type { Actor } from '../../auth/index.ts';
import { IMAGES_PER_PLACE_MAX } from '../domain/place.ts';
import { normaliseImage, type ImageStore } from '../images.ts';
import * as repo from '../repository.ts';
import { presentImage, type Db } from './present.ts';

/** BOOK-1: an uploaded photo, upright and without metadata, up to IMAGES_PER_PLACE_MAX a place. */
export async function addPlaceImage(db: Db, images: ImageStore, actor: Actor, placeId: string, upload: Buffer) {
  (await repo.findPlace(db, actor.businessId, placeId)) ?? notFound('PLACE_NOT_FOUND');
  const image = await normaliseImage(upload);
  const imageId = crypto.randomUUID();
  const fileName = await images.saveOriginal(actor.businessId, imageId, image);
  try {
    const row = await db.transaction().execute(async (trx) => {
      // The place row lock makes the count and the insert one step: two uploads racing for the 20th place queue here.
      (await repo.findPlace(trx, actor.businessId, placeId, 'update')) ?? notFound('PLACE_NOT_FOUND');
      if ((await repo.countImages(trx, actor.businessId, placeId)) >= IMAGES_PER_PLACE_MAX) throw new AppError('IMAGE_LIMIT_REACHED');
      return repo.insertImage(trx, {
        id: imageId,
        businessId: actor.businessId,
        placeId,
        fileName,
        contentType: image.contentType,
        width: image.width,
        height: image.height,
        byteSize: image.bytes.length,
        sortOrder: await repo.nextImageSortOrder(trx, actor.businessId, placeId),
      });
    });
    return presentImage(row);
  } catch (error) {
    await images.remove(actor.businessId, imageId, fileName);
    throw error;
  }
}
