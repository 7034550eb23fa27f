import { AppError } from '../../../platform/errors/registry.ts';
import { normalizePhone } from '../../../shared/phone.ts';
import { authRepository as authRepo } from '../../auth/index.ts';
import { notifyUsers } from '../../notifications/index.ts';
import { placesRepository as placesRepo } from '../../places/index.ts';
import { productsRepository as productsRepo } from '../../products/index.ts';
import * as repo from '../repository.ts';
import type { Db } from './prepare.ts';

/** BOOK-11: a customer's question from an exposed place's page (about one of its products, if named); the shop is told. */
export async function createInquiry(db: Db, input: { placeId: string; productId?: string | undefined; name: string; phone: string; body: string }) {
  const place = await placesRepo.findExposedPlace(db, input.placeId);
  if (!place) throw new AppError('PLACE_NOT_FOUND');
  const phone = normalizePhone(input.phone);
  if (!phone) throw new AppError('PHONE_INVALID', { details: { fields: [{ path: 'phone', message: '올바른 전화번호가 아닙니다.' }] } });
  let productId: string | null = null;
  if (input.productId) {
    const product = await productsRepo.findProductAtPlace(db, place.business_id, place.id, input.productId);
    if (!product) throw new AppError('PRODUCT_NOT_FOUND');
    productId = product.id;
  }
  return db.transaction().execute(async (trx) => {
    const row = await repo.insertInquiry(trx, { businessId: place.business_id, placeId: place.id, productId, authorName: input.name.trim(), authorPhone: phone, body: input.body.trim() });
    await notifyUsers(trx, place.business_id, await authRepo.findUsersWithPermission(trx, place.business_id, 'bookings.manage'), {
      kind: 'booking_page.inquiry',
      title: '새 고객문의가 있습니다',
      body: `${row.author_name} · ${row.body.slice(0, 60)}`,
      scheduleId: null,
    });
    return { id: row.id, createdAt: row.created_at.toISOString() };
  });
}
