import type { Actor } from '../../auth/index.ts';
import { requireTimeSlot } from '../domain/edit-rules.ts';
import * as repo from '../repository/products.ts';
import { dateOrNull, editProduct, itemOf, productDetail, type Db } from './edit.ts';
import { weeklyHoursJson, type WeeklyHoursInput } from './present.ts';

export interface OperatingPeriodInput {
  startsOn: string;
  endsOn: string;
  weeklyHours: WeeklyHoursInput;
  bookingOpensAt?: string | null | undefined;
}

/** BOOK-3: a 운영기간 of a 시간예약형 product with its weekly hours and 예약시작 일시. */
export async function addOperatingPeriod(db: Db, actor: Actor, productId: string, input: OperatingPeriodInput) {
  const id = await editProduct(db, actor, productId, async ({ trx, loaded }) => {
    requireTimeSlot(loaded.product);
    const row = await repo.insertOperatingPeriod(trx, {
      businessId: actor.businessId,
      productId,
      startsOn: input.startsOn,
      endsOn: input.endsOn,
      weeklyHours: weeklyHoursJson(input.weeklyHours),
      bookingOpensAt: dateOrNull(input.bookingOpensAt) ?? null,
    });
    return row.id;
  });
  return itemOf(await productDetail(db, actor.businessId, productId), 'operatingPeriods', id);
}
