import { AppError } from '../../../platform/errors/registry.ts';
import type { Actor } from '../../auth/index.ts';
import { requireTimeSlot } from '../domain/edit-rules.ts';
import * as repo from '../repository/products.ts';
import type { OperatingPeriodInput } from './add-operating-period.ts';
import { dateOrNull, editProduct, itemOf, nothingAsked, productDetail, type Db } from './edit.ts';
import { weeklyHoursJson } from './present.ts';

/** BOOK-3: a 운영기간's dates, hours or 예약시작 일시; booked slots must stay slots. */
export async function updateOperatingPeriod(db: Db, actor: Actor, productId: string, periodId: string, input: Partial<OperatingPeriodInput>) {
  if (nothingAsked(input)) return itemOf(await productDetail(db, actor.businessId, productId), 'operatingPeriods', periodId);
  await editProduct(db, actor, productId, async ({ trx, loaded }) => {
    requireTimeSlot(loaded.product);
    const row = await repo.updateOperatingPeriod(trx, actor.businessId, productId, periodId, {
      startsOn: input.startsOn,
      endsOn: input.endsOn,
      weeklyHours: input.weeklyHours === undefined ? undefined : weeklyHoursJson(input.weeklyHours),
      bookingOpensAt: dateOrNull(input.bookingOpensAt),
    });
    if (!row) throw new AppError('OPERATING_PERIOD_NOT_FOUND');
  });
  return itemOf(await productDetail(db, actor.businessId, productId), 'operatingPeriods', periodId);
}
