import type { Kysely } from 'kysely';
import type { DB } from '../../../platform/db/types.ts';
import { BOOKING_TYPE_LABELS } from '../../../shared/labels/products.ts';
import { formatPhone } from '../../../shared/phone.ts';
import { OPERATING_STATUS_LABELS } from '../domain/place.ts';
import { imageUrl, publicPlaceUrl, publicProductUrl } from '../domain/urls.ts';
import * as repo from '../repository.ts';

/** How places show in the partner center and on the booking page (the reply schemas are in ../routes.ts). */

export type Db = Kysely<DB>;

export function presentImage(row: { id: string; width: number; height: number; content_type: string; byte_size: number; sort_order: number }) {
  return {
    id: row.id,
    width: row.width,
    height: row.height,
    contentType: row.content_type,
    byteSize: row.byte_size,
    sortOrder: row.sort_order,
    url: imageUrl(row.id, 1280),
    urls: { w320: imageUrl(row.id, 320), w640: imageUrl(row.id, 640), w1280: imageUrl(row.id, 1280) },
  };
}

export function presentPlaceFields(row: repo.PlaceRow) {
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
export async function presentPlaces(db: Db, businessId: string, rows: repo.PlaceRow[]) {
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
