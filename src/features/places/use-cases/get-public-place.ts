import { notFound } from '../../../platform/errors/registry.ts';
import { BOOKING_TYPE_LABELS, CONFIRMATION_MODE_LABELS } from '../../../shared/labels/products.ts';
import { formatPhone } from '../../../shared/phone.ts';
import { publicPlaceUrl, publicProductUrl } from '../domain/urls.ts';
import * as repo from '../repository.ts';
import { presentImage, presentPlaceFields, type Db } from './present.ts';

/** BOOK-7: the public place page: only an exposed place, with its exposed products and their price ranges. */
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
        confirmationModeLabel: CONFIRMATION_MODE_LABELS[p.confirmation_mode],
        paymentMode: p.payment_mode,
        priceAmount: p.price_amount,
        minAmount,
        maxAmount,
        publicUrl: publicProductUrl(p.id),
      };
    }),
  };
}
