import { AppError } from '../../../platform/errors/registry.ts';
import type { Actor } from '../../auth/index.ts';
import type { ImageWidth } from '../domain/urls.ts';
import type { ImageStore } from '../images.ts';
import * as repo from '../repository.ts';
import type { Db } from './present.ts';

/**
 * An image for the booking page or the partner center, as a WebP file at a
 * width. Images of exposed places are public; others only to a signed-in
 * user of their business (the partner center previews a place before
 * exposing it).
 */
export async function getImageFile(db: Db, images: ImageStore, actor: Actor | null, imageId: string, width: ImageWidth) {
  const row = await repo.findImageForServing(db, imageId);
  if (!row || (!row.exposed && actor?.businessId !== row.business_id)) throw new AppError('IMAGE_NOT_FOUND');
  const file = await images.resized(row.business_id, row.id, row.file_name, width);
  return { file, public: row.exposed };
}
