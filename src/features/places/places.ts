import crypto from 'node:crypto';
import type { Kysely } from 'kysely';
import type { DB, PlaceOperatingStatus } from '../../platform/db/types.ts';
import { AppError, notFound } from '../../platform/errors/registry.ts';
import { formatPhone, normalizePhone } from '../../shared/phone.ts';
import { can, requirePermission, type Actor } from '../auth/index.ts';
import { IMAGES_PER_PLACE_MAX, normaliseImage, presentImage, type ImageStore, type ImageWidth } from './images.ts';
import { BOOKING_TYPE_LABELS } from '../products/index.ts';
import * as repo from './repository.ts';

type Db = Kysely<DB>;

/** Partner center reads: people who manage bookings or settings. */
export function requireCatalogRead(actor: Actor): void {
  if (!can(actor, 'bookings.manage') && !can(actor, 'settings.manage')) throw new AppError('FORBIDDEN');
}

/** Places and products are set up by people who manage settings. */
export function requireCatalogWrite(actor: Actor): void {
  requirePermission(actor, 'settings.manage');
}

/** Addresses of the public pages (BOOK-1: "각 장소페이지 및 상품페이지 URL"), relative to the site. */
export const publicPlaceUrl = (id: string) => `/book/places/${id}`;
export const publicProductUrl = (id: string) => `/book/products/${id}`;

export const OPERATING_STATUS_LABELS: Record<PlaceOperatingStatus, string> = { open: '운영중', paused: '일시중지', closed: '운영종료' };

export interface PlaceInput {
  name: string;
  category?: string;
  address?: string;
  phone?: string;
  operatingStatus?: PlaceOperatingStatus;
  exposed?: boolean;
  homepage?: string;
  introduction?: string;
  bookingNotes?: string;
  notices?: string;
  amenities?: string[];
  extraServices?: string[];
  checkInTime?: string | null;
  checkOutTime?: string | null;
  hotelGrade?: string | null;
  sortOrder?: number;
}

function phoneDigits(input: string): string {
  if (input.trim() === '') return '';
  const digits = normalizePhone(input);
  if (!digits) throw new AppError('PHONE_INVALID');
  return digits;
}

function uniqueList(items: string[]): string[] {
  return [...new Set(items.map((i) => i.normalize('NFC').trim()).filter((i) => i !== ''))];
}

function blankToNull(text: string | null | undefined): string | null {
  const trimmed = text?.trim() ?? '';
  return trimmed === '' ? null : trimmed;
}

function placeChanges(input: Partial<PlaceInput>): Partial<repo.PlaceValues> {
  const changes: Partial<repo.PlaceValues> = {
    name: input.name?.normalize('NFC').trim(),
    category: input.category?.trim(),
    address: input.address?.trim(),
    phone: input.phone === undefined ? undefined : phoneDigits(input.phone),
    operating_status: input.operatingStatus,
    exposed: input.exposed,
    homepage: input.homepage?.trim(),
    introduction: input.introduction,
    booking_notes: input.bookingNotes,
    notices: input.notices,
    amenities: input.amenities === undefined ? undefined : uniqueList(input.amenities),
    extra_services: input.extraServices === undefined ? undefined : uniqueList(input.extraServices),
    check_in_time: input.checkInTime === undefined ? undefined : blankToNull(input.checkInTime),
    check_out_time: input.checkOutTime === undefined ? undefined : blankToNull(input.checkOutTime),
    hotel_grade: input.hotelGrade === undefined ? undefined : blankToNull(input.hotelGrade),
    sort_order: input.sortOrder,
  };
  return Object.fromEntries(Object.entries(changes).filter(([, v]) => v !== undefined)) as Partial<repo.PlaceValues>;
}

function presentPlaceFields(row: repo.PlaceRow) {
  return {
    id: row.id,
    name: row.name,
    category: row.category,
    address: row.address,
    phone: row.phone ? formatPhone(row.phone) : '',
    operatingStatus: row.operating_status,
    operatingStatusLabel: OPERATING_STATUS_LABELS[row.operating_status],
    exposed: row.exposed,
    homepage: row.homepage,
    introduction: row.introduction,
    bookingNotes: row.booking_notes,
    notices: row.notices,
    amenities: row.amenities,
    extraServices: row.extra_services,
    checkInTime: row.check_in_time,
    checkOutTime: row.check_out_time,
    hotelGrade: row.hotel_grade,
  };
}

function presentProductSummary(row: { id: string; name: string; booking_type: keyof typeof BOOKING_TYPE_LABELS; exposed: boolean }) {
  return { id: row.id, name: row.name, bookingType: row.booking_type, bookingTypeLabel: BOOKING_TYPE_LABELS[row.booking_type], exposed: row.exposed, publicUrl: publicProductUrl(row.id) };
}

/** Places with their images and products, as the partner center lists them. */
async function presentPlaces(db: Db, businessId: string, rows: repo.PlaceRow[]) {
  const ids = rows.map((r) => r.id);
  const [images, products] = await Promise.all([repo.listImagesOfPlaces(db, businessId, ids), repo.listProductSummaries(db, businessId, ids)]);
  return rows.map((row) => ({
    ...presentPlaceFields(row),
    sortOrder: row.sort_order,
    publicUrl: publicPlaceUrl(row.id),
    images: images.filter((i) => i.place_id === row.id).map(presentImage),
    products: products.filter((p) => p.place_id === row.id).map(presentProductSummary),
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  }));
}

export async function listPlaces(db: Db, actor: Actor) {
  requireCatalogRead(actor);
  return { items: await presentPlaces(db, actor.businessId, await repo.listPlaces(db, actor.businessId)) };
}

export async function getPlace(db: Db, actor: Actor, id: string) {
  requireCatalogRead(actor);
  const row = (await repo.findPlace(db, actor.businessId, id)) ?? notFound('PLACE_NOT_FOUND');
  return (await presentPlaces(db, actor.businessId, [row]))[0]!;
}

export async function createPlace(db: Db, actor: Actor, input: PlaceInput) {
  requireCatalogWrite(actor);
  const changes = placeChanges(input);
  const row = await db.transaction().execute(async (trx) =>
    repo.insertPlace(trx, actor.businessId, {
      name: changes.name!,
      category: changes.category ?? '',
      address: changes.address ?? '',
      phone: changes.phone ?? '',
      operating_status: changes.operating_status ?? 'open',
      exposed: changes.exposed ?? true,
      homepage: changes.homepage ?? '',
      introduction: changes.introduction ?? '',
      booking_notes: changes.booking_notes ?? '',
      notices: changes.notices ?? '',
      amenities: changes.amenities ?? [],
      extra_services: changes.extra_services ?? [],
      check_in_time: changes.check_in_time ?? null,
      check_out_time: changes.check_out_time ?? null,
      hotel_grade: changes.hotel_grade ?? null,
      sort_order: changes.sort_order ?? (await repo.nextPlaceSortOrder(trx, actor.businessId)),
    }),
  );
  return (await presentPlaces(db, actor.businessId, [row]))[0]!;
}

export async function updatePlace(db: Db, actor: Actor, id: string, input: Partial<PlaceInput>) {
  requireCatalogWrite(actor);
  const changes = placeChanges(input);
  const row = Object.keys(changes).length === 0 ? await repo.findPlace(db, actor.businessId, id) : await repo.updatePlace(db, actor.businessId, id, changes);
  if (!row) throw new AppError('PLACE_NOT_FOUND');
  return (await presentPlaces(db, actor.businessId, [row]))[0]!;
}

/** BOOK-1: a place with products stays (PLACE_HAS_PRODUCTS); its images go with it. */
export async function deletePlace(db: Db, images: ImageStore, actor: Actor, id: string) {
  requireCatalogWrite(actor);
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

export async function addPlaceImage(db: Db, images: ImageStore, actor: Actor, placeId: string, upload: Buffer) {
  requireCatalogWrite(actor);
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

export async function deletePlaceImage(db: Db, images: ImageStore, actor: Actor, placeId: string, imageId: string) {
  requireCatalogWrite(actor);
  (await repo.findPlace(db, actor.businessId, placeId)) ?? notFound('PLACE_NOT_FOUND');
  const row = (await repo.deleteImage(db, actor.businessId, placeId, imageId)) ?? notFound('IMAGE_NOT_FOUND');
  await images.remove(actor.businessId, row.id, row.file_name);
}

/**
 * An image for the booking page or the partner center. Images of exposed
 * places are public; others only to a signed-in user of their business
 * (the partner center previews a place before exposing it).
 */
export async function resolveImage(db: Db, images: ImageStore, actor: Actor | null, imageId: string, width: ImageWidth) {
  const row = await repo.findImageForServing(db, imageId);
  if (!row || (!row.exposed && actor?.businessId !== row.business_id)) throw new AppError('IMAGE_NOT_FOUND');
  const file = await images.resized(row.business_id, row.id, row.file_name, width);
  return { file, public: row.exposed };
}

/** BOOK-7: the public place page: only an exposed place, with its exposed products. */
export async function getPublicPlace(db: Db, placeId: string) {
  const row = (await repo.findExposedPlace(db, placeId)) ?? notFound('PLACE_NOT_FOUND');
  const [images, products] = await Promise.all([
    repo.listImagesOfPlaces(db, row.business_id, [row.id]),
    repo.listProductSummaries(db, row.business_id, [row.id], true),
  ]);
  const ranges = new Map((await repo.priceRanges(db, row.business_id, products.map((p) => p.id))).map((r) => [r.product_id, r]));
  return {
    ...presentPlaceFields(row),
    publicUrl: publicPlaceUrl(row.id),
    business: { name: row.business_name, phone: row.business_phone ? formatPhone(row.business_phone) : '' },
    images: images.map(presentImage),
    products: products.map((p) => {
      const range = ranges.get(p.id);
      const minAmount = p.booking_type === 'time_slot' ? p.price_amount : range ? Number(range.min_amount) : null;
      const maxAmount = p.booking_type === 'time_slot' ? p.price_amount : range ? Number(range.max_amount) : null;
      return {
        id: p.id,
        name: p.name,
        description: p.description,
        bookingType: p.booking_type,
        bookingTypeLabel: BOOKING_TYPE_LABELS[p.booking_type],
        confirmationMode: p.confirmation_mode,
        confirmationModeLabel: p.confirmation_mode === 'instant' ? '즉시 확정' : '관리자 승인 후 확정',
        paymentMode: p.payment_mode,
        priceAmount: p.price_amount,
        minAmount,
        maxAmount,
        publicUrl: publicProductUrl(p.id),
      };
    }),
  };
}
