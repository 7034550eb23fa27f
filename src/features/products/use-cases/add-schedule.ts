import { AppError } from '../../../platform/errors/registry.ts';
import type { Actor } from '../../auth/index.ts';
import { assertUsageKind, requireScheduled, type UsageInput } from '../domain/edit-rules.ts';
import * as repo from '../repository/products.ts';
import { editProduct, itemOf, productDetail, scheduleColumns, type Db } from './edit.ts';

export interface ScheduleInput {
  usage: UsageInput;
  bookingOpensAt: string;
  bookingClosesAt: string;
}

/** BOOK-4: an 일정 with its booking window; a 상시형 product has exactly one. */
export async function addSchedule(db: Db, actor: Actor, productId: string, input: ScheduleInput) {
  const id = await editProduct(db, actor, productId, async ({ trx, loaded }) => {
    const product = requireScheduled(loaded.product);
    if (product.bookingType === 'always' && product.schedules.length >= 1) {
      throw new AppError('ALWAYS_REQUIRES_ONE_SCHEDULE', { message: '상시형 상품에는 일정(이용기간)을 하나만 둘 수 있습니다. 있는 일정을 수정해 주세요.' });
    }
    assertUsageKind(product, input.usage);
    const row = await repo.insertSchedule(trx, actor.businessId, productId, {
      ...scheduleColumns(input.usage),
      booking_opens_at: new Date(input.bookingOpensAt),
      booking_closes_at: new Date(input.bookingClosesAt),
    });
    return row.id;
  });
  return itemOf(await productDetail(db, actor.businessId, productId), 'schedules', id);
}
