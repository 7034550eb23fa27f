import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { AppError } from '../../platform/errors/registry.ts';
import { IMAGE_WIDTHS, type ImageWidth } from './domain/urls.ts';

/**
 * Place images (BOOK-1) on disk under the data directory:
 *
 *   <dataDir>/images/<businessId>/<imageId>.<jpg|png|webp>   the original, normalised
 *   <dataDir>/image-cache/<imageId>-w<width>.webp            resized copies, made on first request
 *
 * The type is read from the bytes (sharp's metadata), never from the file
 * name or the client's Content-Type. The stored original is turned upright
 * by its EXIF orientation and re-encoded without metadata, so GPS positions
 * and camera data of a phone photo never reach the booking page.
 */

export const IMAGE_MAX_BYTES = 10 * 1024 * 1024;
/** Larger than any phone photo; sharp refuses bigger inputs before decoding them (decompression bombs). */
const MAX_INPUT_PIXELS = 100_000_000;

const FORMATS = {
  jpeg: { ext: 'jpg', contentType: 'image/jpeg' },
  png: { ext: 'png', contentType: 'image/png' },
  webp: { ext: 'webp', contentType: 'image/webp' },
} as const;
type Format = keyof typeof FORMATS;

export interface NormalisedImage {
  bytes: Buffer;
  ext: string;
  contentType: string;
  width: number;
  height: number;
}

/** Reads an upload's real type from its bytes and returns the upright original without metadata; IMAGE_INVALID for anything else. */
export async function normaliseImage(input: Buffer): Promise<NormalisedImage> {
  let format: string | undefined;
  try {
    format = (await sharp(input, { limitInputPixels: MAX_INPUT_PIXELS }).metadata()).format;
  } catch (error) {
    throw new AppError('IMAGE_INVALID', { cause: error });
  }
  if (format !== 'jpeg' && format !== 'png' && format !== 'webp') throw new AppError('IMAGE_INVALID');
  try {
    const pipeline = sharp(input, { limitInputPixels: MAX_INPUT_PIXELS }).rotate();
    const encoded = format === 'jpeg' ? pipeline.jpeg({ quality: 90, mozjpeg: true }) : format === 'png' ? pipeline.png() : pipeline.webp({ quality: 90 });
    const { data, info } = await encoded.toBuffer({ resolveWithObject: true });
    const f = FORMATS[format as Format];
    return { bytes: data, ext: f.ext, contentType: f.contentType, width: info.width, height: info.height };
  } catch (error) {
    // A header that parses but pixels that do not (a truncated file).
    throw new AppError('IMAGE_INVALID', { cause: error });
  }
}

export class ImageStore {
  readonly root: string;
  constructor(dataDir: string) {
    this.root = dataDir;
  }

  private originalPath(businessId: string, fileName: string): string {
    return path.join(this.root, 'images', businessId, fileName);
  }

  private cachePath(imageId: string, width: ImageWidth): string {
    return path.join(this.root, 'image-cache', `${imageId}-w${width}.webp`);
  }

  /** Writes the original; returns its file name (the image id and extension). */
  async saveOriginal(businessId: string, imageId: string, image: NormalisedImage): Promise<string> {
    const fileName = `${imageId}.${image.ext}`;
    const target = this.originalPath(businessId, fileName);
    await fs.promises.mkdir(path.dirname(target), { recursive: true });
    await writeAtomically(target, image.bytes);
    return fileName;
  }

  /** Removes an image's original and its resized copies; a file already gone is fine. */
  async remove(businessId: string, imageId: string, fileName: string): Promise<void> {
    const paths = [this.originalPath(businessId, fileName), ...IMAGE_WIDTHS.map((w) => this.cachePath(imageId, w))];
    await Promise.all(paths.map((p) => fs.promises.rm(p, { force: true })));
  }

  /**
   * The image at a width as WebP, from the disk cache or made now (never
   * wider than the original). Two requests racing for the same copy both
   * write a temporary file and rename it: the last rename wins, both correct.
   */
  async resized(businessId: string, imageId: string, fileName: string, width: ImageWidth): Promise<string> {
    const cached = this.cachePath(imageId, width);
    if (fs.existsSync(cached)) return cached;
    const original = this.originalPath(businessId, fileName);
    if (!fs.existsSync(original)) throw new AppError('IMAGE_NOT_FOUND');
    const bytes = await sharp(original, { limitInputPixels: MAX_INPUT_PIXELS }).resize({ width, withoutEnlargement: true }).webp({ quality: 80 }).toBuffer();
    await fs.promises.mkdir(path.dirname(cached), { recursive: true });
    await writeAtomically(cached, bytes);
    return cached;
  }
}

async function writeAtomically(target: string, bytes: Buffer): Promise<void> {
  const temporary = `${target}.${crypto.randomBytes(6).toString('hex')}.tmp`;
  await fs.promises.writeFile(temporary, bytes);
  await fs.promises.rename(temporary, target);
}
