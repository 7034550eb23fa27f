import { AppError } from '../../../platform/errors/registry.ts';
import { formatPhone } from '../../../shared/phone.ts';
import { publicProductUrl } from '../../places/index.ts';
import { epochMinuteOf } from '../domain/calendar.ts';
import { BOOKING_TYPE_LABELS, CONFIRMATION_MODE_LABELS, PAYMENT_MODE_LABELS } from '../domain/model.ts';
import { bookingOpensAtOf } from '../domain/opens-at.ts';
import { findProductBusiness, loadProduct } from '../repository/product-store.ts';
import type { Db } from './edit.ts';
import { iso } from './present.ts';

/** BOOK-7: a product's public page: only an exposed product of an exposed place. */
export async function getPublicProduct(db: Db, productId: string) {
  const businessId = await findProductBusiness(db, productId);
  const loaded = businessId ? await loadProduct(db, businessId, productId) : null;
  if (!loaded || !loaded.row.exposed || !loaded.place.exposed) throw new AppError('PRODUCT_NOT_FOUND');
  const product = loaded.product;
  const opensAt = bookingOpensAtOf(product, epochMinuteOf(new Date()), loaded.timeZone);
  const r = loaded.row;
  return {
    id: r.id,
    name: r.name,
    description: r.description,
    bookingType: r.booking_type,
    bookingTypeLabel: BOOKING_TYPE_LABELS[r.booking_type],
    priceAmount: r.price_amount,
    prices: product.bookingType === 'time_slot' ? [] : product.prices.map((p) => ({ id: p.id, name: p.name, amount: p.amount })),
    confirmationMode: r.confirmation_mode,
    confirmationModeLabel: CONFIRMATION_MODE_LABELS[r.confirmation_mode],
    paymentMode: r.payment_mode,
    paymentModeLabel: PAYMENT_MODE_LABELS[r.payment_mode],
    cancellationPolicy: loaded.cancellationPolicy,
    maxQuantityPerBooking: r.max_quantity_per_booking,
    slotMinutes: r.slot_minutes,
    durationMinutes: r.duration_minutes,
    bookingOpensAt: opensAt === null ? null : iso(opensAt),
    publicUrl: publicProductUrl(r.id),
    place: {
      id: loaded.place.id,
      name: loaded.place.name,
      address: loaded.place.address,
      phone: loaded.place.phone ? formatPhone(loaded.place.phone) : '',
      bookingNotes: loaded.place.booking_notes,
      operatingStatus: loaded.place.operating_status,
    },
    business: { name: loaded.businessName, timeZone: loaded.timeZone },
  };
}
